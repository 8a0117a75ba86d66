// Leaderboard of one campaign: sortable, filterable, paged table (sorting and paging in the store) whose state lives
// in the URL, a column chooser remembered per campaign, CSV download, a compare basket that spans campaigns, and the
// campaign charts (campaign-charts.js), which follow the table's filters. Refreshes while trials run.
'use strict';
LT.header('campaigns');
const main = document.getElementById('main');
const HIGHER_BETTER = new Set(['test_r2', 'direction_accuracy', 'skill']);
const DEFAULT_METRICS = ['verdict', 'test_rmse', 'skill', 'direction_accuracy', 'epochs', 'training_seconds'];
const S = {notes: [], name: LT.param('name'), sort: null, order: null, state: '', diagnosis: '', ranges: {}, limit: 50, offset: 0,
  cursor: null, back: [],
  countsKey: '', idlePolls: 0, info: null, confirm: {}, winner: null, hidden: null};
const ui = {};

function readUrl() {
  const u = new URLSearchParams(location.search);
  S.sort = u.get('sort'); S.order = u.get('order'); S.state = u.get('state') || ''; S.diagnosis = u.get('diagnosis') || '';
  S.limit = +(u.get('limit') || 50); S.offset = +(u.get('offset') || 0); S.cursor = u.get('cursor');
  for (const [k, v] of u.entries()) {
    const m = /^(min|max)\.(.+)$/.exec(k);
    if (!m) continue;
    const r = S.ranges[m[2]] || (S.ranges[m[2]] = ['', '']);
    r[m[1] === 'min' ? 0 : 1] = v;
  }
}

/** The table's filters as query parameters (shared by the table, the charts and the CSV link). */
function filterQuery() {
  const q = {campaign: S.name, state: S.state, diagnosis: S.diagnosis};
  for (const [k, [lo, hi]] of Object.entries(S.ranges)) { q['min.' + k] = lo; q['max.' + k] = hi; }
  return q;
}

// Next/Prev page by the server's keyset cursor (a deep page costs what the first does, and trials added meanwhile
// do not shift the rows); Prev returns to the cursors this tab came through, else steps back by offset.
function pageQuery() {
  const page = S.cursor ? {cursor: S.cursor} : {offset: S.offset};
  return Object.assign(filterQuery(), {sort: S.sort, order: S.order, limit: S.limit}, page);
}

/** Back to the first page (the sort, filters or page size changed). */
function firstPage() { S.offset = 0; S.cursor = null; S.back = []; }

function writeUrl() {
  const q = pageQuery();
  delete q.campaign;
  if (q.limit === 50) delete q.limit;
  if (!q.offset) delete q.offset;
  history.replaceState(null, '', '?' + LT.q(Object.assign({name: S.name}, q)));
  ui.csv.href = '/api/trials.csv?' + LT.q(pageQuery());
}

/** Natural (best-first) order of a key: the campaign's direction for the objective, params ascending. */
function naturalOrder(key) {
  if (key === 'objective') return S.info.campaign.direction === 'maximize' ? 'desc' : 'asc';
  return HIGHER_BETTER.has(key) ? 'desc' : 'asc';
}

function columns(page) {
  const objectiveIsMetric = page.metrics.includes(S.info.campaign.objective);
  const metrics = ['verdict'].concat(page.metrics.filter((m) => !(objectiveIsMetric && m === S.info.campaign.objective)));
  return {params: page.params, metrics};
}

function colsKey() { return 'lt.cols.' + S.name; }

function hiddenCols(all) {
  if (S.hidden) return S.hidden;
  try {
    const saved = localStorage.getItem(colsKey());
    if (saved) return (S.hidden = new Set(JSON.parse(saved)));
  } catch (e) { /* unreadable: defaults */ }
  return (S.hidden = new Set(all.metrics.filter((m) => !DEFAULT_METRICS.includes(m))));
}

function chooser(all) {
  const hidden = hiddenCols(all);
  const boxes = all.params.concat(all.metrics).map((k) => {
    const b = LT.el('input', {type: 'checkbox', 'data-col': k, checked: !hidden.has(k)});
    b.addEventListener('change', () => {
      if (b.checked) hidden.delete(k); else hidden.add(k);
      localStorage.setItem(colsKey(), JSON.stringify([...hidden]));
      loadTable();
    });
    return LT.el('label', {class: 'col-choice'}, b, ' ' + LT.metricLabel(k));
  });
  LT.replace(ui.chooser, LT.el('summary', {}, 'Columns'), LT.el('div', {class: 'col-list'}, boxes));
}

