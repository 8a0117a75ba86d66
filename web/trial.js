// One trial: its verdict against persistence in words, its diagnoses (computed by the server's analysis layer, each
// with the tutorial's remedy), learning curves with the best epoch and where overfitting starts, predictions and errors against persistence (over time and as a distribution), metrics
// beside persistence, links to its neighbours and the best trial, downloadable artifacts, config and the command
// that reruns it. Charts appear only when there is data for them. Refreshes while the trial runs.
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
  const row = (label, model, persistence, cls) => LT.el('tr', {}, LT.el('th', {class: 'text'}, label),
    LT.el('td', {class: cls || null}, LT.fmt(model)), LT.el('td', {}, LT.fmt(persistence)));
  // the Diebold–Mariano test is on squared errors: it speaks for RMSE and skill only; other rows are not tested
  const tested = LT.verdictClass(t.verdict_kind);
  return LT.el('table', {id: 'metrics'},
    LT.el('thead', {}, LT.el('tr', {}, LT.el('th', {class: 'text'}, 'test split'), LT.el('th', {}, 'model'), LT.el('th', {}, 'persistence'))),
    LT.el('tbody', {},
      row('RMSE', m.test_rmse, m.persistence_rmse, tested),
      row('MAE', m.test_mae, m.persistence_mae),
      row('MAPE %', m.test_mape, m.persistence_mape),
      row('R²', m.test_r2, m.persistence_r2),
      row('direction accuracy', m.direction_accuracy, null), // persistence predicts no move: undefined
      LT.el('tr', {id: 'direction-test'}, LT.el('th', {class: 'text'}, 'direction vs a base-rate coin (Pesaran–Timmermann)'),
        LT.el('td', {class: 'text' + (t.direction_test && t.direction_test.kind === 'better' ? ' good' : '')},
          t.direction_test ? t.direction_test.words : '–'), LT.el('td', {}, '')),
      row('skill (1 − RMSE/persistence)', m.skill, 0, tested),
      row('Diebold–Mariano p vs persistence', m.persistence_p, null),
      row('best val RMSE', m.val_rmse, null),
      LT.el('tr', {}, LT.el('th', {class: 'text'}, 'epochs (best)'), LT.el('td', {}, LT.fmt(m.epochs) + ' (' + LT.fmt(m.best_epoch) + ')'), LT.el('td', {}, '')),
      row('training time s', m.training_seconds === null ? null : +m.training_seconds.toFixed(1), null)));
}

function curveChart(chart, curve, diagnoses) {
  const marks = [];
  if (diagnoses.best_epoch !== null) marks.push({xAxis: diagnoses.best_epoch, name: 'best epoch', label: {formatter: 'best epoch'}});
  const over = diagnoses.items.find((x) => x.kind === 'overfitting');
  if (over) marks.push({xAxis: over.from_epoch, name: 'overfitting', lineStyle: {color: '#b3261e'}, label: {formatter: 'overfitting'}});
  chart.setOption({
    tooltip: {trigger: 'axis', valueFormatter: (v) => LT.fmt(v)}, legend: {}, grid: {left: 70},
    xAxis: {type: 'value', name: 'epoch', minInterval: 1},
    yAxis: {type: 'value', name: 'loss (MSE, scaled)', scale: true, axisLabel: {formatter: LT.tick}},
    series: [
      {name: 'train loss', type: 'line', data: curve.map((e) => [e.epoch, e.train_loss])},
      {name: 'val loss', type: 'line', data: curve.map((e) => [e.epoch, e.val_loss]), markLine: {symbol: 'none', data: marks}}]}, true);
}

/** Each diagnosis with its remedy; for a finished trial with none, says so (muted, not an all-clear). */
function diagnosesBlock(t, diagnoses) {
  if (t.state !== 'complete' && t.state !== 'pruned') return null;
  const items = diagnoses.items.map((x) => LT.el('p', {id: 'diagnosis-' + x.kind, class: x.kind === 'not_enough_epochs' ? 'note' : 'flag'},
    (x.kind === 'not_enough_epochs' ? '' : '⚠ ') + x.text, x.remedy ? LT.el('span', {class: 'remedy'}, ' Try: ' + x.remedy + '.') : ''));
  return LT.el('div', {id: 'diagnoses'}, items.length ? items : LT.el('p', {class: 'note', id: 'no-diagnosis'},
    'No diagnosis found' + (diagnoses.curve ? ' in the learning curves or the test forecasts.' : ' in the test forecasts (no learning curve to read).')));
}

