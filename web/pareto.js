// Pareto page: a campaign's trials on its first two objectives, the non-dominated front drawn as a line and every
// dominated trial faded; below, the front's members and (after confirmation) the confirmed front with verdicts.
// Everything shown is the API's (/api/pareto, from analysis/ParetoFront); the page only lays it out.
'use strict';
LT.header('campaigns');
const main = document.getElementById('main');
const campaign = LT.param('campaign');

function axisName(a) {
  return LT.metricLabel(a.key) + ' (' + a.direction + ')';
}

function plot(div, v) {
  const x = v.objectives.length > 1 ? 1 : 0;
  const point = (p) => ({name: String(p.trial_id), value: [p.values[x], p.values[0]], number: p.number});
  const front = v.points.filter((p) => p.on_front).sort((a, b) => a.values[x] - b.values[x] || a.values[0] - b.values[0]);
  const chart = LT.chart(div);
  chart.setOption({
    animation: false,
    tooltip: {trigger: 'item', formatter: (p) => '#' + LT.esc(p.data.number) + '<br>' +
      LT.esc(v.objectives[x].key) + ': ' + LT.esc(LT.fmt(p.data.value[0])) + '<br>' +
      LT.esc(v.objectives[0].key) + ': ' + LT.esc(LT.fmt(p.data.value[1]))},
    legend: {data: ['dominated', 'Pareto front']},
    xAxis: {type: 'value', name: axisName(v.objectives[x]), nameLocation: 'middle', nameGap: 28, scale: true,
      axisLabel: {formatter: LT.tick}},
    yAxis: {type: 'value', name: axisName(v.objectives[0]), scale: true, axisLabel: {formatter: LT.tick}},
    series: [
      {id: 'dominated', name: 'dominated', type: 'scatter', data: v.points.filter((p) => !p.on_front).map(point),
        itemStyle: {opacity: 0.25}},
      {id: 'front', name: 'Pareto front', type: 'line', step: false, symbolSize: 9, data: front.map(point),
        lineStyle: {width: 2}}
    ]
  });
  chart.on('click', (p) => { if (p.data && p.data.name) location.href = LT.trialHref(p.data.name); });
  return chart;
}

function frontTable(v) {
  const byId = Object.fromEntries(v.points.map((p) => [p.trial_id, p]));
  return LT.el('table', {id: 'pareto-front'},
    LT.el('thead', {}, LT.el('tr', {}, LT.el('th', {}, 'trial'), v.objectives.map((a) => LT.el('th', {}, axisName(a))))),
    LT.el('tbody', {}, v.front.map((id) => LT.el('tr', {'data-trial': id},
      LT.el('td', {}, LT.link(LT.trialHref(id), '#' + byId[id].number)),
      byId[id].values.map((x) => LT.el('td', {class: 'num'}, LT.fmt(x)))))));
}

function confirmedTable(v) {
  if (!v.confirmation_started) return LT.el('p', {}, 'Not confirmed yet: with "confirm" in the experiment, each member'
    + ' is re-trained with fresh seeds and kept when it stays non-dominated on its fresh-seed means.');
  return [LT.el('h2', {}, 'Confirmed front (fresh-seed means)'),
    LT.el('table', {id: 'pareto-confirmed'},
      LT.el('thead', {}, LT.el('tr', {}, LT.el('th', {}, 'trial'), LT.el('th', {}, 'fresh runs'),
        v.objectives.map((a) => LT.el('th', {}, 'mean ' + a.key)), LT.el('th', {}, 'confirmed'), LT.el('th', {}, 'vs persistence'))),
      LT.el('tbody', {}, v.confirmed_front.map((m) => LT.el('tr', {'data-trial': m.trial_id, class: m.confirmed ? 'good' : null},
        LT.el('td', {}, LT.link(LT.trialHref(m.trial_id), '#' + m.number)),
        LT.el('td', {class: 'num'}, m.fresh + (m.pending ? ' (+' + m.pending + ' pending)' : '')),
        m.means.map((x) => LT.el('td', {class: 'num'}, LT.fmt(x))),
        LT.el('td', {}, m.confirmed ? 'stays on the front' : 'dominated on its means or too few fresh runs'),
        LT.el('td', {}, m.verdict)))))];
}

async function show() {
  if (!campaign) return LT.replace(main, LT.el('p', {class: 'error'}, 'Give a campaign: pareto.html?campaign=NAME'));
  try {
    const v = await LT.api('/api/pareto?' + LT.q({campaign}));
    const div = LT.el('div', {id: 'pareto-chart', class: 'chart', style: 'height:420px'});
    LT.replace(main, LT.el('h1', {}, 'Pareto front · ', LT.link(LT.campaignHref(campaign), campaign)),
      v.multi ? null : LT.el('p', {}, 'This campaign has one objective: its front is its best trial.'),
      v.objectives.length > 2 ? LT.el('p', {}, 'The plot shows the first two of ' + v.objectives.length
        + ' objectives; the front is non-dominated on all of them.') : null,
      v.warning ? LT.el('p', {class: 'warning', id: 'pareto-warning'}, v.warning) : null,
      div, LT.el('h2', {}, 'Front (' + v.front.length + ' of ' + v.points.length + ' trials)'), frontTable(v),
      confirmedTable(v));
    plot(div, v);
  } catch (e) {
    LT.error(main, e);
  }
}

show();
