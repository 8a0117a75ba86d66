// Best trial per model family (lstm, gru, linear, forest, ...) against persistence: a section of the campaign page
// and the families page (several campaigns). Sorted in the browser: a family without a complete trial always comes last.
'use strict';
const LTFamilies = (() => {
  const S = {data: null, sort: 'rank', order: 'asc'};
  const ui = {};
  // [key, label]; every column but the verdict sorts
  const COLS = [['rank', '#'], ['family', 'Family'], ['objective', 'objective'],
    ['test_rmse', 'RMSE'], ['persistence_rmse', 'persist. RMSE'], ['skill', 'skill'],
    ['dm_statistic', 'DM stat.'], ['p_value', 'p vs persist.'], ['verdict', 'vs persistence'],
    ['complete', 'complete'], ['pruned', 'pruned'], ['failed', 'failed'],
    ['training_seconds', 'train s'], ['confirmed_mean', 'confirmed']];
  const COUNTS = new Set(['complete', 'pruned', 'failed']);
  const HIGHER_BETTER = new Set(['skill', 'complete']);

  function build() {
    ui.note = LT.el('p', {class: 'verdict', id: 'families-note', role: 'status'});
    ui.table = LT.el('div', {class: 'scroll', id: 'families-table'});
    ui.compare = LT.el('p', {id: 'families-compare'});
    ui.section = LT.el('section', {id: 'families'}, LT.el('h2', {}, 'Best per model family'), ui.note, ui.table, ui.compare,
      LT.el('p', {class: 'note', id: 'families-rule'}, 'One row per model family: its best trial by the validation objective ' +
        '(never by a test metric, which would select on the split these columns report); confirmation runs count among its trials ' +
        'but only give the mean ± sd. Green or red only where the Diebold–Mariano test against persistence says so (p < 0.05).'));
    return ui.section;
  }

  async function load(query) {
    try {
      S.data = await LT.api('/api/families?' + LT.q(query));
      render();
    } catch (e) {
      LT.replace(ui.note, e.message);
      ui.note.className = 'verdict refused';
      LT.replace(ui.table);
      LT.replace(ui.compare);
    }
  }

  function value(r, key) {
    if (COUNTS.has(key)) return r.counts[key];
    const v = r[key];
    return v === undefined ? null : v;
  }

  function sorted(rows) {
    const dir = S.order === 'desc' ? -1 : 1;
    return rows.slice().sort((a, b) => {
      if ((a.rank === null) !== (b.rank === null)) return a.rank === null ? 1 : -1;
      const x = value(a, S.sort), y = value(b, S.sort);
      if (x === null || y === null) return x === y ? a.family.localeCompare(b.family) : (x === null ? 1 : -1);
      const c = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return c !== 0 ? dir * c : a.family.localeCompare(b.family);
    });
  }

  function header([key, label]) {
    const active = S.sort === key;
    const cls = (key === 'family' || key === 'verdict' ? 'text ' : '') + (key === 'verdict' ? '' : 'sortable') +
      (active ? ' sorted-' + S.order : '');
    if (key === 'verdict') return LT.el('th', {class: cls, 'data-col': key}, label);
    const th = LT.el('th', {class: cls, 'data-sort': key, tabindex: 0, title: 'sort by ' + label,
      'aria-sort': active ? (S.order === 'asc' ? 'ascending' : 'descending') : 'none'}, label);
    const go = () => {
      if (active) S.order = S.order === 'asc' ? 'desc' : 'asc';
      else { S.sort = key; S.order = HIGHER_BETTER.has(key) ? 'desc' : 'asc'; }
      render();
      const again = ui.table.querySelector('th[data-sort="' + key + '"]');
      if (again) again.focus();
    };
    th.addEventListener('click', go);
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); } });
    return th;
  }

  /** The best trial's link, or why there is none and how many of the family's trials are still to run. */
  function best(r, several) {
    if (r.trial_id !== null) return LT.link(LT.trialHref(r.trial_id), (several ? r.campaign + ' ' : '') + '#' + r.number);
    const toRun = r.counts.running + r.counts.waiting;
    return r.status + (toRun ? ' (' + toRun + ' to run)' : '');
  }

  function cell(r, key) {
    const colour = LT.verdictClass(r.verdict_kind);
    switch (key) {
      case 'rank': return LT.el('td', {'data-col': key}, r.rank === null ? '–' : r.rank);
      case 'family': return LT.el('td', {class: 'text', 'data-col': key}, r.family);
      case 'verdict': return LT.el('td', {class: 'text ' + (colour || ''), 'data-col': key}, r.verdict || '–');
      case 'complete': case 'pruned': case 'failed': return LT.el('td', {'data-col': key}, r.counts[key]);
      case 'skill': case 'p_value': return LT.el('td', {class: colour, 'data-col': key}, LT.fmt(r[key]));
      case 'training_seconds': return LT.el('td', {'data-col': key}, LT.fmt(r[key], 1));
      case 'confirmed_mean': return LT.el('td', {'data-col': key, title: 'mean ± sd of the objective over the best trial and its ' +
        'confirmation runs (' + r.confirmation_runs + ' in this family, counted among its trials)'},
        r.confirmed_mean === null ? '–' : LT.fmt(r.confirmed_mean) + (r.confirmed_sd !== null ? ' ± ' + LT.fmt(r.confirmed_sd) : '') + ' (n=' + r.confirmed_n + ')');
      default: return LT.el('td', {'data-col': key}, LT.fmt(r[key]));
    }
  }

  function render() {
    const d = S.data;
    ui.note.className = 'verdict' + (d.beat_persistence > 0 ? ' good' : '');
    LT.replace(ui.note, d.note);
    if (!d.families.length) { LT.replace(ui.table); LT.replace(ui.compare); return; }
    const head = LT.el('tr', {}, COLS.map((c) => c[0] === 'objective' ? header([c[0], 'objective (' + d.objective + ')']) : header(c)),
      LT.el('th', {class: 'text'}, 'best trial'));
    const rows = sorted(d.families).map((r) => LT.el('tr', {'data-family': r.family, class: r.rank === null ? 'no-complete' : null},
      COLS.map(([k]) => cell(r, k)),
      LT.el('td', {class: 'text', 'data-col': 'best'}, best(r, d.campaigns.length > 1))));
    LT.replace(ui.table, LT.el('table', {}, LT.el('thead', {}, head), LT.el('tbody', {}, rows)));
    const ids = d.families.filter((r) => r.rank !== null).slice(0, 4).map((r) => r.trial_id);
    LT.replace(ui.compare, ids.length >= 2 ? LT.link('compare.html?' + LT.q({ids: ids.join(',')}),
      'Compare the best ' + ids.length + ' families with each other (Diebold–Mariano, Holm-corrected)') : null);
  }

  return {build, load};
})();