function build(info) {
  const c = info.campaign;
  ui.summary = LT.el('p', {id: 'summary'});
  ui.status = LT.el('p', {id: 'status', role: 'status'});
  ui.confirm = LT.el('div', {id: 'confirmation'});
  ui.campaignVerdict = LT.el('div', {id: 'campaign-verdict-box'});
  ui.notes = LT.el('div', {id: 'campaign-notes'});
  ui.table = LT.el('div', {class: 'scroll table-wrap', id: 'leaderboard'});
  ui.pager = LT.el('div', {class: 'controls', id: 'pager'});
  ui.basket = LT.el('div', {id: 'basket', class: 'basket'});
  ui.chooser = LT.el('details', {id: 'columns', class: 'chooser'});
  ui.csv = LT.el('a', {id: 'csv', class: 'button', download: ''}, 'Download CSV');
  const stateSel = LT.el('select', {id: 'state-filter'},
    ['', 'complete', 'pruned', 'failed', 'running', 'waiting', 'cancelled'].map((s) => LT.el('option', {value: s, selected: s === S.state}, s || 'all')));
  stateSel.addEventListener('change', () => { S.state = stateSel.value; firstPage(); changed(); });
  // diagnoses are computed on the server (analysis layer); finished trials only
  const diagSel = LT.el('select', {id: 'diagnosis-filter'},
    [''].concat(info.diagnosis_kinds).map((k) => LT.el('option', {value: k, selected: k === S.diagnosis}, k ? k.replace(/_/g, ' ') : 'any')));
  diagSel.addEventListener('change', () => { S.diagnosis = diagSel.value; firstPage(); changed(); });
  const keySel = LT.el('select', {id: 'range-key'}, info.sort_keys.map((k) => LT.el('option', {value: k}, LT.metricLabel(k))));
  const min = LT.el('input', {id: 'range-min', size: 8, placeholder: 'min'});
  const max = LT.el('input', {id: 'range-max', size: 8, placeholder: 'max'});
  const apply = LT.el('button', {type: 'button', id: 'add-range'}, 'Add range');
  apply.addEventListener('click', () => {
    S.ranges[keySel.value] = [min.value.trim(), max.value.trim()];
    firstPage(); changed();
  });
  ui.ranges = LT.el('span', {id: 'ranges'});
  const limitSel = LT.el('select', {id: 'page-size'}, [20, 50, 100, 500].map((n) => LT.el('option', {value: n, selected: n === S.limit}, n)));
  limitSel.addEventListener('change', () => { S.limit = +limitSel.value; firstPage(); changed(); });
  LT.replace(main,
    LT.el('h1', {id: 'campaign-name'}, c.name),
    ui.summary, ui.status, ui.campaignVerdict, ui.confirm, ui.notes,
    LT.el('div', {class: 'controls'},
      LT.el('label', {}, 'State', stateSel), LT.el('label', {}, 'Diagnosis', diagSel),
      LT.el('label', {}, 'Range on', keySel), LT.el('label', {}, 'from', min), LT.el('label', {}, 'to', max), apply, ui.ranges,
      LT.el('label', {}, 'Rows', limitSel), ui.chooser, ui.csv),
    ui.basket, ui.table, ui.pager,
    LT.el('p', {class: 'note', id: 'colour-rule'}, 'Green or red only where a Diebold–Mariano test against persistence on the test windows says so (p < 0.05); ' +
      'everything else is "no better than persistence" and stays uncoloured. Pruned and running trials show their validation RMSE at their last epoch, in italics.'),
    LTAb.build(),
    LTFamilies.build(),
    LTCharts.build(c));
  LTCharts.attach();
  showRanges();
  showBasket();
}

function changed() {
  writeUrl(); showRanges(); loadTable(); LTCharts.load(filterQuery());
}

function showRanges() {
  LT.replace(ui.ranges, Object.entries(S.ranges).map(([k, [lo, hi]]) => {
    const x = LT.el('button', {type: 'button', title: 'remove', 'aria-label': 'remove range on ' + k}, '×');
    x.addEventListener('click', () => { delete S.ranges[k]; firstPage(); changed(); });
    return LT.el('span', {class: 'chip'}, LT.metricLabel(k) + ' ∈ [' + (lo || '−∞') + ', ' + (hi || '∞') + '] ', x);
  }));
}