const when = (t) => /^\d{12,}$/.test(t) ? new Date(+t).toISOString().slice(0, 16).replace('T', ' ') : t;

/** Histogram of two error series on shared bins. */
function histogram(a, b, bins) {
  const all = a.concat(b).filter((x) => x !== null);
  const lo = Math.min(...all), hi = Math.max(...all);
  const w = (hi - lo) / bins || 1;
  const count = (xs) => {
    const c = new Array(bins).fill(0);
    xs.forEach((x) => { if (x !== null) c[Math.min(bins - 1, Math.floor((x - lo) / w))]++; });
    return c;
  };
  return {centres: [...Array(bins).keys()].map((i) => lo + (i + 0.5) * w), a: count(a), b: count(b)};
}

async function predictionCharts(holder, note) {
  try {
    const p = await LT.api('/api/trials/' + encodeURIComponent(id) + '/predictions');
    const pred = LT.el('div', {class: 'chart', id: 'chart-predictions'});
    const err = LT.el('div', {class: 'chart', id: 'chart-errors'});
    const dist = LT.el('div', {class: 'chart', id: 'chart-error-distribution'});
    LT.replace(holder, LT.el('h2', {}, 'Test split: predicted vs actual'), pred,
      LT.el('div', {class: 'grid2'}, LT.el('div', {}, LT.el('h2', {}, 'Errors over time (forecast − actual)'), err),
        LT.el('div', {}, LT.el('h2', {}, 'Error distribution'), dist)));
    const times = p.time.map(when);
    LT.chart(pred).setOption({
      tooltip: {trigger: 'axis', valueFormatter: (v) => LT.fmt(v)}, legend: {}, dataZoom: [{type: 'inside'}, {type: 'slider'}], grid: {left: 70},
      xAxis: {type: 'category', data: times}, yAxis: {type: 'value', scale: true, name: 'price', axisLabel: {formatter: LT.tick}},
      series: [
        {name: 'actual', type: 'line', showSymbol: false, data: p.actual},
        {name: 'predicted', type: 'line', showSymbol: false, data: p.predicted},
        {name: 'persistence (last close)', type: 'line', showSymbol: false, lineStyle: {type: 'dashed'}, data: p.last_close}]}, true);
    const diff = (xs) => xs.map((x, i) => x === null || p.actual[i] === null ? null : x - p.actual[i]);
    const em = diff(p.predicted), ep = diff(p.last_close);
    LT.chart(err).setOption({
      tooltip: {trigger: 'axis', valueFormatter: (v) => LT.fmt(v)}, legend: {}, dataZoom: [{type: 'inside'}], grid: {left: 70},
      xAxis: {type: 'category', data: times}, yAxis: {type: 'value', name: 'error (price)', axisLabel: {formatter: LT.tick}},
      series: [{name: 'model − actual', type: 'line', showSymbol: false, data: em},
        {name: 'persistence − actual', type: 'line', showSymbol: false, lineStyle: {type: 'dashed', opacity: 0.7}, data: ep}]}, true);
    const h = histogram(em, ep, 30);
    LT.chart(dist).setOption({
      tooltip: {trigger: 'axis'}, legend: {}, grid: {left: 50},
      xAxis: {type: 'category', name: 'error', data: h.centres.map(LT.tick)}, yAxis: {type: 'value', name: 'windows', minInterval: 1},
      series: [{name: 'model', type: 'bar', data: h.a, barGap: '-100%', itemStyle: {opacity: 0.7}},
        {name: 'persistence', type: 'bar', data: h.b, itemStyle: {opacity: 0.4}}]}, true);
    note.textContent = p.windows + ' test windows' + (p.stride > 1 ? ' (every ' + p.stride + 'th drawn)' : '') +
      ' · RMSE model ' + LT.fmt(p.model_rmse) + ' vs persistence ' + LT.fmt(p.persistence_rmse);
  } catch (e) {
    note.textContent = e.message;
  }
}

