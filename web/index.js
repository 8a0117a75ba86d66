// Campaigns page: every campaign with its trials by state and best objective; refreshes while any is running.
'use strict';
LT.header('campaigns');
const main = document.getElementById('main');
let anyRunning = true;

function row(c) {
  const counts = ['complete', 'pruned', 'failed', 'running', 'waiting', 'cancelled']
    .filter((s) => c.counts[s] > 0).map((s) => [LT.stateBadge(s), ' ', String(c.counts[s]), ' ']);
  return LT.el('tr', {'data-name': c.name},
    LT.el('td', {class: 'text'}, LT.link(LT.campaignHref(c.name), c.name)),
    LT.el('td', {class: 'text'}, c.symbol, c.data ? ' · ' + c.data : ''),
    LT.el('td', {class: 'text'}, c.sampler + ' / ' + c.pruner),
    LT.el('td', {class: 'text'}, counts, ' (', c.total, c.budget ? ' of ' + c.budget : '', ')'),
    LT.el('td', {}, c.best_id ? LT.link(LT.trialHref(c.best_id), LT.fmt(c.best_objective) + ' (#' + c.best_number + ')') : '–'),
    LT.el('td', {class: 'text'}, c.objective + ' (' + c.direction + ')'),
    LT.el('td', {class: 'text'}, LT.time(c.started_at)),
    LT.el('td', {class: 'text'}, LT.time(c.ended_at)),
    LT.el('td', {class: 'text status status-' + c.status, 'data-status': c.status},
      c.running ? LT.el('span', {class: 'live'}, '● ') : null, c.status_text));
}

async function load() {
  const list = await LT.api('/api/campaigns');
  anyRunning = list.some((c) => c.running);
  const table = LT.el('table', {id: 'campaigns'},
    LT.el('thead', {}, LT.el('tr', {}, ['Campaign', 'Symbol · data', 'Sampler / pruner', 'Trials by state',
      'Best objective', 'Objective', 'Started', 'Ended', 'State'].map((h) => LT.el('th', {class: 'text'}, h)))),
    LT.el('tbody', {}, list.map(row)));
  LT.replace(main, LT.el('h1', {}, 'Campaigns'),
    list.length ? LT.el('div', {class: 'scroll'}, table) : LT.el('p', {}, 'No campaigns yet: run lstm-tuner search.'),
    LT.el('p', {class: anyRunning ? 'live' : 'note', id: 'refresh-note'}, anyRunning
      ? 'Live: refreshing every 3 s while a campaign runs.' : 'Nothing is running, so this page does not refresh: reload it after starting or resuming a search.'));
}

load().catch((e) => LT.error(main, e));
LT.poll(load, 3000, () => anyRunning);
