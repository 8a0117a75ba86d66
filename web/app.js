// Shared helpers for the leaderboard pages. Data is only ever inserted as text (textContent), never as HTML.
'use strict';

const LT = {};

/** Builds an element; string/number children become text nodes, so user data can never become markup. */
LT.el = function (tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
};

LT.param = (name) => new URLSearchParams(location.search).get(name);

/** GET a JSON API path; rejects with the server's error message. */
LT.api = async function (path) {
  const r = await fetch(path, {headers: {Accept: 'application/json'}});
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
};

LT.q = (obj) => Object.entries(obj).filter(([, v]) => v !== null && v !== undefined && v !== '')
  .map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');

LT.fmt = function (v, digits) {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(digits === undefined ? 3 : digits);
    if (digits !== undefined) return v.toFixed(digits);
    return a >= 1e4 ? v.toFixed(1) : String(+v.toPrecision(5)); // five significant digits, no trailing zeros
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

LT.time = (iso) => iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–';

LT.replace = function (container, ...children) {
  container.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined));
};

LT.error = function (container, err) {
  LT.replace(container, LT.el('p', {class: 'error'}, 'Error: ' + err.message));
};

LT.stateBadge = (state, label) => LT.el('span', {class: 'state state-' + state}, label || state);

LT.link = (href, text) => LT.el('a', {href}, text);
LT.trialHref = (id) => 'trial.html?' + LT.q({id});
LT.campaignHref = (name) => 'campaign.html?' + LT.q({name});

LT.copyButton = function (getText, label) {
  const b = LT.el('button', {class: 'copy', type: 'button'}, label || 'Copy');
  b.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(getText());
      b.textContent = 'Copied';
    } catch (e) {
      b.textContent = 'Select and copy manually';
    }
    setTimeout(() => { b.textContent = label || 'Copy'; }, 1500);
  });
  return b;
};

/** Calls fn every ms while keepGoing() says so (checked before each call); pauses in background tabs. */
LT.poll = function (fn, ms, keepGoing) {
  const tick = async () => {
    if (!keepGoing()) return;
    if (!document.hidden) {
      try { await fn(); } catch (e) { /* the next tick retries */ }
    }
    setTimeout(tick, ms);
  };
  setTimeout(tick, ms);
};

LT.dark = () => window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;

/** An ECharts instance that resizes with the window, in the dark theme when the system asks for it. */
LT.chart = function (div) {
  const c = echarts.init(div, LT.dark() ? 'dark' : null);
  window.addEventListener('resize', () => c.resize());
  return c;
};

/** Axis tick text: at most 4 significant digits, exponent form for very small or large numbers. */
LT.tick = function (v) {
  if (typeof v !== 'number' || !isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) return v.toExponential(1).replace('e+', 'e');
  return String(+v.toPrecision(4));
};

/** A trial's params as tooltip lines (text only: ECharts tooltips are HTML, so every value is escaped). */
LT.esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
LT.paramLines = (params) => Object.entries(params || {}).map(([k, v]) => LT.esc(k) + ': ' + LT.esc(LT.fmt(v))).join('<br>');

/** Colour class for a verdict against persistence: only a significant test earns green or red. */
LT.verdictClass = (kind) => kind === 'beats' ? 'good' : kind === 'worse' ? 'bad' : null;

/** The compare basket: trial ids (with labels) picked on any campaign's leaderboard, kept in this browser. */
LT.basket = {
  get() { try { return JSON.parse(localStorage.getItem('lt.basket') || '[]'); } catch (e) { return []; } },
  set(items) { localStorage.setItem('lt.basket', JSON.stringify(items.slice(0, 4))); },
  has(id) { return this.get().some((x) => x.id === id); },
  toggle(id, label, on) {
    const items = this.get().filter((x) => x.id !== id);
    if (on) items.push({id, label});
    this.set(items);
  }
};

LT.METRIC_LABELS = {
  objective: 'objective', val_rmse: 'best val RMSE', test_mae: 'MAE', test_rmse: 'RMSE', test_mape: 'MAPE %',
  test_r2: 'R²', direction_accuracy: 'dir. acc.', persistence_rmse: 'persist. RMSE', skill: 'skill',
  persistence_p: 'p vs persist.', verdict: 'vs persistence',
  params: 'params', params_count: 'params', epochs: 'epochs', best_epoch: 'best epoch', training_seconds: 'train s'
};
LT.metricLabel = (k) => LT.METRIC_LABELS[k] || k;

