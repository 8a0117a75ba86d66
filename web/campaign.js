// Leaderboard of one campaign: sortable, filterable, paged table (sorting and paging in the store), row selection
// for A/B compare, and the campaign charts. Refreshes the visible page and charts while trials run.
'use strict';
LT.header('campaigns');
const main = document.getElementById('main');
const S = {name: LT.param('name'), sort: null, order: null, state: '', ranges: {}, limit: 50, offset: 0,
  selected: new Set(), running: false, countsKey: ''};
const METRICS = ['test_mae', 'test_rmse', 'test_r2', 'skill', 'persistence_rmse', 'direction_accuracy', 'val_rmse',
  'epochs', 'training_seconds'];
const ui = {};

function build(info) {
  const c = info.campaign;
  ui.summary = LT.el('p', {id: 'summary'});
  ui.table = LT.el('div', {class: 'scroll', id: 'leaderboard'});
  ui.pager = LT.el('div', {class: 'controls', id: 'pager'});
  ui.compare = LT.el('button', {id: 'compare', type: 'button', disabled: true}, 'Compare selected');
  ui.compare.addEventListener('click', () => { location.href = 'compare.html?' + LT.q({ids: [...S.selected].join(',')}); });
  const stateSel = LT.el('select', {id: 'state-filter'},
    ['', 'complete', 'pruned', 'failed', 'running', 'waiting'].map((s) => LT.el('option', {value: s}, s || 'all')));
  stateSel.addEventListener('change', () => { S.state = stateSel.value; S.offset = 0; loadTable(); });
  const keySel = LT.el('select', {id: 'range-key'}, info.sort_keys.map((k) => LT.el('option', {value: k}, LT.metricLabel(k))));
  const min = LT.el('input', {id: 'range-min', size: 8, placeholder: 'min'});
  const max = LT.el('input', {id: 'range-max', size: 8, placeholder: 'max'});
  const apply = LT.el('button', {type: 'button'}, 'Add range');
  apply.addEventListener('click', () => {
    S.ranges[keySel.value] = [min.value.trim(), max.value.trim()];
    S.offset = 0; loadTable(); showRanges();
  });
  ui.ranges = LT.el('span', {id: 'ranges'});
  const limitSel = LT.el('select', {id: 'page-size'}, [20, 50, 100, 500].map((n) => LT.el('option', {value: n, selected: n === S.limit}, n)));
  limitSel.addEventListener('change', () => { S.limit = +limitSel.value; S.offset = 0; loadTable(); });
  ui.slice = LT.el('select', {id: 'slice-param'});
  ui.slice.addEventListener('change', () => drawSlice());
  ui.charts = {history: LT.el('div', {class: 'chart', id: 'chart-history'}), importance: LT.el('div', {class: 'chart', id: 'chart-importance'}),
    parallel: LT.el('div', {class: 'chart', id: 'chart-parallel'}), slice: LT.el('div', {class: 'chart', id: 'chart-slice'})};
  ui.method = LT.el('p', {class: 'note'});
  LT.replace(main,
    LT.el('h1', {id: 'campaign-name'}, c.name),
    ui.summary,
    LT.el('div', {class: 'controls'},
      LT.el('label', {}, 'State', stateSel),
      LT.el('label', {}, 'Range on', keySel), LT.el('label', {}, 'from', min), LT.el('label', {}, 'to', max), apply, ui.ranges,
      LT.el('label', {}, 'Rows', limitSel), ui.compare),
    ui.table, ui.pager,
    LT.el('h2', {}, 'Optimization history'), ui.charts.history,
    LT.el('div', {class: 'grid2'},
      LT.el('div', {}, LT.el('h2', {}, 'Param importance'), ui.charts.importance, ui.method),
      LT.el('div', {}, LT.el('h2', {}, 'Slice plot ', ui.slice), ui.charts.slice)),
    LT.el('h2', {}, 'Parallel coordinates (params → objective)'), ui.charts.parallel);
  for (const k of Object.keys(ui.charts)) ui.charts[k] = LT.chart(ui.charts[k]);
}

