// One job: what it is, its task runs (every attempt, indented by the run's tree path when the API
// gives one), a timeline of when each ran, the spec as submitted (secrets redacted by the API),
// cancel, restart and start (a held job), and its live log.
import {h, replace} from './dom.js';
import {get, put, ApiError} from './api.js';
import {time, duration, ended, stateClass, FINAL} from './format.js';
import {logView} from './log-view.js';

const REFRESH_MS = 1000;
const SUMMARY_FIELDS = new Set(['id', 'name', 'description', 'tags', 'state', 'createdAt', 'startedAt', 'completedAt',
  'failedAt', 'cancelledAt', 'position', 'taskCount', 'progress', 'result', 'error', 'parentId', 'schedule', 'execution',
  'dialect']);

export function jobPage(root, id) {
  const head = h('div', {id: 'job-head'});
  const runs = h('div', {id: 'runs'});
  const timeline = h('div', {id: 'timeline'});
  const spec = h('pre', {id: 'spec', class: 'code'});
  const message = h('p', {id: 'job-message'});
  const logs = logView(id);
  replace(root, head, message,
    h('h2', {}, 'Tasks'), runs,
    h('h2', {}, 'Timeline'), timeline,
    h('h2', {}, 'Log'), logs.element,
    h('details', {}, h('summary', {}, 'Spec as submitted'), spec));

  let timer = null;
  let stopped = false;
  async function load() {
    let job;
    try {
      job = await get('/jobs/' + encodeURIComponent(id));
    } catch (e) {
      if (!stopped) replace(message, h('span', {class: 'error'}, e.message));
      if (!stopped && !(e instanceof ApiError && (e.status === 404 || e.status === 401))) timer = setTimeout(load, REFRESH_MS);
      return;
    }
    if (stopped) return;
    replace(head, header(job, act));
    replace(runs, runTable(job.execution || []));
    replace(timeline, timelineOf(job));
    spec.textContent = JSON.stringify(specOf(job), null, 2);
    logs.runs(job.execution || []);
    if (!FINAL.has(job.state) || (job.execution || []).some((run) => !FINAL.has(run.state))) {
      timer = setTimeout(load, REFRESH_MS);
    }
  }
  async function act(action) {
    try {
      await put('/jobs/' + encodeURIComponent(id) + '/' + action);
      replace(message, h('span', {class: 'ok'}, {cancel: 'Cancelled.', restart: 'Restarted.', start: 'Started.'}[action]));
      if (action === 'restart') logs.restart();
    } catch (e) {
      replace(message, h('span', {class: 'error'}, e.message));
    }
    clearTimeout(timer);
    load();
  }
  load();
  return {stop: () => { stopped = true; clearTimeout(timer); logs.stop(); }};
}

function header(job, act) {
  const canCancel = !FINAL.has(job.state);
  const canRestart = job.state === 'FAILED' || job.state === 'CANCELLED';
  // Held (builds.sr.ht's execute: false): nothing runs until someone starts it.
  const canStart = job.state === 'PENDING';
  return [
    h('h1', {}, h('span', {id: 'job-name'}, job.name || job.id), ' ',
      h('span', {class: stateClass(job.state), id: 'job-state'}, job.state)),
    job.description ? h('p', {}, job.description) : null,
    h('dl', {class: 'facts'},
      fact('Id', h('code', {}, job.id)),
      job.dialect ? fact('Dialect', job.dialect) : null,
      job.tags && job.tags.length ? fact('Tags', job.tags.map((t) => h('span', {class: 'tag'}, t))) : null,
      fact('Created', time(job.createdAt)),
      job.startedAt ? fact('Started', time(job.startedAt)) : null,
      ended(job) ? fact('Ended', time(ended(job))) : null,
      job.startedAt ? fact(ended(job) ? 'Took' : 'Running for', duration(job.startedAt, ended(job))) : null,
      fact('Progress', (job.progress ?? 0) + ' % (task ' + Math.min(job.position, job.taskCount) + ' of ' + job.taskCount + ')'),
      job.schedule ? fact('Schedule', h('code', {}, job.schedule.id)) : null,
      job.result ? fact('Result', h('code', {}, job.result)) : null,
      job.error ? fact('Error', h('span', {class: 'error'}, job.error)) : null),
    h('div', {class: 'actions'},
      h('button', {type: 'button', id: 'cancel', class: 'danger', disabled: !canCancel, onclick: () => act('cancel')}, 'Cancel'),
      h('button', {type: 'button', id: 'restart', disabled: !canRestart, onclick: () => act('restart')}, 'Restart'),
      canStart ? h('button', {type: 'button', id: 'start', onclick: () => act('start')}, 'Start') : null),
  ];
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value)];
}

