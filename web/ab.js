// The A/B view of a plan campaign (experiment key "plan"): the tutorial's table, one row per arm, mean ± sd over the
// same seeds, each variant's verdict against the baseline. A section of the campaign page, hidden for a search.
'use strict';
const LTAb = (() => {
  const ui = {};
  const VERDICT_CLASS = {better: 'good', worse: 'bad'};

  function build() {
    ui.note = LT.el('p', {class: 'verdict', id: 'ab-note', role: 'status'});
    ui.table = LT.el('div', {class: 'scroll', id: 'ab-table'});
    ui.rule = LT.el('p', {class: 'note', id: 'ab-rule'});
    ui.section = LT.el('section', {id: 'ab', hidden: true}, LT.el('h2', {}, 'A/B plan'), ui.note, ui.table, ui.rule);
    return ui.section;
  }

  const pm = (m, sd) => m === null ? '–' : LT.fmt(m) + (sd !== null ? ' ± ' + LT.fmt(sd) : '');

  async function load(name) {
    let d;
    try {
      d = await LT.api('/api/ab?' + LT.q({campaign: name}));
    } catch (e) {
      ui.section.hidden = false;
      ui.note.className = 'verdict refused';
      LT.replace(ui.note, e.message);
      return;
    }
    if (!d.plan) { ui.section.hidden = true; return; }
    ui.section.hidden = false;
    const better = d.arms.filter((a) => a.verdict_kind === 'better').map((a) => a.arm);
    ui.note.className = 'verdict' + (better.length ? ' good' : '');
    LT.replace(ui.note, (d.chosen ? 'Chosen on validation: "' + d.chosen + '"; its best run, #' + d.chosen_run + ', is the campaign\'s ★ best trial. '
      : 'No arm has finished all its seeds yet. ') +
      (better.length ? 'Better than the baseline: ' + better.join(', ') + '.' : 'No variant is better than the baseline.'));
    const head = LT.el('tr', {}, ['#', 'arm', 'change vs baseline', d.objective + ' (val)', 'test MAE', 'test RMSE', 'skill',
      'vs baseline', 'runs'].map((h, i) => LT.el('th', {class: i === 1 || i === 2 || i === 7 ? 'text' : null}, h)));
    const rows = d.arms.map((a, i) => LT.el('tr', {'data-arm': a.arm, class: a.chosen ? 'chosen' : null},
      LT.el('td', {}, i + 1),
      LT.el('td', {class: 'text'}, a.arm + (a.chosen ? ' ← chosen' : '')),
      LT.el('td', {class: 'text'}, a.change),
      LT.el('td', {}, pm(a.objective, a.objective_sd)),
      LT.el('td', {}, pm(a.mae, a.mae_sd)),
      LT.el('td', {}, pm(a.rmse, a.rmse_sd)),
      LT.el('td', {}, LT.fmt(a.skill)),
      LT.el('td', {class: 'text ' + (VERDICT_CLASS[a.verdict_kind] || ''), 'data-col': 'verdict', title: a.reason || ''},
        a.verdict === null ? '(the baseline)' : a.verdict),
      LT.el('td', {class: 'text'}, a.trial_ids.map((id, k) => id === null ? null
        : LT.link(LT.trialHref(id), '#' + a.trials[k] + (a.chosen && a.trials[k] === d.chosen_run ? ' ★' : ''))).filter((x) => x).reduce((acc, x) => acc.concat(acc.length ? [' ', x] : [x]), []),
        a.pending ? ' (' + a.pending + ' to run)' : '')));
    rows.push(LT.el('tr', {'data-arm': 'persistence', class: 'persistence'}, LT.el('td', {}, ''),
      LT.el('td', {class: 'text'}, 'persistence'), LT.el('td', {class: 'text'}, 'next close = last close'), LT.el('td', {}, '–'),
      LT.el('td', {}, LT.fmt(d.persistence_mae)), LT.el('td', {}, LT.fmt(d.persistence_rmse)), LT.el('td', {}, '0'),
      LT.el('td', {class: 'text'}, ''), LT.el('td', {}, '')));
    LT.replace(ui.table, LT.el('table', {}, LT.el('thead', {}, head), LT.el('tbody', {}, rows)));
    const reasons = d.arms.filter((a) => a.reason).map((a) => LT.el('li', {}, a.arm + ': ' + a.verdict + ' (' + a.reason + ')'));
    LT.replace(ui.rule, d.rule + (d.correction ? ' ' + d.correction + '.' : ''), LT.el('ul', {id: 'ab-reasons'}, reasons));
  }

  return {build, load};
})();