function showBasket() {
  const items = LT.basket.get();
  const go = LT.el('button', {type: 'button', id: 'compare', disabled: items.length < 2}, 'Compare (' + items.length + ')');
  go.addEventListener('click', () => { location.href = 'compare.html?' + LT.q({ids: items.map((x) => x.id).join(',')}); });
  const clear = LT.el('button', {type: 'button', id: 'basket-clear', disabled: !items.length}, 'Clear');
  clear.addEventListener('click', () => { LT.basket.set([]); showBasket(); loadTable(); });
  LT.replace(ui.basket, go, ' ', clear, ' ',
    items.length ? ['Picked (any campaign, up to 4): ', items.map((x, i) => [i ? ', ' : '', LT.link(LT.trialHref(x.id), x.label)])]
      : 'Tick 2 to 4 trials, from this or other campaigns, to compare them.');
}

function summarize(info) {
  const c = info.campaign;
  const parts = Object.entries(c.counts).filter(([, n]) => n > 0).map(([s, n]) => [LT.stateBadge(s), ' ' + n + '  ']);
  LT.replace(ui.summary, c.symbol + ' · ' + c.sampler + ' / ' + c.pruner + ' · objective ' + c.objective + ' (' +
    c.direction + ') · ', parts, ' · ', LT.link('pareto.html?' + LT.q({campaign: c.name}), 'Pareto front'));
  ui.status.className = 'status status-' + c.status;
  LT.replace(ui.status, c.running ? LT.el('span', {class: 'live'}, '● ') : null, c.status_text,
    c.running ? ' · live, refreshing every 3 s' : (c.status === 'stopped' ? ' · not refreshing: reload after resuming' : ''));
  // precedence (analysis' headline, in its order): the lockbox verdict when there is one, then the campaign-wide
  // test, then the per-trial verdicts in the rows; the named winner stays the confirmed one below
  const lines = info.headline || [];
  const lockbox = info.lockbox;
  LT.replace(ui.campaignVerdict, lines.map((line, i) => {
    if (lockbox && i === 0) {
      return LT.el('p', {class: 'verdict headline ' + (LT.verdictClass(lockbox.verdict) || ''), id: 'lockbox-verdict'}, line);
    }
    const spa = i === (lockbox ? 1 : 0);
    return LT.el('p', {class: 'verdict' + (spa && info.campaign_verdict_beats ? ' good' : '') + (spa ? '' : ' note'),
      id: spa ? 'campaign-verdict' : null}, line);
  }));
  S.confirm = {}; S.winner = null;
  for (const g of info.confirmations || []) { S.confirm[g.trial_id] = g; if (g.winner) S.winner = g; }
  // the words are analysis' (the same sentences as the CLI's end report); the page only lays them out
  LT.replace(ui.confirm, info.confirmations && info.confirmations.length ? LT.el('div', {class: 'verdict'},
    S.winner ? [LT.el('p', {}, 'Confirmed winner: ', LT.link(LT.trialHref(S.winner.trial_id), '#' + S.winner.number), ', mean ' +
      c.objective + ' ' + LT.fmt(S.winner.mean) + ' ± ' + LT.fmt(S.winner.sd) + ' over ' + S.winner.n +
      ' fresh seeds (its selected run apart; ' + info.confirmations.length + ' trials confirmed).'),
      LT.el('ul', {}, (S.winner.sentences || []).slice(1).map((line) => LT.el('li', {}, line)))]
      : LT.el('p', {}, 'No confirmed winner yet: a trial needs at least 2 finished fresh seeds; ★ marks the best searched trial.')) : null);
}

function header(key, label, cls) {
  const active = (S.sort || 'objective') === key;
  const order = active ? (S.order || naturalOrder(key)) : null;
  const th = LT.el('th', {class: 'sortable ' + (cls || '') + (order ? ' sorted-' + order : ''), 'data-sort': key, tabindex: 0,
    'aria-sort': order ? (order === 'asc' ? 'ascending' : 'descending') : 'none', title: 'sort by ' + label}, label);
  const go = () => {
    if (active) S.order = order === 'asc' ? 'desc' : 'asc';
    else { S.sort = key; S.order = naturalOrder(key); }
    firstPage(); writeUrl(); loadTable(true);
  };
  th.addEventListener('click', go);
  th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); } });
  return th;
}