LT.header = function (active) {
  const nav = LT.el('nav', {},
    LT.el('a', {href: 'index.html', class: active === 'campaigns' ? 'active' : null}, 'Campaigns'),
    LT.el('a', {href: 'symbols.html', class: active === 'symbols' ? 'active' : null}, 'Symbols'),
    LT.el('a', {href: 'families.html', class: active === 'families' ? 'active' : null}, 'Families'));
  document.body.prepend(LT.el('header', {}, LT.el('strong', {}, 'lstm-tuner leaderboard'), nav));
};

/** Whether notes may be written here, and this browser's CSRF token (fetched once per page). */
LT.session = (() => {
  let p = null;
  return () => (p = p || LT.api('/api/session').catch(() => ({notes_enabled: false})));
})();

/** A same-origin write (notes only) with this browser's token; rejects with the server's message. */
LT.send = async function (method, path, body) {
  const s = await LT.session();
  const r = await fetch(path, {method, credentials: 'same-origin', headers: {'Content-Type': 'application/json',
    'X-CSRF-Token': s.csrf_token || '', Accept: 'application/json'}, body: body ? JSON.stringify(body) : undefined});
  if (!r.ok) {
    const b = await r.json().catch(() => ({}));
    throw new Error(b.error || ('HTTP ' + r.status));
  }
  return r.status === 204 ? null : r.json();
};

/** A tag as a chip (text only); with onRemove, a × button that removes it. */
LT.tagChip = (n, onRemove) => LT.el('span', {class: 'chip tag', 'data-note': n.id}, n.text,
  onRemove ? LT.el('button', {type: 'button', class: 'remove', 'aria-label': 'remove tag ' + n.text, onclick: () => onRemove(n)}, '×') : null);

/**
 * Notes and tags of a campaign (trialId null) or one trial, with add/remove controls when the server allows
 * notes; calls changed() after a write. Every text goes in as text, never markup.
 */
LT.notesPanel = function (holder, campaign, trialId, notes, changed) {
  LT.session().then((s) => {
    const mine = notes.filter((n) => (n.trial_id === null || n.trial_id === undefined) ? trialId === null : n.trial_id === trialId);
    const err = LT.el('p', {class: 'error', role: 'alert'});
    const remove = s.notes_enabled ? async (n) => {
      try { await LT.send('DELETE', '/api/notes/' + n.id); changed(); } catch (e) { err.textContent = e.message; }
    } : null;
    const tags = mine.filter((n) => n.kind === 'tag');
    const texts = mine.filter((n) => n.kind === 'note');
    const list = LT.el('ul', {class: 'notes'}, texts.map((n) => LT.el('li', {'data-note': n.id},
      LT.el('span', {class: 'note-text'}, n.text), ' ', LT.el('span', {class: 'note'}, LT.time(n.created_at)),
      remove ? LT.el('button', {type: 'button', class: 'remove', 'aria-label': 'remove note', onclick: () => remove(n)}, '×') : null)));
    let form = null;
    if (s.notes_enabled) {
      const input = LT.el('textarea', {class: 'note-input', rows: 2, maxlength: 2000, placeholder: 'a note, or a short tag', 'aria-label': 'note or tag text'});
      const add = (kind) => async () => {
        try {
          await LT.send('POST', '/api/notes', {campaign, trial_id: trialId, kind, text: input.value});
          input.value = '';
          changed();
        } catch (e) { err.textContent = e.message; }
      };
      form = LT.el('div', {class: 'controls'}, input, LT.el('button', {type: 'button', class: 'add-note', onclick: add('note')}, 'Add note'),
        LT.el('button', {type: 'button', class: 'add-tag', onclick: add('tag')}, 'Add tag'));
    }
    LT.replace(holder, LT.el('div', {class: 'tags'}, tags.map((n) => LT.tagChip(n, remove))), list, form,
      s.notes_enabled ? err : (mine.length ? null : LT.el('p', {class: 'note'}, 'No notes. The leaderboard is read-only: start it with serve --allow-notes to add notes and tags.')));
  });
};
