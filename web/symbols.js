// Multi-symbol view: the best trial per symbol across a campaign group, as the tutorial's results table.
'use strict';
LT.header('symbols');
const main = document.getElementById('main');

async function load(group) {
  const rows = await LT.api('/api/symbols?' + LT.q({group}));
  const input = LT.el('input', {id: 'group', value: group || '', placeholder: 'campaign name prefix, e.g. quick-'});
  const go = LT.el('button', {type: 'button'}, 'Show');
  go.addEventListener('click', () => { history.replaceState(null, '', '?' + LT.q({group: input.value})); load(input.value); });
  const cols = [['symbol', 'Symbol'], ['mae', 'MAE'], ['rmse', 'RMSE'], ['r2', 'R²'], ['mape', 'MAPE %'],
    ['direction_accuracy', 'Dir. acc.'], ['persistence_rmse', 'Persistence RMSE'], ['skill', 'Skill'], ['training_seconds', 'Training time (s)']];
  LT.replace(main, LT.el('h1', {}, 'Results per symbol'),
    LT.el('div', {class: 'controls'}, LT.el('label', {}, 'Campaign group', input), go),
    rows.length ? LT.el('table', {id: 'symbols'},
      LT.el('thead', {}, LT.el('tr', {}, cols.map(([, h]) => LT.el('th', {}, h)), LT.el('th', {class: 'text'}, 'Best trial'))),
      LT.el('tbody', {}, rows.map((r) => LT.el('tr', {},
        cols.map(([k]) => LT.el('td', {class: k === 'symbol' ? 'text' : null}, k === 'training_seconds' ? LT.fmt(r[k], 1) : LT.fmt(r[k]),
          // the direction test beside the direction accuracy, the corrected verdict beside the skill (raw p in both)
          k === 'direction_accuracy' && r.direction_test ? LT.el('div', {class: 'direction-test' + (r.direction_test.kind === 'better' ? ' good' : '')}, r.direction_test.words) : null,
          k === 'skill' && r.verdict ? LT.el('div', {class: 'direction-test ' + (LT.verdictClass(r.verdict_kind) || '')}, r.verdict) : null)),
        LT.el('td', {class: 'text'}, LT.link(LT.trialHref(r.trial_id), r.campaign + ' #' + r.number))))))
      : LT.el('p', {}, 'No COMPLETE trials in this group yet.'),
    LT.el('p', {}, 'One row per symbol: the best trial by its campaign\'s validation objective (not by a test metric, which would select on the split this table reports) among campaigns whose name starts with the group.'));
}

load(LT.param('group')).catch((e) => LT.error(main, e));
