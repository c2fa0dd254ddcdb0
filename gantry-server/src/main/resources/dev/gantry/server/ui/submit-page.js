// Submit a job as YAML or JSON. The API's 400 names the field (`tasks[0].image: ...`); the
// message is shown at the line that holds that field (or the nearest enclosing one).
import {h, replace, pageLink} from './dom.js';
import {api} from './api.js';

const EXAMPLE = `name: hello
tags: [demo]
tasks:
  - name: say hello
    image: busybox:latest
    run: |
      echo hello
      echo "to stderr" >&2
`;

export function submitPage(root) {
  const format = h('select', {id: 'format'}, h('option', {value: 'text/yaml'}, 'YAML'), h('option', {value: 'application/json'}, 'JSON'));
  const editor = h('textarea', {id: 'editor', spellcheck: 'false', rows: 20, cols: 80, value: EXAMPLE});
  const gutter = h('div', {class: 'gutter', 'aria-hidden': 'true'});
  const result = h('div', {id: 'submit-result'});
  const button = h('button', {type: 'submit', id: 'submit'}, 'Submit');
  const lines = h('div', {class: 'editor'}, gutter, editor);
  editor.addEventListener('input', () => numberLines());
  editor.addEventListener('scroll', () => { gutter.scrollTop = editor.scrollTop; });
  replace(root, h('h1', {}, 'Submit a job'),
    h('form', {id: 'submit-form', onsubmit: submit}, h('div', {class: 'filters'}, format, button), lines, result));
  numberLines();

  function numberLines(errorLine) {
    const count = editor.value.split('\n').length;
    replace(gutter, Array.from({length: count}, (_, i) => h('div', {class: i === errorLine ? 'error-line' : ''}, String(i + 1))));
  }

  async function submit(event) {
    event.preventDefault();
    button.disabled = true;
    numberLines();
    try {
      const job = await api('POST', '/jobs', editor.value, format.value);
      replace(result, h('p', {class: 'ok'}, 'Submitted: ', pageLink(job.name || job.id, 'jobs', job.id)));
    } catch (e) {
      const field = fieldOf(e.message);
      const line = field ? locate(editor.value, field, format.value === 'application/json') : -1;
      numberLines(line);
      replace(result, h('div', {class: 'field-error', id: 'submit-error', dataset: {field: field || '', line: line + 1}},
        line >= 0 ? h('strong', {}, 'line ' + (line + 1) + ': ') : null, e.message));
      if (line >= 0) select(line);
    } finally {
      button.disabled = false;
    }
  }

  function select(line) {
    const starts = editor.value.split('\n').slice(0, line).reduce((sum, text) => sum + text.length + 1, 0);
    const length = editor.value.split('\n')[line].length;
    editor.focus();
    editor.setSelectionRange(starts, starts + length);
  }
}

/** `tasks[0].image: must not be empty` -> `tasks[0].image`; null when the message names no field. */
export function fieldOf(message) {
  const match = /^([A-Za-z_][\w-]*(?:\[\d+\]|\.[A-Za-z_][\w-]*)*)\s*:\s/.exec(message || '');
  return match ? match[1] : null;
}

/** The 0-based line of `field` in the document, or of the deepest part of its path found; -1 if none. */
export function locate(text, field, json) {
  const steps = field.match(/[A-Za-z_][\w-]*|\[\d+\]/g).map((s) => (s.startsWith('[') ? Number(s.slice(1, -1)) : s));
  const lines = text.split('\n');
  return json ? locateJson(lines, steps) : locateYaml(lines, steps);
}

function indentOf(line) {
  return line.length - line.trimStart().length;
}

function locateYaml(lines, steps) {
  let at = -1; // the line found so far
  let within = -1; // keys below it are indented more than this
  let from = 0;
  for (const step of steps) {
    let found = -1;
    for (let i = from; i < lines.length; i++) {
      const line = lines[i];
      if (!line.trim() || line.trimStart().startsWith('#')) continue;
      const indent = indentOf(line);
      if (i > at && indent <= within && at >= 0) break; // left the block
      if (typeof step === 'number') {
        if (!/^\s*- /.test(line) && !/^\s*-$/.test(line)) continue;
        if (indent <= within && !(i === at)) continue;
        // count the items at the first item's indentation
        let n = -1;
        const itemIndent = indent;
        for (let j = i; j < lines.length; j++) {
          const l = lines[j];
          if (!l.trim()) continue;
          if (indentOf(l) < itemIndent) break;
          if (indentOf(l) === itemIndent && /^\s*-( |$)/.test(l) && ++n === step) { found = j; within = itemIndent; break; }
        }
        break;
      }
      const dash = /^(\s*)- /.exec(line);
      const keyIndent = dash ? dash[0].length : indent;
      const key = new RegExp('^\\s*(?:- )?["\']?' + step.replace(/[-]/g, '\\-') + '["\']?\\s*:');
      if (keyIndent > within && key.test(line)) { found = i; within = keyIndent; break; }
    }
    if (found < 0) return at;
    at = found;
    from = found;
  }
  return at;
}

function locateJson(lines, steps) {
  let at = -1;
  for (const step of steps) {
    if (typeof step === 'number') continue;
    const key = '"' + step + '"';
    const next = lines.findIndex((line, i) => i > at && line.includes(key));
    if (next < 0) return at;
    at = next;
  }
  return at;
}
