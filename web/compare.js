// Compare 2–4 trials, from one campaign or several: the reference (best by objective unless pinned) first, params
// (only differing rows unless toggled), metrics with deltas against the reference (only forecast metrics have a
// better direction; ties are not marked), learning curves in one colour per trial, and Diebold–Mariano tests of the
// reference against each other trial where they forecast the same thing (else the refusal, naming the difference).
'use strict';
LT.header('campaigns');
const main = document.getElementById('main');
const ids = LT.param('ids') || '';
const pin = LT.param('pin');
let showAll = false;
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];

const name = (t) => '#' + t.number;
const fullName = (t, multi) => multi ? t.campaign + ' #' + t.number : '#' + t.number;

function pinLink(t, i) {
  if (i === 0) return LT.el('span', {class: 'note'}, pin ? ' (pinned reference)' : ' (reference)');
  return LT.el('a', {href: 'compare.html?' + LT.q({ids, pin: t.id}), class: 'pin', title: 'make this the reference'}, ' pin');
}

function paramsTable(d, holder, multi) {
  const rows = d.params.filter((p) => showAll || p.differs).map((p) => LT.el('tr', {class: p.differs ? 'diff' : 'same', 'data-param': p.name},
    LT.el('th', {class: 'text'}, p.name), p.values.map((v) => LT.el('td', {}, LT.fmt(v)))));
  const same = d.params.filter((p) => !p.differs).length;
  LT.replace(holder, LT.el('table', {id: 'params'}, LT.el('thead', {}, LT.el('tr', {}, LT.el('th', {class: 'text'}, 'param'),
    d.trials.map((t) => LT.el('th', {}, fullName(t, multi))))), LT.el('tbody', {}, rows)),
  LT.el('p', {}, rows.length === 0 ? 'No param differs. ' : '', showAll ? 'Differing rows highlighted.' : same + ' identical params hidden.'));
}

function metricsTable(d, multi) {
  const ref = d.trials[0];
  return LT.el('table', {id: 'metrics'},
    LT.el('thead', {}, LT.el('tr', {}, LT.el('th', {class: 'text'}, 'metric'),
      d.trials.map((t, i) => LT.el('th', {}, fullName(t, multi) + (i ? ' (Δ vs ' + name(ref) + ')' : ''), pinLink(t, i))))),
    LT.el('tbody', {}, d.metrics.map((m) => LT.el('tr', {'data-metric': m.key},
      LT.el('th', {class: 'text'}, LT.metricLabel(m.key) + (m.better ? ' (' + m.better + ' is better)' : '')),
      m.values.map((v, i) => {
        const delta = i && m.deltas[i] !== null ? ' (' + (m.deltas[i] >= 0 ? '+' : '') + LT.fmt(m.deltas[i]) + ')' : '';
        return LT.el('td', {class: m.best_index === i ? 'best-value' : null, title: m.best_index === i ? 'best on this metric (untested difference)' : null},
          LT.fmt(v) + delta);
      }))),
    LT.el('tr', {'data-metric': 'verdict'}, LT.el('th', {class: 'text'}, 'vs persistence (tested)'),
      d.trials.map((t) => LT.el('td', {class: 'text ' + (LT.verdictClass(t.verdict_kind) || '')}, t.verdict || '–'))),
    LT.el('tr', {'data-metric': 'direction_test'}, LT.el('th', {class: 'text'}, 'direction vs base-rate coin (tested)'),
      d.trials.map((t) => LT.el('td', {class: 'text' + (t.direction_test && t.direction_test.kind === 'better' ? ' good' : '')},
        t.direction_test ? t.direction_test.words : '–')))));
}