function links(d) {
  const t = d.trial;
  const out = [];
  if (d.prev_id) out.push(LT.el('a', {href: LT.trialHref(d.prev_id), id: 'prev-trial', rel: 'prev'}, '← #' + (t.number - 1)));
  if (d.next_id) out.push(LT.el('a', {href: LT.trialHref(d.next_id), id: 'next-trial', rel: 'next'}, '#' + (t.number + 1) + ' →'));
  if (d.best_id && d.best_id !== t.id) out.push(LT.el('a', {href: 'compare.html?' + LT.q({ids: d.best_id + ',' + t.id}), id: 'compare-best'}, 'Compare with the best trial'));
  if (d.best_id && d.best_id !== t.id) out.push(LT.link(LT.trialHref(d.best_id), 'Best trial'));
  if (t.requeued_from) out.push(LT.el('a', {href: LT.trialHref(t.requeued_from), id: 'requeued-from'}, 'Re-run of an interrupted trial'));
  if (t.requeued_as) out.push(LT.el('a', {href: LT.trialHref(t.requeued_as), id: 'requeued-as'}, 'Its re-queued copy'));
  if (t.confirm_of) out.push(LT.el('a', {href: LT.trialHref(t.confirm_of), id: 'confirm-of'}, 'The trial this run confirms'));
  return LT.el('p', {class: 'nav-links'}, out);
}

function verdictBlock(d) {
  const t = d.trial;
  if (t.verdict === null) return null;
  return LT.el('p', {class: 'verdict ' + (LT.verdictClass(t.verdict_kind) || ''), id: 'verdict'},
    'Against persistence on the test windows: ' + t.verdict + '.');
}

function stateLine(d) {
  const t = d.trial;
  if (t.interrupted) return LT.el('p', {class: 'note', id: 'state-note'}, 'Interrupted: ' + t.failure_reason + '.');
  if (t.state === 'pruned') return LT.el('p', {class: 'note', id: 'state-note'}, 'Pruned at epoch ' + LT.fmt(t.pruned_epoch) +
    (t.last_value !== null ? ' with validation RMSE ' + LT.fmt(t.last_value) : '') + ': ' + (t.failure_reason || '') +
    '. Pruned trials are not evaluated on the test split.');
  if (t.state === 'waiting') return LT.el('p', {class: 'note', id: 'state-note'}, 'Waiting for a worker: nothing recorded yet.');
  if (t.state === 'cancelled') return LT.el('p', {class: 'note', id: 'state-note'}, 'Cancelled (' + (t.failure_reason || '') +
    '): stopped on request, not a failure.');
  if (t.failure_reason) return LT.el('p', {class: 'error'}, t.state + ': ' + t.failure_reason);
  return null;
}

/** With writes allowed (serve --allow-notes, as for notes), a waiting or running trial can be cancelled here. */
function cancelControl(t) {
  if (t.state !== 'running' && t.state !== 'waiting') return null;
  const holder = LT.el('p', {id: 'cancel-trial'});
  LT.session().then((s) => {
    if (!s.notes_enabled) return;
    const err = LT.el('span', {class: 'error', role: 'alert'});
    LT.replace(holder, LT.el('button', {type: 'button', class: 'cancel-trial', onclick: async () => {
      try { await LT.send('POST', '/api/trials/' + t.id + '/cancel', {}); load(); } catch (e) { err.textContent = e.message; }
    }}, 'Cancel this trial'), ' ', err);
  });
  return holder;
}