function stateCell(t, numbers) {
  const ref = (id, text) => numbers[id] ? LT.link(LT.trialHref(id), text + ' #' + numbers[id]) : LT.link(LT.trialHref(id), text);
  if (t.interrupted) {
    return [LT.stateBadge('interrupted', 'interrupted'), t.requeued_as ? [' ', ref(t.requeued_as, '→ re-run as')] : ''];
  }
  return [LT.stateBadge(t.state), t.requeued_from ? [' ', ref(t.requeued_from, 're-run of')] : '',
    t.confirm_of ? [' ', ref(t.confirm_of, 'confirms')] : ''];
}

function objectiveCell(t) {
  if (t.objective === null && t.last_value !== null) {
    return LT.el('td', {class: 'objective partial', title: 'validation RMSE at its last epoch (' + t.state + ')'},
      LT.fmt(t.last_value) + ' @ ep ' + t.last_epoch);
  }
  const g = S.confirm[t.id];
  return LT.el('td', {class: 'objective'}, LT.fmt(t.objective),
    g && g.mean !== null ? LT.el('div', {class: 'confirm', title: 'mean ± sd over the original and its confirmation runs'},
      'mean ' + LT.fmt(g.mean) + (g.sd !== null ? ' ± ' + LT.fmt(g.sd) : '') + ' (n=' + g.n + ')') : null);
}

function metricCell(t, m) {
  if (m === 'direction_accuracy') {
    // the Pesaran–Timmermann test beside it (Holm across the campaign, raw p beside it): a base-rate coin scores high too
    const d = t.direction_test;
    return LT.el('td', {'data-col': m}, LT.fmt(t.metrics[m]), d ? LT.el('div', {class: 'direction-test' +
      (d.kind === 'better' ? ' good' : ''), 'data-kind': d.kind}, d.words) : null);
  }
  if (m === 'verdict') return LT.el('td', {class: 'text ' + (LT.verdictClass(t.verdict_kind) || ''), 'data-col': m}, t.verdict || '–');
  const cls = (m === 'skill' || m === 'persistence_p') ? LT.verdictClass(t.verdict_kind) : null;
  return LT.el('td', {class: cls, 'data-col': m}, m === 'training_seconds' ? LT.fmt(t.metrics[m], 1) : LT.fmt(t.metrics[m]));
}