function showRanges() {
  LT.replace(ui.ranges, Object.entries(S.ranges).map(([k, [lo, hi]]) => {
    const x = LT.el('button', {type: 'button', title: 'remove'}, '×');
    x.addEventListener('click', () => { delete S.ranges[k]; S.offset = 0; loadTable(); showRanges(); });
    return LT.el('span', {class: 'chip'}, LT.metricLabel(k) + ' ∈ [' + (lo || '−∞') + ', ' + (hi || '∞') + '] ', x);
  }));
}

function summarize(c) {
  const parts = Object.entries(c.counts).filter(([, n]) => n > 0).map(([s, n]) => [LT.stateBadge(s), ' ' + n + '  ']);
  LT.replace(ui.summary, c.symbol + ' · ' + c.sampler + ' / ' + c.pruner + ' · objective ' + c.objective + ' (' +
    c.direction + ') · ', parts, c.running ? LT.el('span', {class: 'live'}, ' ● running, live') : '');
}

function header(key, label, cls) {
  const th = LT.el('th', {class: 'sortable ' + (cls || ''), 'data-sort': key}, label);
  if ((S.sort || 'objective') === key) th.classList.add(S.order ? 'sorted-' + S.order : 'sorted-best');
  th.addEventListener('click', () => {
    if ((S.sort || 'objective') === key) S.order = S.order === 'desc' ? 'asc' : 'desc';
    else { S.sort = key; S.order = null; }
    S.offset = 0; loadTable();
  });
  return th;
}

function renderTable(page) {
  const params = page.params;
  const head = LT.el('tr', {}, LT.el('th', {}, '✓'), header('number', '#'), LT.el('th', {class: 'text'}, 'state'),
    header('objective', 'objective'), params.map((p) => header(p, p)), METRICS.map((m) => header(m, LT.metricLabel(m))));
  const rows = page.items.map((t) => {
    const box = LT.el('input', {type: 'checkbox', 'data-id': t.id, checked: S.selected.has(t.id)});
    box.addEventListener('change', () => {
      if (box.checked) S.selected.add(t.id); else S.selected.delete(t.id);
      ui.compare.disabled = S.selected.size < 2 || S.selected.size > 4;
      ui.compare.textContent = 'Compare selected (' + S.selected.size + ')';
    });
    const best = t.id === page.best_id;
    return LT.el('tr', {class: best ? 'best' : null, 'data-id': t.id, 'data-state': t.state},
      LT.el('td', {}, box),
      LT.el('td', {}, LT.link(LT.trialHref(t.id), (best ? '★ ' : '') + '#' + t.number)),
      LT.el('td', {class: 'text', title: t.failure_reason || ''}, LT.stateBadge(t.state)),
      LT.el('td', {class: 'objective'}, LT.fmt(t.objective)),
      params.map((p) => LT.el('td', {}, LT.fmt(t.params[p]))),
      METRICS.map((m) => LT.el('td', {class: m === 'skill' && t.metrics[m] !== null ? (t.metrics[m] > 0 ? 'good' : 'bad') : null}, LT.fmt(t.metrics[m]))));
  });
  LT.replace(ui.table, LT.el('table', {}, LT.el('thead', {}, head), LT.el('tbody', {}, rows)));
  const prev = LT.el('button', {type: 'button', id: 'prev', disabled: page.offset === 0}, '← Prev');
  prev.addEventListener('click', () => { S.offset = Math.max(0, S.offset - S.limit); loadTable(); });
  const next = LT.el('button', {type: 'button', id: 'next', disabled: !page.next_cursor}, 'Next →');
  next.addEventListener('click', () => { S.offset += S.limit; loadTable(); });
  const to = Math.min(page.total, page.offset + page.items.length);
  LT.replace(ui.pager, prev, LT.el('span', {id: 'page-info'},
    (page.total ? (page.offset + 1) + '–' + to : '0') + ' of ' + page.total + ' trials (★ best; failed and pruned trials always rank after completed ones)'), next);
}

let tableSeq = 0;

async function loadTable() {
  const seq = ++tableSeq; // a slower, older response must not overwrite a newer one
  const q = {campaign: S.name, sort: S.sort, order: S.order, state: S.state, limit: S.limit, offset: S.offset};
  for (const [k, [lo, hi]] of Object.entries(S.ranges)) { q['min.' + k] = lo; q['max.' + k] = hi; }
  try {
    const page = await LT.api('/api/trials?' + LT.q(q));
    if (seq === tableSeq) renderTable(page);
  } catch (e) {
    LT.error(ui.table, e);
  }
}

