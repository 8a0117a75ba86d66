// Multi-symbol view: the best trial per symbol across a campaign group, as the tutorial's results table.
'use strict';
LT.header('symbols');
const main = document.getElementById('main');

async function load(group) {
  const [rows, pooled] = await Promise.all([LT.api('/api/symbols?' + LT.q({group})), LT.api('/api/pooled?' + LT.q({group}))]);
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
    LT.el('p', {}, 'One row per symbol: the best trial by its campaign\'s validation objective (not by a test metric, which would select on the split this table reports) among campaigns whose name starts with the group.'),
    pooled.map(pooledSection));
}

// "One model for all" vs "one model each": the pooled model's score per symbol beside that symbol's best own model.
function pooledSection(c) {
  const better = (r) => r.better === 'pooled' ? 'all better' : r.better === 'own' ? 'own better' : r.error ? 'not tested' : 'no real difference';
  const cls = (r) => r.better === 'pooled' ? 'good' : r.better === 'own' ? 'bad' : null;
  return LT.el('section', {id: 'pooled'},
    LT.el('h2', {}, 'One model for all vs one model each'),
    LT.el('p', {class: 'verdict'}, c.summary),
    LT.el('table', {class: 'pooled'},
      LT.el('thead', {}, LT.el('tr', {}, ['Symbol', 'All: RMSE', 'All: MAE', 'All: skill', 'All vs persistence', 'Own model',
        'Own: RMSE', 'Own: MAE', 'Own: skill', 'Own vs persistence', 'Windows', 'p', 'p (Holm)', 'All vs own'].map((h) => LT.el('th', {}, h)))),
      LT.el('tbody', {}, c.rows.map((r) => LT.el('tr', {'data-symbol': r.symbol},
        LT.el('td', {class: 'text'}, r.symbol), LT.el('td', {}, LT.fmt(r.pooled_rmse)), LT.el('td', {}, LT.fmt(r.pooled_mae)),
        LT.el('td', {}, LT.fmt(r.pooled_skill)),
        LT.el('td', {class: ['text', LT.verdictClass(r.pooled_verdict_kind)].filter(Boolean).join(' ')}, r.pooled_verdict || '-'),
        LT.el('td', {class: 'text'}, r.own_trial || '-'), LT.el('td', {}, LT.fmt(r.own_rmse)), LT.el('td', {}, LT.fmt(r.own_mae)),
        LT.el('td', {}, LT.fmt(r.own_skill)),
        LT.el('td', {class: ['text', LT.verdictClass(r.own_verdict_kind)].filter(Boolean).join(' ')}, r.own_verdict || '-'),
        LT.el('td', {}, LT.fmt(r.n)), LT.el('td', {}, LT.fmt(r.p_value)), LT.el('td', {}, LT.fmt(r.p_holm)),
        LT.el('td', {class: ['text', cls(r)].filter(Boolean).join(' '), title: r.error || r.verdict}, better(r)))))),
    LT.el('ul', {}, c.rows.map((r) => LT.el('li', {}, r.symbol + ': ' + (r.error || r.verdict)))),
    LT.el('p', {}, 'The model for all (' + c.pooled_trial + ') is trained once on every symbol\'s training windows, each symbol scaled on its own training bars, with the experiment\'s config; each symbol\'s own model is the best trial of its campaign, chosen on validation. Both are scored on the symbol\'s test windows in its own prices; the paired test is Diebold–Mariano on the windows both forecast, Holm-corrected across the symbols.'));
}

load(LT.param('group')).catch((e) => LT.error(main, e));
