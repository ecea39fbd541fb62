// termtool review pages: alignments bead by bead, and the glossary candidates.
// Plain JavaScript, no framework, no build step; docs/review.md is the contract.
// Served with a server (relative `api/...` URLs), or read-only from a static report that
// carries its data in `window.TERMTOOL_DATA` ({reviews: [...], entries: [...]}).
(function () {
  'use strict';

  const DATA = window.TERMTOOL_DATA || null;
  const STATIC = !!DATA;
  const TOKEN = new URLSearchParams(location.search).get('token');
  const $main = document.getElementById('main');
  const $toolbar = document.getElementById('toolbar');
  const $status = document.getElementById('status');
  const $help = document.getElementById('help');
  const $helpToggle = document.getElementById('help-toggle');
  const LANG = { en: 'English', ru: 'Russian' };

  // ---------------------------------------------------------------- small helpers

  // h('tag', {attrs}, children...): builds an element. `class`, `data-*`, `aria-*` and other
  // attributes are set as attributes; on* functions become listeners; booleans toggle.
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
    append(el, children);
    return el;
  }
  function append(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : String(c));
    }
    return el;
  }
  const kbd = (k) => h('kbd', null, k);
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many || one + 's'}`;

  // The status line (role=status, aria-live): every error is shown here, never dropped.
  // With no text it shows the page's hint.
  function setStatus(text, kind) {
    $status.textContent = text || page.hint || '';
    $status.className = 'status' + (kind ? ' ' + kind : text ? '' : ' idle');
  }
  function readOnly() {
    setStatus('This is a read-only report: nothing can be changed here.', 'warn');
  }

  // body[data-ready] is "1" once a page shows its data, "0" while a request is under way.
  let inFlight = 0;
  function markReady() {
    if (inFlight === 0) document.body.dataset.ready = '1';
  }

  // One request to the server. Never throws: {ok, status, data, error}.
  async function api(method, url, body) {
    inFlight++;
    document.body.dataset.ready = '0';
    try {
      const headers = { Accept: 'application/json' };
      if (TOKEN) headers.Authorization = 'Bearer ' + TOKEN;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let res;
      try {
        res = await fetch(url, {
          method, headers, cache: 'no-store',
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (e) {
        return { ok: false, status: 0, data: null, error: 'The server cannot be reached: ' + e.message };
      }
      const text = await res.text();
      let data = null;
      try { data = text ? JSON.parse(text) : null; } catch (e) { /* not JSON: reported below */ }
      let error = null;
      if (!res.ok) {
        error = `${(data && data.error) || text.slice(0, 300) || res.statusText || 'request failed'} (${res.status})`;
        if (res.status === 401) error += ': open the address termtool printed, with its ?token=…';
        else if (res.status === 403) error += ': this token may read but not change anything';
      } else if (data === null) error = 'The server answered something other than JSON.';
      return { ok: !error, status: res.status, data, error };
    } finally {
      inFlight--;
    }
  }

  // Confidence classes: green from 0.8, amber from 0.5, red below.
  function scoreClass(s) {
    if (s === null || s === undefined) return 's-none';
    return s >= 0.8 ? 's-high' : s >= 0.5 ? 's-mid' : 's-low';
  }
  function scoreBadge(s, what) {
    const none = s === null || s === undefined;
    return h('span', {
      class: 'score ' + scoreClass(s),
      title: none ? 'changed by hand: no score' : `${what} ${s.toFixed(2)}`,
    }, none ? 'edited' : s.toFixed(2));
  }

  // Is the key press meant for a text field rather than for us?
  function typing(e) {
    const t = e.target;
    return t instanceof HTMLElement &&
      (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  // Focus an element and bring it into view (only <main> scrolls, under the header).
  function focusInView(el) {
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest' });
  }

  // The header's height, for the key help that opens below it.
  const $top = document.querySelector('header.top');
  new ResizeObserver(() => {
    document.documentElement.style.setProperty('--top', $top.offsetHeight + 'px');
  }).observe($top);

  // ---------------------------------------------------------------- routing and keys

  // The current page: {name, keys(e) -> true when handled, help: [[keys, what]...]}.
  let page = { name: '', keys: null, help: [], hint: '' };
  let lastReview = null; // where `g` on the glossary goes back to

  function route() {
    let hash = location.hash.replace(/^#/, '') || '/';
    try { hash = decodeURIComponent(hash); } catch (e) { /* keep it as it is */ }
    const m = hash.match(/^\/review\/([^/]+)\/?$/);
    document.body.dataset.ready = '0';
    $toolbar.replaceChildren();
    $main.replaceChildren();
    let name = 'reviews';
    if (m) { name = 'review'; showReview(m[1]); }
    else if (/^\/glossary\/?$/.test(hash)) { name = 'glossary'; showGlossary(); }
    else showReviews();
    for (const a of document.querySelectorAll('[data-nav]')) {
      const current = a.dataset.nav === (name === 'glossary' ? 'glossary' : 'reviews');
      if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    }
  }

  function toggleHelp(show) {
    show = show === undefined ? $help.hidden : show;
    $help.hidden = !show;
    $helpToggle.setAttribute('aria-expanded', String(show));
    if (!show) return;
    $help.replaceChildren(
      h('h2', null, 'Keys'),
      h('table', null, h('tbody', null, page.help.map(([k, what]) =>
        h('tr', null, h('th', { scope: 'row' }, k.split(' ').map((x) => x === '/' ? ' / ' : kbd(x))), h('td', null, what))))),
      h('button', { type: 'button', onclick: () => toggleHelp(false) }, 'Close ', kbd('Esc')));
  }
  $helpToggle.addEventListener('click', () => toggleHelp());

  document.addEventListener('keydown', (e) => {
    if (typing(e) || e.defaultPrevented) return;
    if (e.key === '?' && !e.ctrlKey && !e.metaKey) { toggleHelp(); e.preventDefault(); return; }
    if (e.key === 'Escape' && !$help.hidden) { toggleHelp(false); e.preventDefault(); return; }
    if (page.keys && page.keys(e)) e.preventDefault();
  });

  window.addEventListener('hashchange', route);

  // Go to another page. data-ready drops at once, before the hashchange event arrives.
  function go(hash) {
    if (location.hash === hash || (hash === '#/' && !location.hash)) return;
    document.body.dataset.ready = '0';
    location.hash = hash;
  }
  document.addEventListener('click', (e) => {
    const a = e.target instanceof Element && e.target.closest('a[href^="#"]');
    if (a && !e.defaultPrevented && e.button === 0 && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      go(a.getAttribute('href'));
    }
  });

  // ---------------------------------------------------------------- list of reviews

  async function showReviews() {
    page = {
      name: 'reviews', help: [['g', 'the glossary'], ['?', 'show or hide the keys']],
      keys: (e) => { if (e.key === 'g' && !e.ctrlKey && !e.metaKey) { go('#/glossary'); return true; } return false; },
      hint: 'Open an alignment to review it bead by bead; g opens the glossary.',
    };
    setStatus('');
    let reviews;
    if (STATIC) {
      reviews = (DATA.reviews || []).map((r) => ({
        id: r.id, name: r.name, beads: r.beads.length,
        confirmed: r.beads.filter((b) => b.status === 'confirmed').length,
        noise: r.beads.filter((b) => b.status === 'noise').length,
      }));
    } else {
      const r = await api('GET', 'api/reviews');
      if (page.name !== 'reviews') return;
      if (!r.ok) { setStatus(r.error, 'error'); markReady(); return; }
      reviews = r.data.reviews || [];
    }
    const rows = reviews.map((r) => {
      const done = r.beads ? Math.round(100 * (r.confirmed + r.noise) / r.beads) : 100;
      return h('tr', null,
        h('td', null, h('a', { href: `#/review/${encodeURIComponent(r.id)}` }, r.name)),
        h('td', { class: 'num' }, r.beads), h('td', { class: 'num' }, r.confirmed),
        h('td', { class: 'num' }, r.noise), h('td', { class: 'num' }, r.beads - r.confirmed - r.noise),
        h('td', null, h('span', { class: 'bar', role: 'img', 'aria-label': `${done}% reviewed` },
          h('span', { style: `width:${done}%` })), ` ${done}%`));
    });
    $main.replaceChildren(h('section', { class: 'page' },
      h('h1', null, 'Alignments'),
      reviews.length === 0
        ? h('p', { class: 'empty' }, 'No alignment to review. Run ', h('code', null, 'termtool review FILE…'), ' to align documents.')
        : h('table', { class: 'list' },
          h('thead', null, h('tr', null, ['Document', 'Beads', 'Confirmed', 'Noise', 'Unconfirmed', 'Reviewed']
            .map((t, i) => h('th', { scope: 'col', class: i && i < 5 ? 'num' : null }, t)))),
          h('tbody', null, rows)),
      h('p', null, h('a', { href: '#/glossary' }, 'Review the glossary candidates'), ' ', kbd('g'))));
    markReady();
  }

  // ---------------------------------------------------------------- one alignment

  const undoStacks = new Map(); // review id -> [undo actions], kept while the page lives
  // The review on screen: {id, review, sel (index of the selected bead), side, busy}.
  let R = null;

  const REVIEW_HELP = [
    ['↓ / ↑', 'next / previous bead (also j / k)'], ['n', 'next unconfirmed bead'],
    ['l', 'unconfirmed bead of lowest confidence'], ['s', 'confirm (again: unconfirm)'],
    ['x', 'mark as noise (again: unconfirm)'], ['Ctrl+Backspace', 'merge with the next bead'],
    ['Ctrl+Enter', 'split after the first sentence of each side'],
    ['Tab', 'switch the side (English / Russian) the move keys act on'],
    ['Ctrl+↑', 'move the first sentence (active side) into the previous bead'],
    ['Ctrl+↓', 'move the last sentence (active side) into the next bead'],
    ['u', 'unpair: English-only and Russian-only beads'], ['z / Ctrl+Z', 'undo the last action'],
    ['Esc', 'from the beads to the toolbar and back'], ['g', 'the glossary'], ['?', 'show or hide the keys'],
  ];

  async function showReview(id) {
    R = { id, review: null, sel: 0, side: 'en', busy: false };
    lastReview = id;
    if (!undoStacks.has(id)) undoStacks.set(id, []);
    page = {
      name: 'review', keys: reviewKeys, help: REVIEW_HELP,
      hint: STATIC ? '↓ ↑ move between beads; n: next unconfirmed; l: lowest confidence; ? shows the keys.'
        : '↓ ↑ move · s confirm · x noise · Ctrl+⌫ merge · Ctrl+↵ split · Tab side · Ctrl+↑/↓ move a sentence · z undo · ? all keys',
    };
    setStatus('');
    if (STATIC) {
      const review = (DATA.reviews || []).find((r) => String(r.id) === String(id));
      if (!review) { setStatus(`There is no review ${id} in this report.`, 'error'); markReady(); return; }
      setReview(review, null);
    } else {
      const ok = await loadReview(null);
      if (!ok) $main.replaceChildren(h('p', { class: 'empty' }, h('a', { href: '#/' }, 'Back to the list of alignments')));
    }
    focusInView(selectedRow());
  }

  // GET the review again and show it, keeping the selection on `keepId` when it still exists.
  async function loadReview(keepId) {
    const rv = R;
    const r = await api('GET', `api/reviews/${encodeURIComponent(rv.id)}`);
    if (R !== rv || page.name !== 'review') return false;
    if (!r.ok) { setStatus(r.error, 'error'); markReady(); return false; }
    setReview(r.data, keepId);
    return true;
  }

  // Show `review`, selecting bead `keepId` or, when it is gone, the nearest position.
  function setReview(review, keepId) {
    const beads = review.beads;
    let sel = keepId === null ? R.sel : beads.findIndex((b) => b.id === keepId);
    if (sel < 0) sel = R.sel;
    R.review = review;
    R.sel = Math.max(0, Math.min(sel, beads.length - 1));
    renderReview();
    markReady();
  }

  const cur = () => R.review.beads[R.sel];
  const selectedRow = () => $main.querySelector('.bead.selected');

  function renderReview() {
    const rv = R.review;
    const count = (s) => rv.beads.filter((b) => b.status === s).length;
    const confirmed = count('confirmed'), noise = count('noise');
    const stack = undoStacks.get(R.id);
    const btn = (action, label, key, title) => h('button', {
      type: 'button', 'data-action': action, title, disabled: STATIC,
      onclick: () => { if (!STATIC) ACTIONS[action](); },
    }, label, key ? [' ', kbd(key)] : null);

    $toolbar.replaceChildren(h('div', { class: 'review-bar' },
      h('div', { class: 'titles' },
        h('h1', null, rv.name),
        h('p', { class: 'counts' },
          h('span', null, plural(rv.beads.length, 'bead')), h('span', { class: 'c-confirmed' }, `${confirmed} confirmed`),
          h('span', { class: 'c-noise' }, `${noise} noise`), h('span', { class: 'c-open' }, `${rv.beads.length - confirmed - noise} unconfirmed`))),
      h('div', { class: 'actions', role: 'toolbar', 'aria-label': 'Actions on the selected bead' },
        h('div', { class: 'group' },
          btn('confirm', '✓ Confirm', 's', 'Confirm the selected bead (again: unconfirm)'),
          btn('noise', 'Noise', 'x', 'Mark as noise: left out of the memory (again: unconfirm)')),
        h('div', { class: 'group' },
          btn('merge', 'Merge', 'Ctrl+⌫', 'Merge with the next bead'),
          btn('split', 'Split', 'Ctrl+↵', 'Split after the first sentence of each side'),
          btn('unpair', 'Unpair', 'u', 'Make an English-only and a Russian-only bead')),
        h('div', { class: 'group side-switch', role: 'group', 'aria-label': 'Move a sentence of the active side' },
          btn('move-up', 'Move ↑', null, 'Move the first sentence of the active side into the previous bead (Ctrl+↑)'),
          btn('move-down', 'Move ↓', null, 'Move the last sentence of the active side into the next bead (Ctrl+↓)'),
          h('span', { class: 'label' }, 'side'),
          ['en', 'ru'].map((s) => h('button', {
            type: 'button', 'data-side': s, 'aria-pressed': String(R.side === s),
            title: 'The side the move keys act on (Tab switches)', onclick: () => { setSide(s); focusInView(selectedRow()); },
          }, LANG[s])), kbd('Tab')),
        h('button', {
          type: 'button', 'data-action': 'undo', disabled: STATIC || stack.length === 0,
          title: 'Undo the last action', onclick: () => ACTIONS.undo(),
        }, '↶ Undo', ' ', kbd('z'), h('span', { class: 'n' }, stack.length ? ` (${stack.length})` : '')))));

    const list = h('ol', { class: 'beads side-' + R.side, 'aria-label': 'Beads' },
      rv.beads.map((b, i) => beadRow(rv, b, i)));
    const skipped = (rv.skipped || []).length ? h('details', { class: 'skipped' },
      h('summary', null, plural(rv.skipped.length, 'paragraph') + ' in other languages skipped'),
      h('ul', null, rv.skipped.map((s) => h('li', { lang: s.lang }, h('span', { class: 'lang-tag' }, s.lang), ' ', s.text)))) : null;
    const cols = h('div', { class: 'cols', 'aria-hidden': 'true' }, h('span'),
      ['en', 'ru'].map((s) => h('span', { class: 'colhead', 'data-side': s }, LANG[s], h('span', { class: 'active-tag' }, 'active side'))));
    $main.replaceChildren(cols, list, skipped);
    updateSelection(false);
  }

  function beadRow(rv, b, i) {
    const low = b.score !== null && b.score !== undefined && b.score < 0.8;
    const reasons = b.reasons || [];
    const state = b.status === 'confirmed' ? '✓ confirmed' : b.status === 'noise' ? 'noise' : 'unconfirmed';
    return h('li', {
      class: 'bead ' + scoreClass(b.score) + (low ? ' low' : ''), 'data-id': b.id, 'data-status': b.status,
      tabindex: '-1', onclick: () => select(i, false),
    },
      h('div', { class: 'gutter' },
        h('span', { class: 'pos', title: 'bead ' + (i + 1) }, i + 1),
        scoreBadge(b.score, 'confidence'),
        h('span', { class: 'state' }, state)),
      ['en', 'ru'].map((side) => h('div', { class: 'side ' + side, lang: side }, sideContent(rv, b, side))),
      reasons.length ? h('ul', { class: 'reasons', 'aria-label': 'Why the score is low' },
        reasons.map((r) => h('li', { 'data-code': r.code }, r.text))) : null);
  }

  // The bead's sentences of one side, one line each, with glossary terms marked. Term offsets
  // are UTF-16 indices into the sentences joined with single spaces: sentence k starts where
  // the previous ended plus one.
  function sideContent(rv, b, side) {
    if (!b[side].length) return h('p', { class: 'none' }, `no ${LANG[side]} sentence`);
    const terms = ((b.terms || {})[side] || []).slice().sort((x, y) => x.start - y.start || y.end - x.end);
    let base = 0;
    return b[side].map((n) => {
      const s = rv[side][n];
      const prev = rv[side][n - 1];
      const para = n > 0 && prev && prev.para !== s.para;
      const p = h('p', { class: 'sent' + (para ? ' para' : '') },
        h('span', { class: 'sn', title: (para ? 'new paragraph, ' : '') + 'sentence ' + (n + 1) }, (para ? '¶' : '') + (n + 1)),
        h('span', { class: 'tx' }, marked(s.text, base, terms, side)));
      base += s.text.length + 1;
      return p;
    });
  }

  function marked(text, base, terms, side) {
    const out = [];
    let pos = 0;
    for (const t of terms) {
      let a = t.start - base, z = Math.min(t.end - base, text.length);
      if (z <= 0 || a >= text.length) continue;
      if (a < 0) a = 0; else if (a < pos) continue; // overlaps the previous term: skip it
      if (a > pos) out.push(text.slice(pos, a));
      const eq = (t.equivalents || []).join('; ');
      const other = side === 'en' ? 'Russian' : 'English';
      const title = t.missing
        ? `${t.term}: equivalent missing in the ${other} (${eq || 'none approved'})`
        : `${t.term} → ${eq || 'no equivalent'}`;
      out.push(h('mark', { class: 'term' + (t.missing ? ' missing' : ''), title, 'data-concept': t.concept }, text.slice(a, z)));
      if (t.missing) out.push(h('span', { class: 'miss', title }, '⚠ equivalent missing'));
      pos = z;
    }
    out.push(text.slice(pos));
    return out;
  }

  // Selection and side, without rebuilding the list.
  function select(i, focus = true) {
    const n = R.review.beads.length;
    if (!n) return;
    R.sel = Math.max(0, Math.min(i, n - 1));
    updateSelection(focus);
  }
  function updateSelection(focus = true) {
    for (const el of $main.querySelectorAll('.bead.selected')) {
      el.classList.remove('selected'); el.removeAttribute('aria-current'); el.tabIndex = -1;
    }
    const rows = $main.querySelectorAll('.bead');
    const row = rows[R.sel];
    if (row) {
      row.classList.add('selected'); row.setAttribute('aria-current', 'true'); row.tabIndex = 0;
      if (focus) focusInView(row);
    }
    const b = R.review.beads[R.sel];
    for (const [action, status] of [['confirm', 'confirmed'], ['noise', 'noise']]) {
      const el = $toolbar.querySelector(`[data-action="${action}"]`);
      if (el) el.setAttribute('aria-pressed', String(!!b && b.status === status));
    }
    for (const el of $main.querySelectorAll('.colhead')) el.classList.toggle('active', el.dataset.side === R.side);
    for (const el of $toolbar.querySelectorAll('[data-side]')) el.setAttribute('aria-pressed', String(el.dataset.side === R.side));
  }
  function setSide(side) {
    R.side = side;
    const list = $main.querySelector('.beads');
    if (list) list.className = 'beads side-' + side;
    updateSelection(false);
    setStatus(`Active side: ${LANG[side]} (the move keys act on it).`);
  }

  // Post one action; on success show the answer and keep its undo, on 409 read the review
  // again (another tab changed it). Answers the api() result, or null when nothing was sent.
  const onPage = (rv) => R === rv && page.name === 'review';
  async function post(body, { isUndo = false, keepId = null } = {}) {
    if (STATIC) { readOnly(); return null; }
    if (R.busy) { setStatus('Still saving the previous action…', 'warn'); return null; }
    const rv = R;
    rv.busy = true;
    const r = await api('POST', `api/reviews/${encodeURIComponent(rv.id)}/actions`, body);
    rv.busy = false;
    if (r.ok && !isUndo && r.data.undo) undoStacks.get(rv.id).push({ action: r.data.undo, before: body.beads });
    if (!onPage(rv)) return r; // the user left the page meanwhile: nothing to show
    const keep = keepId !== null ? keepId : cur() ? cur().id : null;
    if (r.ok) {
      const { undo, ...review } = r.data;
      setReview(review, keep);
      focusInView(selectedRow());
    } else if (r.status === 409) {
      setStatus(r.error, 'error');
      await loadReview(keep);
      setStatus(r.error + ' The review was read again: check the bead and try again.', 'error');
      focusInView(selectedRow());
    } else {
      setStatus(r.error, 'error');
      markReady();
    }
    return r;
  }

  const ref = (b) => ({ id: b.id, version: b.version });
  const name = (i) => `bead ${i + 1}`;

  async function act(op, beads, extra, done) {
    const rv = R;
    const r = await post(Object.assign({ op, beads: beads.map(ref) }, extra || {}));
    if (r && r.ok && done && onPage(rv)) setStatus(done, 'ok');
  }

  // Every action of the alignment page, for the keys and the buttons alike.
  const ACTIONS = {
    confirm() {
      const b = cur(); if (!b) return;
      const op = b.status === 'confirmed' ? 'unconfirm' : 'confirm';
      act(op, [b], null, `${op === 'confirm' ? 'Confirmed' : 'Unconfirmed'} ${name(R.sel)}.`);
    },
    noise() {
      const b = cur(); if (!b) return;
      const op = b.status === 'noise' ? 'unconfirm' : 'noise';
      act(op, [b], null, op === 'noise' ? `Marked ${name(R.sel)} as noise.` : `Unconfirmed ${name(R.sel)}.`);
    },
    merge() {
      const i = R.sel, b = cur(), next = R.review.beads[i + 1];
      if (!b) return;
      if (!next) { setStatus('The last bead has no next bead to merge with.', 'warn'); return; }
      act('merge', [b, next], null, `Merged ${name(i)} with the next bead.`);
    },
    split() {
      const b = cur(); if (!b) return;
      const en = b.en.length, ru = b.ru.length;
      const enAt = Math.min(1, en), ruAt = Math.min(1, ru);
      if ((enAt === 0 && ruAt === 0) || (enAt === en && ruAt === ru)) {
        setStatus(`A ${en}–${ru} bead cannot be split: it has no second sentence.`, 'warn');
        return;
      }
      act('split', [b], { en_at: enAt, ru_at: ruAt }, `Split ${name(R.sel)} after its first sentence${en && ru ? 's' : ''}.`);
    },
    unpair() {
      const b = cur(); if (!b) return;
      if (!b.en.length || !b.ru.length) { setStatus('Only a bead with both languages can be unpaired.', 'warn'); return; }
      act('unpair', [b], null, `Unpaired ${name(R.sel)}.`);
    },
    'move-up'() { moveSentence(-1); },
    'move-down'() { moveSentence(1); },
    // Posts the top of the undo stack as the server gave it; an undo pushes nothing new. A
    // refused one (4xx: the beads changed since) is dropped; after a network error it stays.
    async undo() {
      if (STATIC) { readOnly(); return; }
      const rv = R, stack = undoStacks.get(rv.id);
      if (!stack.length) { setStatus('Nothing to undo.', 'warn'); return; }
      const top = stack[stack.length - 1];
      const first = top.action.beads && top.action.beads[0] ? top.action.beads[0].id : null;
      const r = await post(top.action, { isUndo: true, keepId: first });
      if (!r) return;
      if (r.ok || (r.status >= 400 && r.status < 500)) {
        const at = stack.lastIndexOf(top);
        if (at >= 0) stack.splice(at, 1);
        if (r.ok) restamp(stack, top.before, r.data.beads);
        renderUndoCount();
      }
      if (r.ok && onPage(rv)) setStatus(`Undone: ${top.action.op}.`, 'ok');
    },
  };

  // After an undo the beads it restored are as the older undos on the stack expect them, but
  // with new versions: carry those over, so that undoing several steps does not meet a 409.
  // `before` names the beads as the undone action found them; a second bead that the undo
  // could only recreate under a new id (a merge undone by a split) is the one after the first.
  function restamp(stack, before, beads) {
    const renamed = new Map(); // "id@version" -> {id, version}
    (before || []).forEach((ref, k) => {
      let at = beads.findIndex((b) => b.id === ref.id);
      if (at < 0 && k > 0) {
        const prev = beads.findIndex((b) => b.id === before[0].id);
        at = prev >= 0 ? prev + k : -1;
      }
      if (at >= 0 && beads[at]) renamed.set(`${ref.id}@${ref.version}`, { id: beads[at].id, version: beads[at].version });
    });
    for (const entry of stack) {
      entry.action = Object.assign({}, entry.action, {
        beads: entry.action.beads.map((ref) => renamed.get(`${ref.id}@${ref.version}`) || ref),
      });
    }
  }
  function renderUndoCount() {
    const el = $toolbar.querySelector('[data-action="undo"] .n') || {};
    const n = undoStacks.get(R.id).length;
    el.textContent = n ? ` (${n})` : '';
    const b = $toolbar.querySelector('[data-action="undo"]');
    if (b) b.disabled = STATIC || n === 0;
  }

  // Ctrl+↑: the first sentence of the active side joins the end of the previous bead.
  // Ctrl+↓: the last sentence of the active side joins the start of the next bead.
  function moveSentence(dir) {
    const i = R.sel, b = cur(), side = R.side;
    if (!b) return;
    if (!b[side].length) { setStatus(`The selected bead has no ${LANG[side]} sentence to move (Tab switches the side).`, 'warn'); return; }
    const other = R.review.beads[i + dir];
    if (!other) { setStatus(`There is no ${dir < 0 ? 'previous' : 'next'} bead to move the sentence into.`, 'warn'); return; }
    if (dir < 0) act('move', [other, b], { side, to: 'first' }, `Moved the first ${LANG[side]} sentence into the previous bead.`);
    else act('move', [b, other], { side, to: 'second' }, `Moved the last ${LANG[side]} sentence into the next bead.`);
  }

  // n: the next unconfirmed bead after the selection, wrapping round.
  function nextUnconfirmed() {
    const beads = R.review.beads, n = beads.length;
    for (let k = 1; k <= n; k++) {
      const i = (R.sel + k) % n;
      if (beads[i].status === 'unconfirmed') { select(i); return; }
    }
    setStatus('No unconfirmed bead left.', 'ok');
  }
  // l: the unconfirmed bead of lowest score (the first after the selection among equals);
  // beads changed by hand (no score) only when no scored one is left.
  function lowestUnconfirmed() {
    const beads = R.review.beads, n = beads.length;
    let best = -1, bestNull = -1;
    for (let k = 1; k <= n; k++) {
      const i = (R.sel + k) % n, b = beads[i];
      if (b.status !== 'unconfirmed') continue;
      if (b.score === null || b.score === undefined) { if (bestNull < 0) bestNull = i; }
      else if (best < 0 || b.score < beads[best].score) best = i;
    }
    const i = best >= 0 ? best : bestNull;
    if (i < 0) setStatus('No unconfirmed bead left.', 'ok'); else select(i);
  }

  function reviewKeys(e) {
    if (!R || !R.review) return false;
    const k = e.key, ctrl = e.ctrlKey || e.metaKey;
    if (e.altKey) return false;
    if (ctrl) {
      const f = { ArrowUp: ACTIONS['move-up'], ArrowDown: ACTIONS['move-down'], Backspace: ACTIONS.merge,
        Enter: ACTIONS.split, z: ACTIONS.undo, Z: ACTIONS.undo }[k];
      if (!f) return false;
      if (STATIC) readOnly(); else f();
      return true;
    }
    if (k === 'Tab') {
      // Tab switches the side while on the beads; from the toolbar it moves focus as usual.
      const a = document.activeElement;
      if (a && a !== document.body && a !== $main && !a.classList.contains('bead')) return false;
      setSide(R.side === 'en' ? 'ru' : 'en');
      return true;
    }
    const nav = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }[k];
    if (nav) { select(R.sel + nav); return true; }
    switch (k) {
      case 'Home': select(0); return true;
      case 'End': select(R.review.beads.length - 1); return true;
      case 'n': nextUnconfirmed(); return true;
      case 'l': lowestUnconfirmed(); return true;
      case 'g': go('#/glossary'); return true;
      case 'Escape': { // between the beads and the toolbar
        if ($toolbar.contains(document.activeElement)) focusInView(selectedRow());
        else { const f = $toolbar.querySelector('button:not([disabled])'); if (f) f.focus(); }
        return true;
      }
    }
    const f = { s: ACTIONS.confirm, x: ACTIONS.noise, u: ACTIONS.unpair, z: ACTIONS.undo }[k];
    if (!f) return false;
    if (STATIC) readOnly(); else f();
    return true;
  }

  // ---------------------------------------------------------------- glossary

  // The glossary on screen: {entries, total, status, filter, sel, busy,
  // states (id -> "accepted" | "rejected" | "edited" | "merged" | "split", what was decided here),
  // mergeFrom (the entry marked by m to be merged into another, as last read; null: none)}.
  let G = null;
  const GLOSSARY_HELP = [
    ['↓ / ↑', 'next / previous entry (also j / k)'], ['a', 'accept'], ['r', 'reject'],
    ['e', 'edit (Enter saves, Esc cancels); with text selected in a context, it fills that side'],
    ['p', 'choose the preferred term: each p goes to the next other term (Shift+P back), Enter makes it preferred'],
    ['m', 'mark the entry to merge; then m on the entry to merge it into (Esc cancels)'],
    ['s', 'split a term off into an entry of its own: each s goes to the next term (Shift+S back), Enter splits it off'],
    ['Esc', 'cancel a merge; from a term back to its entry'],
    ['/', 'filter'], ['g', 'back to the alignments'], ['?', 'show or hide the keys'],
  ];

  async function showGlossary() {
    G = { entries: [], total: 0, status: 'candidates', filter: '', sel: 0, busy: false, states: new Map(), mergeFrom: null };
    page = {
      name: 'glossary', keys: glossaryKeys, help: GLOSSARY_HELP,
      hint: STATIC ? '↓ ↑ move between entries; / filters; g goes back to the alignments; ? shows the keys.'
        : '↓ ↑ move · a accept · r reject · e edit (select text in a context first to fill that side) · p preferred term · m merge · s split off · / filter · g alignments · ? all keys',
    };
    setStatus('');
    let timer = null;
    $toolbar.replaceChildren(h('div', { class: 'glossary-bar' },
      h('h1', null, 'Glossary'),
      h('p', { class: 'counts', id: 'g-count' }),
      h('label', null, 'Show ', h('select', {
        id: 'g-status', onchange: (e) => { G.status = e.target.value; loadEntries(null); },
      }, [['candidates', 'candidates'], ['decided', 'decided'], ['all', 'all entries']]
        .map(([v, t]) => h('option', { value: v }, t)))),
      h('label', null, 'Filter ', h('input', {
        type: 'search', id: 'g-filter', placeholder: 'a term…', autocomplete: 'off',
        oninput: (e) => {
          document.body.dataset.ready = '0'; // until the filtered entries are shown
          clearTimeout(timer);
          const g = G;
          timer = setTimeout(() => {
            if (G !== g || page.name !== 'glossary') return;
            G.filter = e.target.value.trim();
            loadEntries(null);
          }, 250);
        },
        onkeydown: (e) => { if (e.key === 'Escape' || e.key === 'Enter') { e.preventDefault(); focusInView(selectedCard()); } },
      })),
      h('p', { class: 'merge-note', id: 'g-merge', role: 'note', hidden: true })));
    await loadEntries(null);
    focusInView(selectedCard());
  }

  // Read the entries (or filter the report's), keeping the selection on `keepId`.
  async function loadEntries(keepId) {
    let entries, total;
    if (STATIC) {
      const f = G.filter.toLowerCase();
      entries = (DATA.entries || []).filter((e) =>
        (G.status === 'all' || (G.status === 'candidates') === (e.origin === 'extracted')) &&
        (!f || [...e.en, ...e.ru].some((t) => t.text.toLowerCase().includes(f))))
        .sort((x, y) => y.confidence - x.confidence || (x.id < y.id ? -1 : 1));
      total = entries.length;
    } else {
      const q = new URLSearchParams({ sort: 'confidence', status: G.status, limit: '200' });
      if (G.filter) q.set('filter', G.filter);
      const g = G;
      const r = await api('GET', 'api/entries?' + q);
      if (G !== g || page.name !== 'glossary') return false; // the user went elsewhere
      if (!r.ok) { setStatus(r.error, 'error'); markReady(); return false; }
      entries = r.data.entries || [];
      total = r.data.total === undefined ? entries.length : r.data.total;
    }
    const keep = keepId !== null ? keepId : G.entries[G.sel] ? G.entries[G.sel].id : null;
    G.entries = entries;
    G.total = total;
    const i = entries.findIndex((e) => e.id === keep);
    G.sel = i >= 0 ? i : Math.min(G.sel, Math.max(0, entries.length - 1));
    renderGlossary();
    markReady();
    return true;
  }

  // The entry marked to merge, as the list now has it (else as it was when marked).
  function markedEntry() {
    const m = G.mergeFrom;
    return m && (G.entries.find((e) => e.id === m.id) || m);
  }
  const label = (entry) => preferred(entry.en) || preferred(entry.ru) || entry.id;

  function renderGlossary() {
    const shown = G.entries.length;
    document.getElementById('g-count').textContent =
      `${plural(G.total, G.status === 'candidates' ? 'candidate' : 'entry', G.status === 'candidates' ? 'candidates' : 'entries')}` +
      (shown < G.total ? `, the first ${shown} shown` : '');
    $main.replaceChildren(shown
      ? h('ol', { class: 'entries', 'aria-label': 'Glossary entries' }, G.entries.map((e, i) => card(e, i)))
      : h('p', { class: 'empty' }, G.filter ? 'No entry matches the filter.' : 'No entry here.'));
    const note = document.getElementById('g-merge');
    const from = markedEntry();
    note.hidden = !from;
    note.replaceChildren(...(from ? ['Merging “', h('strong', null, label(from)), '”: on the entry to merge it into, ',
      kbd('m'), '; ', kbd('Esc'), ' cancels'] : []));
    updateCardSelection(false);
  }

  const STATUS_ORDER = { preferred: 0, admitted: 1, deprecated: 2 };
  const sortTerms = (ts) => ts.slice().sort((a, b) => (STATUS_ORDER[a.status] ?? 1) - (STATUS_ORDER[b.status] ?? 1));
  const preferred = (ts) => (sortTerms(ts)[0] || { text: '' }).text;

  // The terms of one side: the preferred one first, then the others, each of these with a
  // "prefer" and a "split off" button (p and s reach them from the keyboard).
  function termsBlock(entry, side, i, dis) {
    const ts = sortTerms(entry[side]);
    const head = h('span', { class: 'lang-tag' }, side.toUpperCase());
    if (!ts.length) return h('div', { class: 'terms ' + side }, head, h('span', { class: 'awaiting' }, `${LANG[side]} equivalent missing`));
    const [first, ...rest] = ts;
    const tbtn = (action, t, text, title) => h('button', {
      type: 'button', class: 'tbtn', 'data-action': action, 'data-term': t.text, 'data-lang': side,
      disabled: dis, title, 'aria-label': title,
      onclick: () => { selectCard(i, false); termAction(action, side, t.text); },
    }, text);
    return h('div', { class: 'terms ' + side, lang: side }, head,
      h('strong', { class: 'pref' }, first.text),
      rest.length ? h('ul', { class: 'variants' }, rest.map((t) => h('li', { class: 't-' + t.status },
        h('span', { class: 'v' }, t.text), ' ',
        h('small', null, [t.status, t.term_type, t.variant_of ? `${t.variant_of.kind}: ${t.variant_of.evidence}` : null]
          .filter(Boolean).join(' · ')),
        h('span', { class: 'term-actions', lang: 'en' },
          tbtn('prefer', t, '★ prefer', `Make “${t.text}” the preferred ${LANG[side]} term (p)`),
          tbtn('split', t, '⤴ split off', `Split “${t.text}” off into an entry of its own (s)`))))) : null);
  }

  function card(entry, i) {
    const state = G.states.get(entry.id) || '';
    const done = state === 'rejected';
    const dis = STATIC || done;
    const from = G.mergeFrom;
    const marked = !!from && from.id === entry.id;
    const btn = (action, text, key, more) => h('button', {
      type: 'button', 'data-action': action, disabled: dis,
      onmousedown: action === 'edit' ? (e) => e.preventDefault() : null, // keep a text selection
      onclick: () => { selectCard(i, false); cardAction(action); },
      ...more,
    }, text, ' ', kbd(key));
    const merge = marked
      ? btn('merge', 'Cancel merge', 'm', { 'aria-pressed': 'true', title: 'This entry is marked to merge: m on another entry merges it there; here, m cancels' })
      : from
        ? btn('merge', 'Merge here', 'm', { title: `Merge “${label(markedEntry())}” into this entry` })
        : btn('merge', 'Merge', 'm', { title: 'Mark this entry to merge it into another one (then m on that one)' });
    return h('li', {
      class: 'entry' + (state ? ' ' + state : '') + (marked ? ' merging' : ''), 'data-id': entry.id, 'data-state': state || null,
      'data-merging': marked ? 'true' : null,
      tabindex: '-1', onclick: (e) => { if (!e.target.closest('button, input, form')) selectCard(i, false); },
    },
      h('div', { class: 'entry-head' },
        scoreBadge(entry.confidence, 'confidence'),
        h('div', { class: 'pair' }, termsBlock(entry, 'en', i, dis), termsBlock(entry, 'ru', i, dis)),
        h('div', { class: 'entry-side' },
          h('p', { class: 'meta' }, h('span', { class: 'origin o-' + entry.origin }, entry.origin),
            marked ? h('span', { class: 'to-merge' }, 'to merge') : null,
            state ? h('span', { class: 'done d-' + state }, state) : null),
          h('div', { class: 'actions' }, btn('accept', 'Accept', 'a'), btn('reject', 'Reject', 'r'), btn('edit', 'Edit', 'e'), merge))),
      entry.note ? h('p', { class: 'note' }, entry.note) : null,
      (entry.contexts || []).length ? h('ul', { class: 'contexts', 'aria-label': 'Contexts' }, entry.contexts.map((c) =>
        h('li', { class: 'ctx', 'data-lang': c.lang, lang: c.lang },
          h('span', { class: 'lang-tag' }, c.lang.toUpperCase()), ' ',
          highlightContext(c.text, c.lang, entry), c.doc ? h('small', { class: 'doc' }, ' — ' + c.doc) : null))) : null);
  }

  // Where the entry's terms occur in a context: English case-insensitively (with a plural
  // ending); Russian by stems, the first max(4, len-2) letters of each word of each term.
  function highlightContext(text, lang, entry) {
    const ranges = [];
    const terms = (entry[lang] || []).map((t) => t.text).filter(Boolean);
    if (lang === 'ru') {
      const stems = new Set();
      for (const t of terms) {
        const words = t.toLowerCase().replace(/ё/g, 'е').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
        for (const w of words) if (w.length >= 3 || words.length === 1) stems.add(w.slice(0, Math.max(4, w.length - 2)));
      }
      for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
        const w = m[0].toLowerCase().replace(/ё/g, 'е');
        for (const s of stems) if (w.startsWith(s)) { ranges.push([m.index, m.index + m[0].length]); break; }
      }
    } else {
      for (const t of terms) {
        const re = new RegExp(`(?<![\\p{L}\\p{N}])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:e?s)?(?![\\p{L}\\p{N}])`, 'giu');
        for (const m of text.matchAll(re)) ranges.push([m.index, m.index + m[0].length]);
      }
    }
    // Merge overlapping ranges and ones only spaces or hyphens apart (the words of one term).
    ranges.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && (r[0] <= last[1] || /^[\s\-‐–]+$/.test(text.slice(last[1], r[0])))) last[1] = Math.max(last[1], r[1]);
      else merged.push(r.slice());
    }
    const out = [];
    let pos = 0;
    for (const [a, z] of merged) {
      out.push(text.slice(pos, a), h('mark', { class: 'term' }, text.slice(a, z)));
      pos = z;
    }
    out.push(text.slice(pos));
    return out;
  }

  const selectedCard = () => $main.querySelector('.entry.selected');
  function selectCard(i, focus = true) {
    if (!G.entries.length) return;
    G.sel = Math.max(0, Math.min(i, G.entries.length - 1));
    updateCardSelection(focus);
  }
  function updateCardSelection(focus = true) {
    for (const el of $main.querySelectorAll('.entry.selected')) {
      el.classList.remove('selected'); el.removeAttribute('aria-current'); el.tabIndex = -1;
    }
    const el = $main.querySelectorAll('.entry')[G.sel];
    if (!el) return;
    el.classList.add('selected'); el.setAttribute('aria-current', 'true'); el.tabIndex = 0;
    if (focus) focusInView(el);
  }

  function cardAction(action) {
    const entry = G.entries[G.sel];
    if (!entry) return;
    if (STATIC) { readOnly(); return; }
    if (G.states.get(entry.id) === 'rejected') { setStatus('This entry was rejected.', 'warn'); return; }
    if (action === 'edit') startEdit();
    else if (action === 'merge') mergeStep(entry);
    else decide(entry, action);
  }

  // m (or a card's Merge button): the first press marks the entry, a press on another entry
  // merges the marked one into it, a press on the marked one cancels.
  function mergeStep(entry) {
    const from = markedEntry();
    if (!from) {
      G.mergeFrom = entry;
      renderGlossary();
      focusInView(selectedCard());
      setStatus(`“${label(entry)}” is marked to merge: now select the entry to merge it into and press m again (Esc cancels).`);
    } else if (from.id === entry.id) cancelMerge();
    else decide(entry, 'merge', { other: from.id, other_version: from.version });
  }
  function cancelMerge() {
    G.mergeFrom = null;
    renderGlossary();
    focusInView(selectedCard());
    setStatus('Merge cancelled.');
  }

  // A term's button (prefer, split) on the selected card.
  function termAction(action, lang, text) {
    const entry = G.entries[G.sel];
    if (!entry) return;
    if (STATIC) { readOnly(); return; }
    if (G.states.get(entry.id) === 'rejected') { setStatus('This entry was rejected.', 'warn'); return; }
    decide(entry, action, { [lang]: text });
  }

  // p / s: focus the selected card's next (Shift: previous) prefer or split button, so that
  // Enter applies it; with none, say why.
  function focusTermButton(action, back) {
    const entry = G.entries[G.sel];
    const el = selectedCard();
    if (!entry || !el) return;
    if (STATIC) { readOnly(); return; }
    if (G.states.get(entry.id) === 'rejected') { setStatus('This entry was rejected.', 'warn'); return; }
    const bs = [...el.querySelectorAll(`button[data-action="${action}"]`)];
    if (!bs.length) {
      setStatus(action === 'prefer' ? 'This entry has no other term to make preferred.'
        : 'Only an entry with two or more terms in a language can be split.', 'warn');
      return;
    }
    const at = bs.indexOf(document.activeElement);
    const b = bs[at < 0 ? (back ? bs.length - 1 : 0) : (at + (back ? bs.length - 1 : 1)) % bs.length];
    focusInView(b);
    const what = `“${b.dataset.term}” (${LANG[b.dataset.lang]})`;
    const key = action === 'prefer' ? 'p' : 's';
    setStatus(`${action === 'prefer' ? 'Make' : 'Split off'} ${what}${action === 'prefer' ? ' the preferred term' : ''}? ` +
      `Enter does it${bs.length > 1 ? `; ${key}: the next term` : ''}; Esc: back to the entry.`);
  }

  // The text selected inside a context, with the card and language it is in.
  function contextSelection() {
    const s = window.getSelection();
    if (!s || s.isCollapsed || !s.rangeCount) return null;
    const node = s.getRangeAt(0).commonAncestorContainer;
    const ctx = (node.nodeType === 1 ? node : node.parentElement).closest('.ctx');
    const text = s.toString().replace(/\s+/g, ' ').trim();
    if (!ctx || !text) return null;
    return { card: ctx.closest('.entry'), lang: ctx.dataset.lang, text };
  }

  // e: inline inputs for the preferred terms. With text selected in a context, that text fills
  // the input of the context's language (the way to give an entry its missing equivalent).
  function startEdit() {
    const picked = contextSelection();
    if (picked && picked.card) {
      const i = [...$main.querySelectorAll('.entry')].indexOf(picked.card);
      if (i >= 0 && i !== G.sel) selectCard(i, false);
    }
    const entry = G.entries[G.sel];
    const el = selectedCard();
    if (!entry || !el) return;
    if (G.states.get(entry.id) === 'rejected') return;
    const old = el.querySelector('form.edit');
    if (old) old.remove();
    const value = { en: preferred(entry.en), ru: preferred(entry.ru) };
    if (picked && picked.lang in value) value[picked.lang] = picked.text;
    const input = (side) => h('label', null, h('span', null, LANG[side]),
      h('input', { type: 'text', name: side, value: value[side], lang: side, autocomplete: 'off', required: true }));
    const cancel = () => { form.remove(); focusInView(selectedCard()); setStatus('Edit cancelled.'); };
    const form = h('form', {
      class: 'edit', 'aria-label': 'Edit the preferred terms',
      onsubmit: (e) => {
        e.preventDefault();
        const en = form.elements.en.value.trim(), ru = form.elements.ru.value.trim();
        if (!en || !ru) { setStatus('An edit needs both an English and a Russian term.', 'warn'); return; }
        decide(entry, 'edit', { en, ru });
      },
      onkeydown: (e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); cancel(); } },
    }, input('en'), input('ru'),
    h('button', { type: 'submit' }, 'Save ', kbd('Enter')), h('button', { type: 'button', onclick: cancel }, 'Cancel ', kbd('Esc')));
    el.append(form);
    const target = picked ? form.elements[picked.lang] : !value.en ? form.elements.en : !value.ru ? form.elements.ru : form.elements.en;
    target.focus();
    target.select();
    form.scrollIntoView({ block: 'nearest' });
    setStatus(picked ? `The ${LANG[picked.lang]} term is filled from the selected text: Enter saves, Esc cancels.` : 'Editing: Enter saves, Esc cancels.');
  }

  // One decision on `entry` (`extra`: the action's other fields), then the list updated from
  // the answer: accept, reject, edit and prefer change the entry; merge removes the entry merged
  // in; split adds the new entry right after this one.
  async function decide(entry, action, extra) {
    if (G.busy) { setStatus('Still saving the previous decision…', 'warn'); return; }
    const body = Object.assign({ action, version: entry.version }, extra);
    const g = G;
    g.busy = true;
    const r = await api('POST', `api/entries/${encodeURIComponent(entry.id)}/decision`, body);
    g.busy = false;
    if (G !== g || page.name !== 'glossary') return;
    if (!r.ok) {
      if (r.status === 409 || (action === 'merge' && r.status === 404)) {
        let more = ' The entries were read again.';
        if (action === 'merge' && G.mergeFrom) {
          // read the marked entry again too: it may have left the list (decided, filtered out)
          const m = await api('GET', `api/entries/${encodeURIComponent(G.mergeFrom.id)}`);
          if (G !== g || page.name !== 'glossary') return;
          if (m.ok && m.data && m.data.id === G.mergeFrom.id) {
            G.mergeFrom = m.data;
            more += ` “${label(m.data)}” is still marked: check both and press m again.`;
          } else {
            G.mergeFrom = null;
            more = ' The merge is cancelled; the entries were read again.';
          }
        }
        await loadEntries(entry.id);
        setStatus(r.error + more, 'error');
        focusInView(selectedCard());
      } else {
        setStatus(r.error, 'error');
        markReady();
      }
      return;
    }
    const d = r.data;
    const now = d.entry || entry;
    const at = () => G.entries.findIndex((e) => e.id === entry.id);
    if (d.entry && at() >= 0) G.entries[at()] = d.entry;
    let msg, next = false;
    switch (action) {
      case 'accept': case 'reject': case 'edit':
        G.states.set(entry.id, { accept: 'accepted', reject: 'rejected', edit: 'edited' }[action]);
        if (action === 'reject' && G.mergeFrom && G.mergeFrom.id === entry.id) G.mergeFrom = null;
        msg = `${{ accept: 'Accepted', reject: 'Rejected', edit: 'Saved' }[action]} “${label(now)}”.`;
        next = action !== 'edit';
        break;
      case 'prefer': {
        G.states.set(entry.id, 'edited');
        const [lang, text] = extra.en ? ['en', extra.en] : ['ru', extra.ru];
        msg = `“${text}” is now the preferred ${LANG[lang]} term of this entry.`;
        break;
      }
      case 'merge': {
        const gone = G.entries.findIndex((e) => e.id === extra.other);
        const other = gone >= 0 ? G.entries[gone] : G.mergeFrom;
        if (gone >= 0) { G.entries.splice(gone, 1); G.total = Math.max(0, G.total - 1); }
        G.states.delete(extra.other);
        G.states.set(entry.id, 'merged');
        G.mergeFrom = null;
        msg = `Merged “${other ? label(other) : extra.other}” into “${label(now)}”.`;
        break;
      }
      case 'split': {
        G.states.set(entry.id, 'split');
        const off = d.split_off;
        if (off) {
          const old = G.entries.findIndex((e) => e.id === off.id);
          if (old >= 0) G.entries.splice(old, 1); else G.total++;
          G.entries.splice(at() + 1, 0, off);
          G.states.set(off.id, 'split');
        }
        msg = `Split “${extra.en || extra.ru}” off into an entry of its own` + (off ? ', right below (j selects it).' : '.');
        break;
      }
    }
    G.sel = Math.max(0, at());
    renderGlossary();
    if (next) selectCard(G.sel + 1, false);
    focusInView(selectedCard());
    setStatus(msg, 'ok');
    if (action === 'split' && !d.split_off) {
      // not expected: the server names the new entry; read the list to show it
      await loadEntries(entry.id);
      focusInView(selectedCard());
    }
    markReady();
  }

  function glossaryKeys(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    const nav = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }[e.key];
    if (nav) { selectCard(G.sel + nav); return true; }
    switch (e.key) {
      case 'Home': selectCard(0); return true;
      case 'End': selectCard(G.entries.length - 1); return true;
      case 'a': cardAction('accept'); return true;
      case 'r': cardAction('reject'); return true;
      case 'e': cardAction('edit'); return true;
      case 'm': cardAction('merge'); return true;
      case 'p': case 'P': focusTermButton('prefer', e.key === 'P'); return true;
      case 's': case 'S': focusTermButton('split', e.key === 'S'); return true;
      case 'Escape': {
        if (G.mergeFrom) { cancelMerge(); return true; }
        const el = selectedCard();
        if (el && el.contains(document.activeElement) && document.activeElement !== el) {
          focusInView(el);
          setStatus('');
          return true;
        }
        return false;
      }
      case '/': document.getElementById('g-filter').focus(); return true;
      case 'g': go(lastReview !== null ? `#/review/${encodeURIComponent(lastReview)}` : '#/'); return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- start

  if (STATIC) document.getElementById('banner').hidden = false;
  route();
})();
