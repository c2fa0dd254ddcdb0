// Scheduled jobs: their cron, state and next tick; pause, resume, delete.
import {h, replace} from './dom.js';
import {get, put, del, query} from './api.js';
import {time, stateClass} from './format.js';

export function scheduledPage(root) {
  const table = h('div', {id: 'scheduled'});
  const message = h('p', {id: 'scheduled-message'});
  replace(root, h('h1', {}, 'Scheduled jobs'), message, table);
  let stopped = false;

  async function load() {
    try {
      const page = await get(query('/scheduled-jobs', {size: 20}));
      if (!stopped) replace(table, tableOf(page.items));
    } catch (e) {
      if (!stopped) replace(message, h('span', {class: 'error'}, e.message));
    }
  }

  async function act(id, action) {
    try {
      const path = '/scheduled-jobs/' + encodeURIComponent(id);
      if (action === 'delete') await del(path);
      else await put(path + '/' + action);
      replace(message);
    } catch (e) {
      replace(message, h('span', {class: 'error'}, e.message));
    }
    load();
  }

  function tableOf(items) {
    if (!items.length) return h('p', {class: 'muted'}, 'No scheduled job. Create one with POST /scheduled-jobs (see the README).');
    return h('table', {class: 'list'},
      h('thead', {}, h('tr', {}, ['Name', 'Cron', 'State', 'Tags', 'Next run', 'Created', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, items.map((s) => h('tr', {class: 'scheduled-row', dataset: {id: s.id}},
        h('td', {class: 'name'}, s.name, s.description ? h('div', {class: 'muted small'}, s.description) : null),
        h('td', {}, h('code', {}, s.cron)),
        h('td', {}, h('span', {class: stateClass(s.state)}, s.state)),
        h('td', {}, (s.tags || []).map((t) => h('span', {class: 'tag'}, t))),
        h('td', {class: 'nowrap'}, time(s.nextRunAt)),
        h('td', {class: 'nowrap'}, time(s.createdAt)),
        h('td', {class: 'actions'},
          s.state === 'PAUSED'
            ? h('button', {type: 'button', class: 'resume', onclick: () => act(s.id, 'resume')}, 'Resume')
            : h('button', {type: 'button', class: 'pause', onclick: () => act(s.id, 'pause')}, 'Pause'),
          h('button', {type: 'button', class: 'delete danger', onclick: () => {
            if (confirm('Delete the scheduled job "' + s.name + '"? The jobs it started stay.')) act(s.id, 'delete');
          }}, 'Delete'))))));
  }

  load();
  return {stop: () => { stopped = true; }};
}
