//! Term extraction: candidates in both languages (acronyms, multiword terms, names), variants,
//! and EN↔RU pairing over aligned text.
