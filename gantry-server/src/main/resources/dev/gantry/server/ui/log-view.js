// A job's log, live: the native SSE stream from the start, then as lines come, until the job
// ends. Per task run, stdout and stderr told apart, ANSI colours rendered, searchable, downloadable.
import {h, replace} from './dom.js';
import {follow} from './sse.js';
import {render} from './ansi.js';

export function logView(jobId) {
  const lines = []; // {run, stream, text, node}
  const styles = new Map(); // run + stream -> the ANSI style carried to the next line
  const runNames = new Map();
  let lastId = null;
  let controller = null;

  const task = h('select', {id: 'log-task'}, h('option', {value: ''}, 'all tasks'));
  const stream = h('select', {id: 'log-stream'},
    h('option', {value: ''}, 'stdout and stderr'), h('option', {value: 'stdout'}, 'stdout'), h('option', {value: 'stderr'}, 'stderr'));
  const search = h('input', {type: 'search', id: 'log-search', placeholder: 'search the log'});
  const count = h('span', {class: 'muted small', id: 'log-count'});
  const state = h('span', {class: 'muted small', id: 'log-state'}, 'connecting…');
  const followBottom = h('input', {type: 'checkbox', id: 'log-follow', checked: true});
  const output = h('div', {class: 'log', id: 'log', tabindex: '0'});
  const download = h('button', {type: 'button', id: 'log-download', onclick: save}, 'Download');
  const element = h('div', {class: 'log-view'},
    h('div', {class: 'filters'}, task, stream, search, download,
      h('label', {}, followBottom, ' follow'), ' ', state, ' ', count),
    output);
  for (const control of [task, stream]) control.addEventListener('change', refilter);
  search.addEventListener('input', refilter);

  function visible(line) {
    const needle = search.value.toLowerCase();
    return (!task.value || line.run === task.value) && (!stream.value || line.stream === stream.value)
      && (!needle || line.text.toLowerCase().includes(needle));
  }

  function refilter() {
    let shown = 0;
    const needle = search.value;
    for (const line of lines) {
      const show = visible(line);
      line.node.hidden = !show;
      line.node.classList.toggle('match', Boolean(needle) && show);
      if (show) shown++;
    }
    count.textContent = shown === lines.length ? lines.length + ' lines' : shown + ' of ' + lines.length + ' lines';
  }

  function add(part) {
    lastId = part.id;
    const key = part.taskId + '/' + part.stream;
    const texts = String(part.contents).split('\n');
    if (texts.length > 1 && texts[texts.length - 1] === '') texts.pop();
    const stick = followBottom.checked && output.scrollTop + output.clientHeight >= output.scrollHeight - 30;
    for (const text of texts) {
      const {spans, style} = render(text, styles.get(key));
      styles.set(key, style);
      const node = h('div', {class: 'line ' + (part.stream === 'stderr' ? 'stderr' : 'stdout'),
        dataset: {run: part.taskId || '', stream: part.stream}},
        h('span', {class: 'task-label'}, runNames.get(part.taskId) || ''), spans);
      const line = {run: part.taskId, stream: part.stream, text: text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''), node};
      line.node.hidden = !visible(line);
      lines.push(line);
      output.append(node);
    }
    count.textContent = lines.length + ' lines';
    if (stick || followBottom.checked) output.scrollTop = output.scrollHeight;
  }

  async function start() {
    controller = new AbortController();
    const after = lastId ? '?after=' + encodeURIComponent(lastId) : '';
    state.textContent = 'following…';
    try {
      await follow('/jobs/' + encodeURIComponent(jobId) + '/log/stream' + after, (event) => {
        if (event.event === 'log') add(JSON.parse(event.data));
        else if (event.event === 'end') state.textContent = 'ended: ' + JSON.parse(event.data).state;
      }, controller.signal);
      if (!state.textContent.startsWith('ended')) state.textContent = 'stream closed';
    } catch (e) {
      if (e.name !== 'AbortError') state.textContent = e.message;
    }
    element.dataset.ended = 'true';
  }

  function save() {
    const text = lines.filter(visible).map((l) => (l.stream === 'stderr' ? '[stderr] ' : '') + l.text).join('\n') + '\n';
    const url = URL.createObjectURL(new Blob([text], {type: 'text/plain'}));
    const link = h('a', {href: '#', download: 'gantry-' + jobId + '.log'});
    link.href = url; // a blob: URL of this page's own making
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  start();
  return {
    element,
    /** Names the task runs in the task selector and on each line. */
    runs(runs) {
      const selected = task.value;
      const options = [h('option', {value: ''}, 'all tasks')];
      for (const run of runs) {
        const label = (run.name || 'task ' + run.position) + ' #' + (run.attempt ?? 1);
        runNames.set(run.id, label);
        options.push(h('option', {value: run.id}, label));
      }
      replace(task, options);
      task.value = selected;
      for (const line of lines) {
        const label = line.node.firstChild;
        if (!label.textContent) label.textContent = runNames.get(line.run) || '';
      }
    },
    restart() {
      if (controller) controller.abort();
      delete element.dataset.ended;
      start();
    },
    stop() {
      if (controller) controller.abort();
    },
  };
}