/** Runs in tree order: by path when the API has one, else by position, then attempt. */
function ordered(runs) {
  const key = (run) => (run.path ? String(run.path).split('.').map((n) => String(n).padStart(6, '0')).join('.')
    : String(run.position).padStart(6, '0'));
  return [...runs].sort((a, b) => key(a).localeCompare(key(b)) || (a.attempt || 0) - (b.attempt || 0));
}

function depth(run) {
  return run.path ? String(run.path).split('.').length - 1 : 0;
}

function runTable(runs) {
  if (!runs.length) return h('p', {class: 'muted'}, 'No task has run yet.');
  return h('table', {class: 'list'},
    h('thead', {}, h('tr', {}, ['Task', 'Attempt', 'State', 'Node', 'Started', 'Took', 'Exit', 'Result / error']
      .map((t) => h('th', {}, t)))),
    h('tbody', {}, ordered(runs).map((run) => {
      const name = h('td', {class: 'name'}, run.path ? h('span', {class: 'muted small'}, run.path + ' ') : null,
        run.name || ('task ' + run.position), run.kind ? h('span', {class: 'tag'}, run.kind) : null);
      name.style.paddingLeft = (0.5 + depth(run) * 1.5) + 'em';
      return h('tr', {class: 'run-row', dataset: {id: run.id}},
        name,
        h('td', {}, String(run.attempt ?? '')),
        h('td', {}, h('span', {class: stateClass(run.state)}, run.state)),
        h('td', {class: 'small'}, run.nodeId || ''),
        h('td', {class: 'nowrap'}, time(run.startedAt)),
        h('td', {class: 'nowrap'}, duration(run.startedAt, run.completedAt || run.failedAt)),
        h('td', {}, run.exitCode ?? ''),
        h('td', {}, run.error ? h('span', {class: 'error'}, run.error) : h('code', {}, run.result || '')));
    })));
}

/** One bar per run that started, from its start to its end (or now), on the job's time scale. */
function timelineOf(job) {
  const runs = ordered(job.execution || []).filter((run) => run.startedAt);
  if (!runs.length) return h('p', {class: 'muted'}, 'Nothing has run yet.');
  const now = Date.now();
  const start = Math.min(...runs.map((r) => Date.parse(r.startedAt)));
  const end = Math.max(...runs.map((r) => Date.parse(r.completedAt || r.failedAt || '') || now), start + 1);
  const span = end - start;
  return h('div', {class: 'timeline'}, runs.map((run) => {
    const from = Date.parse(run.startedAt);
    const to = Date.parse(run.completedAt || run.failedAt || '') || now;
    const bar = h('span', {class: 'slot ' + stateClass(run.state),
      title: (run.name || '') + ': ' + duration(run.startedAt, run.completedAt || run.failedAt)});
    bar.style.marginLeft = ((from - start) / span * 100) + '%';
    bar.style.width = Math.max(0.5, (to - from) / span * 100) + '%';
    return h('div', {class: 'lane'}, h('span', {class: 'lane-name'}, (run.name || run.position) + ' #' + (run.attempt ?? '')),
      h('span', {class: 'lane-track'}, bar));
  }), h('div', {class: 'muted small'}, 'from ' + time(new Date(start).toISOString()) + ', ' + duration(
    new Date(start).toISOString(), new Date(end).toISOString())));
}

/** The job as submitted: what the API answers beyond the summary and the runs. */
function specOf(job) {
  const spec = {name: job.name};
  if (job.description) spec.description = job.description;
  if (job.tags && job.tags.length) spec.tags = job.tags;
  for (const [key, value] of Object.entries(job)) if (!SUMMARY_FIELDS.has(key) && value !== null) spec[key] = value;
  return spec;
}
