// The job list: newest first, searched with the API's `q` syntax, filtered by state and tag,
// paged, and refreshed every two seconds while it is on screen.
import {h, replace, pageLink} from './dom.js';
import {get, query} from './api.js';
import {time, duration, ended, stateClass} from './format.js';

const STATES = ['', 'PENDING', 'SCHEDULED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'];
// The dialects a job can come through (JobSpec.dialect); one more is one more name here.
const DIALECTS = ['', 'tork', 'hades', 'daestro', 'sourcehut'];
const SIZE = 20;
const REFRESH_MS = 2000;

export function jobsPage(root, params) {
  const filters = {q: params.get('q') || '', state: params.get('state') || '', tag: params.get('tag') || '',
    dialect: params.get('dialect') || '', page: Number(params.get('page')) || 1};
  const q = h('input', {type: 'search', id: 'q', placeholder: 'search: words tag:ci', value: filters.q, size: 30});
  const state = h('select', {id: 'state'}, STATES.map((s) => h('option', {value: s}, s || 'any state')));
  state.value = filters.state;
  const dialect = h('select', {id: 'dialect'}, DIALECTS.map((d) => h('option', {value: d}, d || 'any dialect')));
  dialect.value = filters.dialect;
  const tag = h('input', {type: 'text', id: 'tag', placeholder: 'tag', value: filters.tag, size: 12});
  const form = h('form', {class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    go({q: q.value.trim(), state: state.value, dialect: dialect.value, tag: tag.value.trim(), page: 1});
  }}, q, state, dialect, tag, h('button', {type: 'submit'}, 'Search'));
  for (const select of [state, dialect]) select.addEventListener('change', () => form.requestSubmit());
  const table = h('div', {id: 'jobs'});
  const pager = h('div', {class: 'pager'});
  const status = h('p', {class: 'muted', id: 'jobs-status'});
  replace(root, h('h1', {}, 'Jobs'), form, status, table, pager);

  let timer = null;
  let stopped = false;
  async function load() {
    try {
      const words = [filters.q, filters.state, filters.dialect ? 'dialect:' + filters.dialect : '',
        filters.tag ? 'tag:' + filters.tag : ''].filter(Boolean).join(' ');
      const page = await get(query('/jobs', {q: words, page: filters.page, size: SIZE}));
      if (stopped) return;
      const started = performance.now();
      replace(table, jobTable(page.items));
      replace(pager, pagerOf(page, filters));
      window.gantryJobsRenderMs = performance.now() - started;
      document.body.dataset.jobsRendered = String(page.items.length);
      replace(status, page.totalItems + (page.totalItems === 1 ? ' job' : ' jobs'));
    } catch (e) {
      if (!stopped) replace(status, h('span', {class: 'error'}, e.message));
    }
    if (!stopped) timer = setTimeout(load, REFRESH_MS);
  }
  load();
  return {stop: () => { stopped = true; clearTimeout(timer); }};
}

function go(filters) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value && !(key === 'page' && value === 1)) search.set(key, value);
  const text = search.toString();
  location.hash = '#/jobs' + (text ? '?' + text : '');
}

function jobTable(jobs) {
  if (!jobs.length) return h('p', {class: 'muted'}, 'No job matches.');
  return h('table', {class: 'list'},
    h('thead', {}, h('tr', {}, ['Name', 'State', 'Dialect', 'Tags', 'Progress', 'Created', 'Took'].map((t) => h('th', {}, t)))),
    h('tbody', {}, jobs.map((job) => h('tr', {class: 'job-row', dataset: {id: job.id}},
      h('td', {class: 'name'}, pageLink(job.name || job.id, 'jobs', job.id),
        job.description ? h('div', {class: 'muted small'}, job.description) : null),
      h('td', {}, h('span', {class: stateClass(job.state)}, job.state)),
      h('td', {class: 'dialect small'}, job.dialect || ''),
      h('td', {}, (job.tags || []).map((t) => h('span', {class: 'tag'}, t))),
      h('td', {}, progress(job)),
      h('td', {class: 'nowrap'}, time(job.createdAt)),
      h('td', {class: 'nowrap'}, duration(job.startedAt, ended(job)))))));
}

function progress(job) {
  const bar = h('span', {class: 'bar'}, h('span', {class: 'fill'}));
  bar.firstChild.style.width = Math.max(0, Math.min(100, job.progress || 0)) + '%';
  return [bar, ' ', Math.min(job.position, job.taskCount) + '/' + job.taskCount];
}

function pagerOf(page, filters) {
  const pages = Math.max(1, page.totalPages || 1);
  return [
    h('button', {type: 'button', disabled: filters.page <= 1, onclick: () => go({...filters, page: filters.page - 1})}, '‹ Newer'),
    h('span', {class: 'muted'}, ' page ' + page.number + ' of ' + pages + ' '),
    h('button', {type: 'button', id: 'older', disabled: filters.page >= pages, onclick: () => go({...filters, page: filters.page + 1})}, 'Older ›'),
  ];
}