async function load() {
  const d = await LT.api('/api/trials/' + encodeURIComponent(id));
  const t = d.trial;
  running = t.state === 'running' || t.state === 'waiting';
  const curves = t.state === 'waiting' ? {} : await LT.api('/api/epochs?' + LT.q({ids: t.id}));
  const curve = curves[String(t.id)] || [];
  if (!charts) {
    document.title = t.campaign + ' #' + t.number + ' · lstm-tuner';
    charts = {curveBox: LT.el('div'), predBox: LT.el('div', {id: 'predictions'}), predNote: LT.el('p', {id: 'pred-note', class: 'note'}),
      head: LT.el('div'), side: LT.el('div'), rest: LT.el('div'), notes: LT.el('div', {id: 'trial-notes'})};
    LT.replace(main, charts.head, LT.el('h2', {}, 'Notes and tags'), charts.notes,
      LT.el('div', {class: 'grid2'}, charts.curveBox,
        LT.el('div', {}, LT.el('h2', {}, t.metrics ? 'Metrics beside the persistence baseline' : 'Params'), charts.side)),
      charts.predBox, charts.predNote, charts.rest);
    if (d.has_predictions) predictionCharts(charts.predBox, charts.predNote);
    const notes = async () => LT.notesPanel(charts.notes, t.campaign, t.id,
      await LT.api('/api/notes?' + LT.q({campaign: t.campaign})), notes);
    notes();
  }
  LT.replace(charts.head,
    LT.el('h1', {}, LT.link(LT.campaignHref(t.campaign), t.campaign), ' / trial #' + t.number, ' ',
      LT.stateBadge(t.interrupted ? 'interrupted' : t.state, t.interrupted ? 'interrupted' : t.state), d.best ? ' ★ best' : ''),
    links(d),
    LT.el('p', {}, 'objective ' + d.objective_name + ' (' + d.direction + '): ', LT.el('strong', {id: 'objective'},
      t.objective !== null ? LT.fmt(t.objective) : t.last_value !== null ? LT.fmt(t.last_value) + ' at epoch ' + t.last_epoch + ' (last value)' : '–'),
      ' · worker ' + (t.worker || '–') + ' · started ' + LT.time(t.started_at) + ' · finished ' + LT.time(t.finished_at)),
    stateLine(d), cancelControl(t), verdictBlock(d), diagnosesBlock(t, d.diagnoses));
  if (curve.length && d.diagnoses.curve) {
    if (!charts.curveChart) {
      charts.curveDiv = LT.el('div', {class: 'chart', id: 'chart-curve'});
      LT.replace(charts.curveBox, LT.el('h2', {}, 'Learning curves'), charts.curveDiv);
      charts.curveChart = LT.chart(charts.curveDiv);
    }
    curveChart(charts.curveChart, curve, d.diagnoses);
  } else {
    LT.replace(charts.curveBox, LT.el('h2', {}, 'Learning curves'), LT.el('p', {class: 'note', id: 'no-curve'},
      t.state === 'waiting' ? 'No epochs yet: the trial is waiting for a worker.'
        : 'No learning curve: this trial recorded no epochs (the linear and forest baselines are fitted without them).'));
  }
  if (!d.has_predictions && t.state !== 'complete') charts.predNote.textContent = '';
  else if (!d.has_predictions) charts.predNote.textContent = 'No predictions artifact, so no prediction or error plots.';
  const params = kv(Object.entries(t.params).map(([k, v]) => [k, LT.fmt(v)]));
  LT.replace(charts.side, t.metrics ? [metricsTable(t), LT.el('p', {class: 'note'},
    'Only RMSE and skill are coloured, and only when the Diebold–Mariano test on squared errors is significant; the other rows are untested differences.'),
  LT.el('h2', {}, 'Params'), params] : params);
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
        LT.el('td', {class: 'text', title: a.path}, a.download ? LT.el('a', {href: a.download, download: a.name}, a.name) : [a.name, ' (file gone)']),
        LT.el('td', {}, a.size_bytes), LT.el('td', {class: 'text'}, a.sha256.slice(0, 16) + '…')))))] : null,
    d.failure_stack ? [LT.el('h2', {}, 'Stack trace'), LT.el('pre', {}, d.failure_stack)] : null);
}

load().then(() => LT.poll(load, 3000, () => running)).catch((e) => LT.error(main, e));