function renderTable(page) {
  const all = columns(page);
  if (!ui.chooser.childElementCount) chooser(all);
  const hidden = hiddenCols(all);
  const params = all.params.filter((p) => !hidden.has(p));
  const metrics = all.metrics.filter((m) => !hidden.has(m));
  const numbers = {};
  page.items.forEach((t) => { numbers[t.id] = t.number; });
  const objLabel = 'objective (' + S.info.campaign.objective + ')';
  const head = LT.el('tr', {}, LT.el('th', {class: 'sticky0'}, LT.el('span', {class: 'sr'}, 'compare')),
    header('number', '#', 'sticky1'), LT.el('th', {class: 'text'}, 'state'),
    header('objective', objLabel), params.map((p) => header(p, p)),
    metrics.map((m) => m === 'verdict' ? LT.el('th', {class: 'text', 'data-col': m}, LT.metricLabel(m)) : header(m, LT.metricLabel(m))));
  const rows = page.items.map((t) => {
    const box = LT.el('input', {type: 'checkbox', 'data-id': t.id, checked: LT.basket.has(t.id), 'aria-label': 'pick #' + t.number + ' to compare'});
    box.addEventListener('change', () => {
      if (box.checked && LT.basket.get().length >= 4) { box.checked = false; return; }
      LT.basket.toggle(t.id, t.campaign + ' #' + t.number, box.checked);
      showBasket();
    });
    const best = t.id === page.best_id;
    const winner = S.winner && S.winner.trial_id === t.id;
    // a confirmation run is listed where its score falls but never ranks on its own (as analysis' TopTrials and
    // BestTrial leave it out): it belongs to the trial it confirms, whose mean ± sd over fresh seeds it feeds
    const run = t.confirm_of !== null && t.confirm_of !== undefined;
    const cls = [best ? 'best' : null, 'st-' + t.state, t.interrupted ? 'st-interrupted' : null, run ? 'confirmation-run' : null]
      .filter(Boolean).join(' ');
    return LT.el('tr', {class: cls, 'data-id': t.id, 'data-state': t.state,
      title: run ? 'confirmation run: not ranked on its own; it counts in the mean ± sd of the trial it confirms' : null},
      LT.el('td', {class: 'sticky0'}, box),
      LT.el('td', {class: 'sticky1'}, LT.link(LT.trialHref(t.id), (best ? '★ ' : '') + '#' + t.number),
        S.notes.filter((n) => n.trial_id === t.id && n.kind === 'tag').map((n) => [' ', LT.tagChip(n)]),
        winner ? LT.el('span', {class: 'winner', title: 'confirmed winner: best mean over fresh seeds'}, ' ✓ confirmed') : null),
      LT.el('td', {class: 'text', title: t.failure_reason || ''}, stateCell(t, numbers)),
      objectiveCell(t),
      params.map((p) => LT.el('td', {}, LT.fmt(t.params[p]))),
      metrics.map((m) => metricCell(t, m)));
  });
  // sorting by a test score is reading, not selecting: say so in one line above the table
  const testSort = S.sort && (S.info.test_metrics || []).includes(S.sort);
  LT.replace(ui.table, testSort ? LT.el('p', {class: 'verdict refused', id: 'test-sort-warning', role: 'note'},
    S.info.test_sort_warning) : null, LT.el('table', {}, LT.el('thead', {}, head), LT.el('tbody', {}, rows)));
  const prev = LT.el('button', {type: 'button', id: 'prev', disabled: page.offset === 0}, '← Prev');
  prev.addEventListener('click', () => {
    const back = S.back.pop();
    if (back) { S.cursor = back.cursor; S.offset = back.offset; } else { S.cursor = null; S.offset = Math.max(0, page.offset - S.limit); }
    writeUrl(); loadTable();
  });
  const next = LT.el('button', {type: 'button', id: 'next', disabled: !page.next_cursor}, 'Next →');
  next.addEventListener('click', () => {
    S.back.push({cursor: S.cursor, offset: S.offset});
    S.cursor = page.next_cursor; S.offset = page.offset + page.items.length;
    writeUrl(); loadTable();
  });
  const to = Math.min(page.total, page.offset + page.items.length);
  LT.replace(ui.pager, prev, LT.el('span', {id: 'page-info'},
    (page.total ? (page.offset + 1) + '–' + to : '0') + ' of ' + page.total + ' trials (★ best; pruned, failed and unfinished trials always rank after completed ones; confirmation runs, greyed, are not ranked on their own)'), next);
}

let tableSeq = 0;

async function loadTable(focusSorted) {
  const seq = ++tableSeq; // a slower, older response must not overwrite a newer one
  try {
    const page = await LT.api('/api/trials?' + LT.q(pageQuery()));
    if (seq !== tableSeq) return;
    renderTable(page);
    if (focusSorted) {
      const th = ui.table.querySelector('th[aria-sort="ascending"], th[aria-sort="descending"]');
      if (th) th.focus();
    }
  } catch (e) {
    LT.error(ui.table, e);
  }
}

async function loadNotes() {
  S.notes = await LT.api('/api/notes?' + LT.q({campaign: S.name}));
  LT.notesPanel(ui.notes, S.name, null, S.notes, () => loadNotes().then(() => loadTable()));
}

async function refresh() {
  const info = await LT.api('/api/campaign?' + LT.q({name: S.name}));
  S.info = info;
  // stop polling once nothing has run for three polls in a row (a coordinator between trials is not "stopped")
  S.idlePolls = info.campaign.running ? 0 : S.idlePolls + 1;
  summarize(info);
  const key = JSON.stringify(info.campaign.counts);
  if (key !== S.countsKey) {
    S.countsKey = key;
    await Promise.all([loadTable(), LTCharts.load(filterQuery()), LTFamilies.load({campaign: S.name}), LTAb.load(S.name)]);
  } else if (info.campaign.running) {
    await Promise.all([loadTable(), LTCharts.loadCurves(filterQuery())]); // running trials' curves grow live
  }
}

(async () => {
  try {
    if (!S.name) throw new Error('no campaign given: open this page from the campaigns list');
    readUrl();
    const info = await LT.api('/api/campaign?' + LT.q({name: S.name}));
    S.info = info;
    document.title = info.campaign.name + ' · lstm-tuner';
    build(info);
    writeUrl();
    await loadNotes();
    await refresh();
    LT.poll(refresh, 3000, () => S.idlePolls < 3);
  } catch (e) {
    LT.error(main, e);
  }
})();
