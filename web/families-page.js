// Families page: the best trial per model family over several campaigns of one symbol (names or a name prefix).
'use strict';
LT.header('families');
const main = document.getElementById('main');

function show() {
  const q = {campaign: LT.param('campaign'), group: LT.param('group'), symbol: LT.param('symbol')};
  const input = (id, key, label, hint) => LT.el('label', {}, label, LT.el('input', {id, value: q[key] || '', placeholder: hint}));
  const go = LT.el('button', {type: 'button', id: 'families-go'}, 'Show');
  LT.replace(main, LT.el('h1', {}, 'Results per model family'),
    LT.el('div', {class: 'controls'}, input('families-campaign', 'campaign', 'Campaigns', 'name[,name…]'),
      input('families-group', 'group', 'or campaign group', 'name prefix, e.g. families-'),
      input('families-symbol', 'symbol', 'Symbol (optional)', 'e.g. BTC'), go),
    q.campaign || q.group ? LTFamilies.build()
      : LT.el('p', {id: 'families-help'}, 'Give one or more campaigns (comma-separated), or a prefix their names share, to see each model family\'s best trial against persistence.'));
  go.addEventListener('click', () => {
    const v = (id) => document.getElementById(id).value.trim();
    history.replaceState(null, '', '?' + LT.q({campaign: v('families-campaign'), group: v('families-group'), symbol: v('families-symbol')}));
    show();
  });
  if (q.campaign || q.group) LTFamilies.load(q);
}

show();
