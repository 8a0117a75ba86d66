// One trial: learning curves with best epoch and overfitting flag, predictions vs actual with the persistence line,
// metrics beside persistence, full config and the command that reruns it. Refreshes while the trial runs.
'use strict';
LT.header('campaigns');
const main = document.getElementById('main');
const id = LT.param('id');
let running = false;
let charts = null;

function kv(rows) {
  return LT.el('table', {}, LT.el('tbody', {}, rows.map(([k, v]) => LT.el('tr', {}, LT.el('th', {class: 'text'}, k), LT.el('td', {class: 'text'}, v)))));
}

function metricsTable(t) {
  const m = t.metrics;
  const row = (label, model, persistence, lowerBetter) => {
    const better = model !== null && persistence !== null ? (lowerBetter ? model < persistence : model > persistence) : null;
    return LT.el('tr', {}, LT.el('th', {class: 'text'}, label), LT.el('td', {class: better === null ? null : better ? 'good' : 'bad'}, LT.fmt(model)),
      LT.el('td', {}, LT.fmt(persistence)));
  };
  return LT.el('table', {id: 'metrics'},
    LT.el('thead', {}, LT.el('tr', {}, LT.el('th', {class: 'text'}, 'test split'), LT.el('th', {}, 'model'), LT.el('th', {}, 'persistence'))),
    LT.el('tbody', {},
      row('RMSE', m.test_rmse, m.persistence_rmse, true),
      row('MAE', m.test_mae, m.persistence_mae, true),
      row('MAPE %', m.test_mape, m.persistence_mape, true),
      row('R²', m.test_r2, m.persistence_r2, false),
      row('direction accuracy', m.direction_accuracy, null, false), // persistence predicts no move: undefined
      LT.el('tr', {}, LT.el('th', {class: 'text'}, 'skill (1 − RMSE/persistence)'),
        LT.el('td', {class: m.skill === null ? null : m.skill > 0 ? 'good' : 'bad'}, LT.fmt(m.skill)), LT.el('td', {}, '0')),
      LT.el('tr', {}, LT.el('th', {class: 'text'}, 'best val RMSE'), LT.el('td', {}, LT.fmt(m.val_rmse)), LT.el('td', {}, '')),
      LT.el('tr', {}, LT.el('th', {class: 'text'}, 'epochs (best)'), LT.el('td', {}, LT.fmt(m.epochs) + ' (' + LT.fmt(m.best_epoch) + ')'), LT.el('td', {}, '')),
      LT.el('tr', {}, LT.el('th', {class: 'text'}, 'training time s'), LT.el('td', {}, LT.fmt(m.training_seconds, 1)), LT.el('td', {}, ''))));
}

function curveChart(chart, curve, verdict) {
  const marks = [];
  if (verdict.best_epoch !== null) marks.push({xAxis: verdict.best_epoch, name: 'best epoch', label: {formatter: 'best epoch'}});
  if (verdict.overfitting) marks.push({xAxis: verdict.from_epoch, name: 'overfitting', lineStyle: {color: '#b3261e'}, label: {formatter: 'overfitting'}});
  chart.setOption({
    tooltip: {trigger: 'axis'}, legend: {}, xAxis: {type: 'value', name: 'epoch', minInterval: 1}, yAxis: {type: 'value', name: 'loss (MSE, scaled)', scale: true},
    series: [
      {name: 'train loss', type: 'line', data: curve.map((e) => [e.epoch, e.train_loss])},
      {name: 'val loss', type: 'line', data: curve.map((e) => [e.epoch, e.val_loss]), markLine: {symbol: 'none', data: marks}}]}, true);
}

async function predictionsChart(chart, holder) {
  try {
    const p = await LT.api('/api/trials/' + encodeURIComponent(id) + '/predictions');
    chart.setOption({
      tooltip: {trigger: 'axis'}, legend: {}, dataZoom: [{type: 'inside'}, {type: 'slider'}],
      xAxis: {type: 'category', data: p.time.map((t) => /^\d{12,}$/.test(t) ? new Date(+t).toISOString().slice(0, 16).replace('T', ' ') : t)},
      yAxis: {type: 'value', scale: true, name: 'price'},
      series: [
        {name: 'actual', type: 'line', showSymbol: false, data: p.actual},
        {name: 'predicted', type: 'line', showSymbol: false, data: p.predicted},
        {name: 'persistence (last close)', type: 'line', showSymbol: false, lineStyle: {type: 'dashed'}, data: p.last_close}]}, true);
    holder.textContent = p.windows + ' test windows' + (p.stride > 1 ? ' (every ' + p.stride + 'th drawn)' : '') +
      ' · RMSE model ' + LT.fmt(p.model_rmse) + ' vs persistence ' + LT.fmt(p.persistence_rmse);
  } catch (e) {
    holder.textContent = e.message;
  }
}

