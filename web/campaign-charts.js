// Campaign charts over the trials that pass the leaderboard's filters: optimization history (pruned trials at their
// last value), every learning curve (pruned faded, best highlighted, running ones growing), param importance with its
// uncertainty, slice and parallel-coordinates plots (log axes for log-sampled params), and a per-worker timeline.
'use strict';
const LTCharts = (() => {
  const ui = {};
  let data = null;
  const PRUNED = '#9aa0a6';
  const STATE_COLOURS = {complete: '#2e7d32', pruned: '#9aa0a6', failed: '#c62828', running: '#1f6feb', waiting: '#b8a200', interrupted: '#ef6c00'};

  function build(campaign) {
    ui.objective = campaign.objective;
    const div = (id) => LT.el('div', {class: 'chart', id, role: 'img'});
    ui.divs = {history: div('chart-history'), curves: div('chart-curves'), importance: div('chart-importance'),
      slice: div('chart-slice'), parallel: div('chart-parallel'), timeline: div('chart-timeline')};
    ui.slice = LT.el('select', {id: 'slice-param', 'aria-label': 'param of the slice plot'});
    ui.slice.addEventListener('change', drawSlice);
    ui.method = LT.el('p', {class: 'note', id: 'importance-method'});
    ui.impNote = LT.el('p', {class: 'note warn', id: 'importance-note'});
    ui.filterNote = LT.el('p', {class: 'note', id: 'charts-filter'});
    const box = LT.el('section', {id: 'charts'},
      ui.filterNote,
      LT.el('div', {class: 'grid2'},
        LT.el('div', {}, LT.el('h2', {}, 'Optimization history'), ui.divs.history),
        LT.el('div', {}, LT.el('h2', {}, 'Learning curves (validation RMSE)'), ui.divs.curves)),
      LT.el('div', {class: 'grid2'},
        LT.el('div', {}, LT.el('h2', {}, 'Param importance'), ui.impNote, ui.divs.importance, ui.method),
        LT.el('div', {}, LT.el('h2', {}, 'Slice plot ', ui.slice), ui.divs.slice)),
      LT.el('h2', {}, 'Parallel coordinates (params → objective)'), ui.divs.parallel,
      LT.el('h2', {}, 'Timeline: trials per worker'), ui.divs.timeline);
    return box;
  }

  /** Creates the chart instances once their divs are in the page (ECharts sizes itself from them). */
  function attach() {
    ui.charts = {};
    for (const k of Object.keys(ui.divs)) ui.charts[k] = LT.chart(ui.divs[k]);
    for (const k of ['history', 'slice', 'parallel', 'curves', 'timeline']) {
      ui.charts[k].on('click', (e) => {
        const id = e.data && (e.data.id || (e.data.value && e.data.value.id));
        if (id) location.href = LT.trialHref(id);
      });
    }
  }

  const trialTip = (p) => '<b>#' + p.number + '</b> (' + LT.esc(p.state) + ')<br>' + LT.paramLines(p.params);
  const axis = (name, extra) => Object.assign({name, nameLocation: 'middle', nameGap: 30, axisLabel: {formatter: LT.tick}}, extra || {});

  async function load(q) {
    const filtered = Object.keys(q).some((k) => k !== 'campaign' && q[k] !== '' && q[k] !== undefined);
    ui.filterNote.textContent = filtered ? 'Charts show only the trials that pass the table\'s filters.' : '';
    const [d] = await Promise.all([LT.api('/api/charts?' + LT.q(q)), loadCurves(q), loadTimeline(q)]);
    data = d;
    const byId = {};
    d.points.forEach((p) => { byId[p.id] = p; });
    const point = (h, y) => ({value: [h.number, y], id: h.id, number: h.number, state: h.state,
      params: (byId[h.id] || {}).params, extra: h.pruned_epoch ? 'pruned at epoch ' + h.pruned_epoch : ''});
    ui.charts.history.setOption({
      tooltip: {trigger: 'item', formatter: (e) => e.data && e.data.number ? trialTip(e.data) + (e.data.extra ? '<br>' + e.data.extra : '') +
        '<br>' + LT.esc(d.objective) + ': ' + LT.fmt(e.data.value[1]) : LT.esc(e.seriesName)},
      legend: {top: 0}, grid: {top: 40, left: 70},
      xAxis: axis('trial #', {type: 'value', minInterval: 1}), yAxis: axis(d.objective, {type: 'value', scale: true, nameGap: 55}),
      series: [
        {name: 'complete', type: 'scatter', symbolSize: 7, data: d.history.filter((h) => h.objective !== null).map((h) => point(h, h.objective))},
        {name: 'pruned (last value)', type: 'scatter', symbolSize: 6, itemStyle: {color: PRUNED, opacity: 0.6},
          data: d.history.filter((h) => h.last_value !== null).map((h) => point(h, h.last_value))},
        {name: 'best so far (' + d.direction + ')', type: 'line', step: 'end', showSymbol: false,
          data: d.history.filter((h) => h.best_so_far !== null).map((h) => [h.number, h.best_so_far])}]}, true);
    drawImportance(d);
    drawParallel(d);
    const current = ui.slice.value;
    LT.replace(ui.slice, d.params.map((p) => LT.el('option', {value: p.name, selected: p.name === current}, p.name)));
    drawSlice();
  }

  function drawImportance(d) {
    const imp = d.importance.slice().reverse();
    // render whatever uncertainty the importance carries: an sd, or a low/high interval
    const lo = (i) => i.ci_low !== undefined ? i.ci_low : i.low !== undefined ? i.low : i.sd !== undefined ? i.variance_share - i.sd
      : i.uncertainty !== undefined ? i.variance_share - i.uncertainty : null;
    const hi = (i) => i.ci_high !== undefined ? i.ci_high : i.high !== undefined ? i.high : i.sd !== undefined ? i.variance_share + i.sd
      : i.uncertainty !== undefined ? i.variance_share + i.uncertainty : null;
    const value = (i) => i.importance !== undefined ? i.importance : i.variance_share;
    const bars = imp.map((i) => ({value: value(i), lo: lo(i), hi: hi(i), name: i.param}));
    const withErr = bars.filter((b) => b.lo !== null && b.hi !== null);
    ui.charts.importance.setOption({
      tooltip: {formatter: (e) => {
        const b = bars[e.dataIndex];
        return LT.esc(b.name) + ': ' + LT.fmt(b.value, 3) + (b.lo !== null ? ' (' + LT.fmt(b.lo, 3) + ' – ' + LT.fmt(b.hi, 3) + ')' : '');
      }},
      grid: {left: 120, top: 20},
      xAxis: axis('share of the objective\'s variance', {type: 'value', min: 0}),
      yAxis: {type: 'category', data: imp.map((i) => i.param)},
      series: [{type: 'bar', data: bars.map((b) => b.value), itemStyle: {opacity: d.importance_note ? 0.4 : 1}},
        {type: 'custom', name: 'uncertainty', renderItem: (params, api) => {
          const b = bars[api.value(2)];
          if (!b || b.lo === null) return null;
          const y = api.coord([0, api.value(2)])[1];
          const x0 = api.coord([Math.max(0, b.lo), 0])[0], x1 = api.coord([b.hi, 0])[0];
          const style = {stroke: LT.dark() ? '#ddd' : '#333', lineWidth: 1.5};
          return {type: 'group', children: [{type: 'line', shape: {x1: x0, y1: y, x2: x1, y2: y}, style},
            {type: 'line', shape: {x1: x0, y1: y - 5, x2: x0, y2: y + 5}, style}, {type: 'line', shape: {x1, y1: y - 5, x2: x1, y2: y + 5}, style}]};
        }, data: withErr.map((b) => [b.lo, b.hi, bars.indexOf(b)]), encode: {x: [0, 1], y: 2}, z: 10}]}, true);
    ui.impNote.textContent = d.importance_note || (d.importance.length ? '' : 'No importance yet: it needs COMPLETE trials whose objective varies.');
    ui.method.textContent = 'Method: ' + d.importance_method + '.' + (withErr.length ? ' Whiskers: uncertainty of each share.' : '');
  }

  function drawParallel(d) {
    const axes = d.params.map((p, i) => p.numeric ? {dim: i, name: p.name, type: p.log ? 'log' : 'value', min: p.min, max: p.max,
      axisLabel: {formatter: LT.tick}} : {dim: i, name: p.name, type: 'category', data: p.categories});
    axes.push({dim: d.params.length, name: d.objective, type: 'value', scale: true, axisLabel: {formatter: LT.tick}});
    const done = d.points.filter((p) => p.state === 'complete');
    const vals = done.map((p) => p.value);
    ui.charts.parallel.setOption({
      tooltip: {formatter: (e) => e.data && e.data.number ? trialTip(e.data) + '<br>' + LT.esc(d.objective) + ': ' + LT.fmt(e.data.objective) : ''},
      parallelAxis: axes, parallel: {left: 60, right: 90, top: 40},
      visualMap: {show: vals.length > 0, dimension: d.params.length, min: vals.length ? Math.min(...vals) : 0, max: vals.length ? Math.max(...vals) : 1,
        precision: 3, inRange: {color: d.direction === 'minimize' ? ['#1a9850', '#fee08b', '#d73027'] : ['#d73027', '#fee08b', '#1a9850']}, right: 0},
      series: [{type: 'parallel', lineStyle: {width: 1, opacity: 0.6}, data: done.map((pt) => ({
        value: d.params.map((p) => p.numeric ? pt.params[p.name] : String(pt.params[p.name])).concat([pt.value]),
        id: pt.id, number: pt.number, state: pt.state, params: pt.params, objective: pt.value}))}]}, true);
  }

  function drawSlice() {
    const d = data;
    if (!d || !d.params.length) return;
    const p = d.params.find((x) => x.name === ui.slice.value) || d.params[0];
    const pts = (state) => d.points.filter((pt) => (state === 'complete') === (pt.state === 'complete')).map((pt) => ({
      value: [p.numeric ? pt.params[p.name] : String(pt.params[p.name]), pt.value], id: pt.id, number: pt.number, state: pt.state, params: pt.params}));
    ui.charts.slice.setOption({
      tooltip: {formatter: (e) => trialTip(e.data) + '<br>' + LT.esc(d.objective) + ': ' + LT.fmt(e.data.value[1])},
      legend: {top: 0}, grid: {top: 40, left: 70},
      xAxis: p.numeric ? axis(p.name + (p.log ? ' (log scale)' : ''), {type: p.log ? 'log' : 'value', scale: !p.log})
        : {type: 'category', name: p.name, data: p.categories, nameLocation: 'middle', nameGap: 30},
      yAxis: axis(d.objective, {type: 'value', scale: true, nameGap: 55}),
      series: [{name: 'complete', type: 'scatter', symbolSize: 7, data: pts('complete')},
        {name: 'pruned (last value)', type: 'scatter', symbolSize: 6, itemStyle: {color: PRUNED, opacity: 0.6}, data: pts('pruned')}]}, true);
  }

  async function loadCurves(q) {
    const curves = await LT.api('/api/curves?' + LT.q(q));
    const series = curves.map((c) => ({
      name: '#' + c.number + (c.best ? ' ★ best' : ''), type: 'line', showSymbol: c.state === 'running', symbolSize: 4,
      data: c.points.map((pt) => ({value: pt, id: c.id, number: c.number, state: c.state, params: c.params})),
      lineStyle: {width: c.best ? 3.5 : 1.2, opacity: c.best ? 1 : c.state === 'complete' ? 0.7 : c.state === 'running' ? 0.9 : 0.25,
        type: c.state === 'running' ? 'dashed' : 'solid'},
      itemStyle: {color: c.best ? '#e8a100' : c.state === 'complete' ? undefined : STATE_COLOURS[c.state] || PRUNED},
      z: c.best ? 10 : c.state === 'running' ? 5 : 1, emphasis: {focus: 'series'}}));
    ui.charts.curves.setOption({
      tooltip: {trigger: 'item', formatter: (e) => trialTip(e.data) + '<br>epoch ' + e.data.value[0] + ': val RMSE ' + LT.fmt(e.data.value[1])},
      grid: {top: 20, left: 70}, xAxis: axis('epoch', {type: 'value', minInterval: 1}),
      yAxis: axis('validation RMSE', {type: 'value', scale: true, nameGap: 55}), series}, true);
  }

  async function loadTimeline(q) {
    const t = await LT.api('/api/timeline?' + LT.q(q));
    const now = Date.now();
    const workers = t.workers;
    ui.divs.timeline.style.height = Math.max(160, 60 + 28 * workers.length) + 'px';
    ui.charts.timeline.resize();
    const data = t.bars.map((b) => ({value: [workers.indexOf(b.worker), Date.parse(b.started_at), b.finished_at ? Date.parse(b.finished_at) : now],
      id: b.id, number: b.number, state: b.state, worker: b.worker, objective: b.objective}));
    const states = [...new Set(t.bars.map((b) => b.state))];
    ui.charts.timeline.setOption({
      tooltip: {formatter: (e) => '<b>#' + e.data.number + '</b> ' + LT.esc(e.data.state) + ' on ' + LT.esc(e.data.worker) + '<br>' +
        LT.esc(new Date(e.data.value[1]).toISOString()) + ' → ' + (e.data.state === 'running' ? 'now' : LT.esc(new Date(e.data.value[2]).toISOString())) +
        (e.data.objective !== null ? '<br>objective ' + LT.fmt(e.data.objective) : '')},
      legend: {top: 0, data: states}, grid: {top: 30, left: 140, bottom: 30},
      xAxis: {type: 'time'}, yAxis: {type: 'category', data: workers, axisLabel: {width: 130, overflow: 'truncate'}},
      series: states.map((s) => ({name: s, type: 'custom', itemStyle: {color: STATE_COLOURS[s]}, encode: {x: [1, 2], y: 0},
        data: data.filter((x) => x.state === s),
        renderItem: (params, api) => {
          const y = api.coord([0, api.value(0)])[1];
          const x0 = api.coord([api.value(1), 0])[0], x1 = api.coord([api.value(2), 0])[0];
          const h = api.size([0, 1])[1] * 0.6;
          return {type: 'rect', shape: {x: x0, y: y - h / 2, width: Math.max(2, x1 - x0), height: h}, style: api.style()};
        }}))}, true);
  }

  return {build, attach, load, loadCurves};
})();
