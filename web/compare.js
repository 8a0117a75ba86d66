// A/B compare of 2–4 trials: params (only differing rows unless toggled), metrics with deltas against the first,
// overlaid learning curves, and the Diebold–Mariano test of the first trial against each other one.
'use strict';
LT.header('campaigns');
const main = document.getElementById('main');
const ids = LT.param('ids') || '';
let showAll = false;

function paramsTable(d, holder) {
  const rows = d.params.filter((p) => showAll || p.differs).map((p) => LT.el('tr', {class: p.differs ? 'diff' : 'same', 'data-param': p.name},
    LT.el('th', {class: 'text'}, p.name), p.values.map((v) => LT.el('td', {}, LT.fmt(v)))));
  const same = d.params.filter((p) => !p.differs).length;
  LT.replace(holder, LT.el('table', {id: 'params'}, LT.el('thead', {}, LT.el('tr', {}, LT.el('th', {class: 'text'}, 'param'),
    d.trials.map((t) => LT.el('th', {}, '#' + t.number)))), LT.el('tbody', {}, rows)),
  LT.el('p', {}, rows.length === 0 ? 'No param differs. ' : '', showAll ? 'Differing rows highlighted.' : same + ' identical params hidden.'));
}

function metricsTable(d) {
  return LT.el('table', {id: 'metrics'},
    LT.el('thead', {}, LT.el('tr', {}, LT.el('th', {class: 'text'}, 'metric'),
      d.trials.map((t, i) => LT.el('th', {}, '#' + t.number + (i ? ' (Δ vs #' + d.trials[0].number + ')' : ''))))),
    LT.el('tbody', {}, d.metrics.map((m) => LT.el('tr', {'data-metric': m.key},
      LT.el('th', {class: 'text'}, LT.metricLabel(m.key) + ' (' + m.better + ' is better)'),
      m.values.map((v, i) => {
        const delta = i && m.deltas[i] !== null ? ' (' + (m.deltas[i] >= 0 ? '+' : '') + LT.fmt(m.deltas[i]) + ')' : '';
        return LT.el('td', {class: m.best_index === i && m.values.filter((x) => x !== null).length > 1 ? 'good' : null}, LT.fmt(v) + delta);
      })))));
}

function dmBlock(d) {
  return d.dm.map((r, i) => {
    if (r.error) return LT.el('p', {class: 'verdict dm'}, 'Diebold–Mariano ' + r.a_label + ' vs ' + r.b_label + ': ' + r.error);
    return LT.el('div', {class: 'dm'},
      LT.el('p', {class: 'verdict', id: i === 0 ? 'dm-verdict' : null}, r.verdict),
      LT.el('p', {}, 'Diebold–Mariano (squared-error loss, HLN-corrected, horizon ' + r.horizon + ') ' + r.a_label + ' vs ' + r.b_label +
        ': statistic ' + LT.fmt(r.statistic, 3) + ', p-value ' + LT.fmt(r.p_value, 4) + ', ' + r.n + ' shared test windows.'));
  });
}

async function load() {
  const d = await LT.api('/api/compare?' + LT.q({ids}));
  const curves = await LT.api('/api/epochs?' + LT.q({ids: d.trials.map((t) => t.id).join(',')}));
  const box = LT.el('input', {type: 'checkbox', id: 'show-all'});
  const paramsHolder = LT.el('div');
  box.addEventListener('change', () => { showAll = box.checked; paramsTable(d, paramsHolder); });
  const chartDiv = LT.el('div', {class: 'chart', id: 'chart-curves'});
  document.title = 'Compare ' + d.trials.map((t) => '#' + t.number).join(' vs ') + ' · lstm-tuner';
  LT.replace(main,
    LT.el('h1', {}, 'Compare ', d.trials.map((t, i) => [i ? ' vs ' : '', LT.link(LT.trialHref(t.id), t.campaign + ' #' + t.number)])),
    LT.el('h2', {}, 'Is the difference real?'), dmBlock(d),
    LT.el('div', {class: 'grid2'},
      LT.el('div', {}, LT.el('h2', {}, 'Params'), LT.el('label', {}, box, ' show all params'), paramsHolder),
      LT.el('div', {}, LT.el('h2', {}, 'Metrics'), metricsTable(d))),
    LT.el('h2', {}, 'Learning curves (solid: validation, dashed: training)'), chartDiv);
  paramsTable(d, paramsHolder);
  const series = [];
  d.trials.forEach((t) => {
    const c = curves[String(t.id)] || [];
    series.push({name: '#' + t.number + ' val', type: 'line', data: c.map((e) => [e.epoch, e.val_loss])});
    series.push({name: '#' + t.number + ' train', type: 'line', lineStyle: {type: 'dashed'}, data: c.map((e) => [e.epoch, e.train_loss])});
  });
  LT.chart(chartDiv).setOption({tooltip: {trigger: 'axis'}, legend: {}, xAxis: {type: 'value', name: 'epoch', minInterval: 1},
    yAxis: {type: 'value', name: 'loss', scale: true}, series});
}

if (!/^\d+(,\d+){1,3}$/.test(ids)) {
  LT.replace(main, LT.el('p', {class: 'error'}, 'Pick 2 to 4 trials on a campaign leaderboard, then press "Compare selected".'));
} else {
  load().catch((e) => LT.error(main, e));
}