async function load() {
  const d = await LT.api('/api/trials/' + encodeURIComponent(id));
  const t = d.trial;
  running = t.state === 'running' || t.state === 'waiting';
  const curves = await LT.api('/api/epochs?' + LT.q({ids: t.id}));
  const curve = curves[String(t.id)] || [];
  if (!charts) {
    document.title = t.campaign + ' #' + t.number + ' · lstm-tuner';
    charts = {curve: LT.el('div', {class: 'chart', id: 'chart-curve'}), pred: LT.el('div', {class: 'chart', id: 'chart-predictions'}),
      predNote: LT.el('p', {id: 'pred-note'}), head: LT.el('div'), side: LT.el('div'), rest: LT.el('div'), flag: LT.el('p', {id: 'overfit'})};
    LT.replace(main, charts.head,
      LT.el('div', {class: 'grid2'},
        LT.el('div', {}, LT.el('h2', {}, 'Learning curves'), charts.curve, charts.flag),
        LT.el('div', {}, LT.el('h2', {}, 'Metrics beside the persistence baseline'), charts.side)),
      LT.el('h2', {}, 'Test split: predicted vs actual'), charts.pred, charts.predNote, charts.rest);
    charts.curveChart = LT.chart(charts.curve);
    charts.predChart = LT.chart(charts.pred);
    if (d.has_predictions) predictionsChart(charts.predChart, charts.predNote);
    else charts.predNote.textContent = 'No predictions artifact (only COMPLETE trials evaluated on the test split have one).';
  }
  LT.replace(charts.head,
    LT.el('h1', {}, LT.link(LT.campaignHref(t.campaign), t.campaign), ' / trial #' + t.number, ' ', LT.stateBadge(t.state), d.best ? ' ★ best' : ''),
    LT.el('p', {}, 'objective ' + d.objective_name + ' (' + d.direction + '): ', LT.el('strong', {id: 'objective'}, LT.fmt(t.objective)),
      ' · worker ' + (t.worker || '–') + ' · started ' + LT.time(t.started_at) + ' · finished ' + LT.time(t.finished_at)),
    t.failure_reason ? LT.el('p', {class: 'error'}, t.state + ': ' + t.failure_reason) : null);
  curveChart(charts.curveChart, curve, d.curve);
  charts.flag.className = d.curve.overfitting ? 'flag' : 'ok';
  charts.flag.textContent = d.curve.overfitting
    ? '⚠ Overfitting: validation loss rose while training loss fell for ' + d.curve.k + ' epochs from epoch ' + d.curve.from_epoch + '.'
    : 'No overfitting flag (validation loss never rose while training loss fell for ' + d.curve.k + ' epochs in a row).';
  LT.replace(charts.side, metricsTable(t), LT.el('h2', {}, 'Params'), kv(Object.entries(t.params).map(([k, v]) => [k, LT.fmt(v)])));
  const prov = d.provenance;
  LT.replace(charts.rest,
    LT.el('h2', {}, 'Reproduce'), LT.el('pre', {id: 'reproduce'}, d.reproduce), LT.copyButton(() => d.reproduce, 'Copy command'),
    LT.el('h2', {}, 'Full config'), LT.el('pre', {id: 'config'}, d.config), LT.copyButton(() => d.config, 'Copy config'),
    prov ? [LT.el('h2', {}, 'Provenance'), kv([['seed', prov.seed], ['data sha256', prov.data ? prov.data.sha256 : '–'],
      ['data rows', prov.data ? prov.data.rows : '–'], ['lstm-tuner', prov.lstm_tuner_version + ' @ ' + prov.git_commit],
      ['java / dl4j', prov.java_version + ' / ' + prov.dl4j_version], ['backend', prov.nd4j_backend],
      ['os / arch / threads', prov.os + ' / ' + prov.arch + ' / ' + prov.threads], ['host', prov.host]])] : null,
    d.artifacts.length ? [LT.el('h2', {}, 'Artifacts'), LT.el('table', {id: 'artifacts'},
      LT.el('thead', {}, LT.el('tr', {}, ['kind', 'file', 'size', 'sha256'].map((h) => LT.el('th', {class: 'text'}, h)))),
      LT.el('tbody', {}, d.artifacts.map((a) => LT.el('tr', {}, LT.el('td', {class: 'text'}, a.kind),
        LT.el('td', {class: 'text', title: a.path}, a.name), LT.el('td', {}, a.size_bytes), LT.el('td', {class: 'text'}, a.sha256.slice(0, 16) + '…')))))] : null,
    d.failure_stack ? [LT.el('h2', {}, 'Stack trace'), LT.el('pre', {}, d.failure_stack)] : null);
}

load().then(() => LT.poll(load, 3000, () => running)).catch((e) => LT.error(main, e));