function dmBlock(d) {
  const out = [LT.el('p', {class: 'note', id: 'order-note'}, 'Reference: ' + d.order + '.')];
  if (d.multiple_comparisons) out.push(LT.el('p', {class: 'note warn', id: 'multiple-note'}, d.multiple_comparisons + '.'));
  d.dm.forEach((r, i) => {
    if (r.error) {
      out.push(LT.el('p', {class: 'verdict dm refused', id: i === 0 ? 'dm-verdict' : null}, 'No Diebold–Mariano test for ' + r.a_label + ' vs ' + r.b_label + ': ' + r.error + '.'));
      return;
    }
    const cls = r.significant ? 'good' : '';
    out.push(LT.el('div', {class: 'dm'},
      LT.el('p', {class: 'verdict ' + cls, id: i === 0 ? 'dm-verdict' : null}, r.verdict),
      LT.el('p', {class: 'note'}, 'Diebold–Mariano (squared-error loss, HLN-corrected, horizon ' + r.horizon + ') ' + r.a_label + ' vs ' + r.b_label +
        ': statistic ' + LT.fmt(r.statistic, 3) + ', p-value ' + LT.fmt(r.p_value, 4) +
        (r.p_adjusted !== r.p_value ? ' (Holm-adjusted ' + LT.fmt(r.p_adjusted, 4) + ')' : '') + ', ' + r.n + ' shared test windows' +
        (r.windows_a !== r.n || r.windows_b !== r.n ? ' (of ' + r.windows_a + ' and ' + r.windows_b + ')' : '') + '.')));
  });
  return out;
}

async function load() {
  const d = await LT.api('/api/compare?' + LT.q({ids, pin}));
  const multi = new Set(d.trials.map((t) => t.campaign)).size > 1;
  const curves = await LT.api('/api/epochs?' + LT.q({ids: d.trials.map((t) => t.id).join(',')}));
  const box = LT.el('input', {type: 'checkbox', id: 'show-all'});
  const paramsHolder = LT.el('div');
  box.addEventListener('change', () => { showAll = box.checked; paramsTable(d, paramsHolder, multi); });
  const chartDiv = LT.el('div', {class: 'chart', id: 'chart-curves'});
  document.title = 'Compare ' + d.trials.map((t) => fullName(t, multi)).join(' vs ') + ' · lstm-tuner';
  const hasCurves = d.trials.some((t) => (curves[String(t.id)] || []).length);
  LT.replace(main,
    LT.el('h1', {}, 'Compare ', d.trials.map((t, i) => [i ? ' vs ' : '', LT.link(LT.trialHref(t.id), t.campaign + ' #' + t.number)])),
    LT.el('h2', {}, 'Is the difference real?'), dmBlock(d),
    LT.el('div', {class: 'side-by-side'},
      LT.el('div', {}, LT.el('h2', {}, 'Params'), LT.el('label', {}, box, ' show all params'), paramsHolder),
      LT.el('div', {class: 'scroll'}, LT.el('h2', {}, 'Metrics'), metricsTable(d, multi),
        LT.el('p', {class: 'note'}, 'Underlined: the one best value on a forecast metric (ties are not marked). Such differences are untested: only the Diebold–Mariano lines above say whether one is real.'))),
    hasCurves ? [LT.el('h2', {}, 'Learning curves (solid: validation, dashed: training; one colour per trial)'), chartDiv] : null);
  paramsTable(d, paramsHolder, multi);
  if (!hasCurves) return;
  const series = [];
  d.trials.forEach((t, i) => {
    const c = curves[String(t.id)] || [];
    const color = PALETTE[i % PALETTE.length];
    series.push({name: fullName(t, multi) + ' val', type: 'line', itemStyle: {color}, data: c.map((e) => [e.epoch, e.val_loss])});
    series.push({name: fullName(t, multi) + ' train', type: 'line', itemStyle: {color}, lineStyle: {type: 'dashed'}, data: c.map((e) => [e.epoch, e.train_loss])});
  });
  LT.chart(chartDiv).setOption({tooltip: {trigger: 'axis', valueFormatter: (v) => LT.fmt(v)}, legend: {}, grid: {left: 70},
    xAxis: {type: 'value', name: 'epoch', minInterval: 1}, yAxis: {type: 'value', name: 'loss', scale: true, axisLabel: {formatter: LT.tick}}, series});
}

if (!/^\d+(,\d+){1,3}$/.test(ids)) {
  LT.replace(main, LT.el('p', {class: 'error'}, 'Pick 2 to 4 trials on one or more campaign leaderboards, then press "Compare".'));
} else {
  load().catch((e) => LT.error(main, e));
}
