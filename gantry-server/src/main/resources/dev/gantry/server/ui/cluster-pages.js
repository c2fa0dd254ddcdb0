// Nodes (status, heartbeat age, tasks running, CPU) and queues (sizes, their settings of PUT /queues/{name}:
// priority, max concurrency, enabled, and whatever else the API shows for them), refreshed every few seconds.
import {h, replace} from './dom.js';
import {get} from './api.js';
import {time, age, stateClass} from './format.js';

const REFRESH_MS = 3000;

function polled(root, title, path, render) {
  const body = h('div', {id: title.toLowerCase()});
  const message = h('p', {});
  replace(root, h('h1', {}, title), message, body);
  let timer = null;
  let stopped = false;
  async function load() {
    try {
      const answer = await get(path);
      if (stopped) return;
      replace(body, render(answer));
      replace(message);
    } catch (e) {
      if (!stopped) replace(message, h('span', {class: 'error'}, e.message));
    }
    if (!stopped) timer = setTimeout(load, REFRESH_MS);
  }
  load();
  return {stop: () => { stopped = true; clearTimeout(timer); }};
}

export function nodesPage(root) {
  return polled(root, 'Nodes', '/nodes', (nodes) => (!nodes.length ? h('p', {class: 'muted'}, 'No node.')
    : h('table', {class: 'list'},
      h('thead', {}, h('tr', {}, ['Name', 'Status', 'Host', 'Heartbeat', 'Tasks', 'CPU', 'Queues', 'Version', 'Started']
        .map((t) => h('th', {}, t)))),
      h('tbody', {}, nodes.map((n) => h('tr', {class: 'node-row'},
        h('td', {class: 'name'}, n.name || n.id),
        h('td', {}, h('span', {class: stateClass(n.status)}, n.status)),
        h('td', {}, n.hostname),
        h('td', {class: 'nowrap'}, age(n.lastHeartbeatAt)),
        h('td', {}, String(n.taskCount ?? '')),
        h('td', {}, n.cpuPercent === undefined || n.cpuPercent === null ? '' : Number(n.cpuPercent).toFixed(1) + ' %'),
        h('td', {}, (n.queues || (n.queue ? [n.queue] : [])).map((q) => h('span', {class: 'tag'}, q))),
        h('td', {class: 'small'}, n.version),
        h('td', {class: 'nowrap'}, time(n.startedAt))))))));
}

export function queuesPage(root) {
  return polled(root, 'Queues', '/queues', (queues) => {
    if (!queues.length) return h('p', {class: 'muted'}, 'No queue has work or workers.');
    const known = ['name', 'size', 'subscribers', 'unacked', 'priority', 'maxConcurrency', 'enabled'];
    const extra = [...new Set(queues.flatMap((q) => Object.keys(q)))].filter((k) => !known.includes(k));
    return h('table', {class: 'list'},
      h('thead', {}, h('tr', {}, ['Queue', 'Waiting', 'Workers', 'Running', 'Priority', 'Max concurrent', 'Enabled', ...extra].map((t) => h('th', {}, t)))),
      h('tbody', {}, queues.map((q) => h('tr', {class: 'queue-row'},
        h('td', {class: 'name'}, q.name),
        h('td', {}, String(q.size ?? '')),
        h('td', {}, String(q.subscribers ?? '')),
        h('td', {}, String(q.unacked ?? '')),
        h('td', {class: 'priority'}, String(q.priority ?? '')),
        h('td', {class: 'max-concurrency'}, q.maxConcurrency === 0 ? 'no limit' : String(q.maxConcurrency ?? '')),
        h('td', {class: 'enabled'}, q.enabled === false ? 'disabled' : q.enabled === true ? 'enabled' : ''),
        extra.map((k) => h('td', {}, q[k] === null || q[k] === undefined ? ''
          : typeof q[k] === 'object' ? JSON.stringify(q[k]) : String(q[k])))))));
  });
}
