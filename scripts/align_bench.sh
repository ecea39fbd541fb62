#!/usr/bin/env bash
# Alignment benchmark end to end: test documents, quality on the held-out set, speed.
# See benches/README.md. Extra arguments go to align_eval.py (e.g. --aligners termtool,galechurch).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 benches/align_data.py
python3 benches/align_eval.py --set heldout "$@"
python3 benches/align_eval.py --set long --no-build "$@"
python3 benches/align_speed.py