let chartData = null;

async function loadCharts() {
  const d = await LT.api('/api/charts?' + LT.q({campaign: S.name}));
  chartData = d;
  const dir = d.direction;
  ui.charts.history.setOption({
    tooltip: {trigger: 'item'}, legend: {}, xAxis: {type: 'value', name: 'trial #'}, yAxis: {type: 'value', name: d.objective, scale: true},
    series: [
      {name: 'objective', type: 'scatter', symbolSize: 6, data: d.history.filter((p) => p.objective !== null).map((p) => [p.number, p.objective, p.id])},
      {name: 'best so far (' + dir + ')', type: 'line', step: 'end', showSymbol: false, data: d.history.filter((p) => p.best_so_far !== null).map((p) => [p.number, p.best_so_far])}
    ]}, true);
  ui.charts.history.off('click');
  ui.charts.history.on('click', (e) => { if (e.data && e.data[2]) location.href = LT.trialHref(e.data[2]); });
  const imp = d.importance.slice().reverse();
  ui.charts.importance.setOption({
    tooltip: {}, grid: {left: 120}, xAxis: {type: 'value', name: 'share of variance', max: 1},
    yAxis: {type: 'category', data: imp.map((i) => i.param)},
    series: [{type: 'bar', data: imp.map((i) => +i.variance_share.toFixed(4))}]}, true);
  ui.method.textContent = 'Method: ' + d.importance_method + '.';
  const axes = d.params.map((p, i) => p.numeric ? {dim: i, name: p.name, type: 'value', min: p.min, max: p.max}
    : {dim: i, name: p.name, type: 'category', data: p.categories});
  axes.push({dim: d.params.length, name: d.objective, type: 'value', scale: true});
  ui.charts.parallel.setOption({
    parallelAxis: axes, parallel: {left: 60, right: 80},
    visualMap: {show: true, dimension: d.params.length, min: Math.min(...d.points.map((p) => p.objective)),
      max: Math.max(...d.points.map((p) => p.objective)), inRange: {color: dir === 'minimize' ? ['#1a9850', '#fee08b', '#d73027'] : ['#d73027', '#fee08b', '#1a9850']}, right: 0},
    series: [{type: 'parallel', lineStyle: {width: 1, opacity: 0.6},
      data: d.points.map((pt) => d.params.map((p) => p.numeric ? pt.params[p.name] : String(pt.params[p.name])).concat([pt.objective]))}]}, true);
  const current = ui.slice.value;
  LT.replace(ui.slice, d.params.map((p) => LT.el('option', {value: p.name, selected: p.name === current}, p.name)));
  drawSlice();
}

function drawSlice() {
  const d = chartData;
  if (!d || !d.params.length) return;
  const p = d.params.find((x) => x.name === ui.slice.value) || d.params[0];
  ui.charts.slice.setOption({
    tooltip: {}, xAxis: p.numeric ? {type: 'value', name: p.name, scale: true} : {type: 'category', name: p.name, data: p.categories},
    yAxis: {type: 'value', name: d.objective, scale: true},
    series: [{type: 'scatter', symbolSize: 7, data: d.points.map((pt) => [p.numeric ? pt.params[p.name] : String(pt.params[p.name]), pt.objective])}]}, true);
}

async function refresh() {
  const info = await LT.api('/api/campaign?' + LT.q({name: S.name}));
  S.running = info.campaign.running || info.campaign.counts.waiting > 0;
  summarize(info.campaign);
  const key = JSON.stringify(info.campaign.counts);
  if (key !== S.countsKey) {
    S.countsKey = key;
    await Promise.all([loadTable(), loadCharts()]);
  }
}

(async () => {
  try {
    if (!S.name) throw new Error('no campaign given: open this page from the campaigns list');
    const info = await LT.api('/api/campaign?' + LT.q({name: S.name}));
    document.title = info.campaign.name + ' · lstm-tuner';
    build(info);
    await refresh();
    LT.poll(refresh, 3000, () => S.running);
  } catch (e) {
    LT.error(main, e);
  }
})();
