// Job definitions (Daestro's, stored by POST /definitions): the newest version of each, and one
// definition's versions with what each holds. A sensitive variable's value never leaves the
// server: the API answers only that it is sensitive, and the page says it is redacted.
import {h, replace, pageLink} from './dom.js';
import {get} from './api.js';
import {time} from './format.js';

export function definitionsPage(root) {
  const body = h('div', {id: 'definitions'});
  const message = h('p', {id: 'definitions-message'});
  replace(root, h('h1', {}, 'Definitions'), message, body);
  let stopped = false;
  get('/definitions').then((definitions) => {
    if (stopped) return;
    replace(body, !definitions.length
      ? h('p', {class: 'muted'}, 'No definition. Create one with gantry definitions create FILE (see the README).')
      : h('table', {class: 'list'},
        h('thead', {}, h('tr', {}, ['Name', 'Newest version', 'Image', 'Created', 'Owner'].map((t) => h('th', {}, t)))),
        h('tbody', {}, definitions.map((d) => h('tr', {class: 'definition-row', dataset: {name: d.name}},
          h('td', {class: 'name'}, pageLink(d.name, 'definitions', d.name)),
          h('td', {}, String(d.version)),
          h('td', {}, h('code', {}, d.image || '')),
          h('td', {class: 'nowrap'}, time(d.createdAt)),
          h('td', {}, d.owner || ''))))));
  }).catch((e) => { if (!stopped) replace(message, h('span', {class: 'error'}, e.message)); });
  return {stop: () => { stopped = true; }};
}

export function definitionPage(root, name) {
  const body = h('div', {id: 'definition-versions'});
  const message = h('p', {id: 'definitions-message'});
  replace(root, h('p', {}, pageLink('← Definitions', 'definitions')), h('h1', {id: 'definition-name'}, name), message, body);
  let stopped = false;
  get('/definitions/' + encodeURIComponent(name)).then((versions) => {
    if (stopped) return;
    const newest = [...versions].sort((a, b) => b.version - a.version);
    replace(body, newest.map(version));
  }).catch((e) => { if (!stopped) replace(message, h('span', {class: 'error'}, e.message)); });
  return {stop: () => { stopped = true; }};
}

function version(d) {
  const env = Object.entries(d.env || {});
  const parameters = Object.entries(d.parameters || {});
  return h('section', {class: 'definition-version', dataset: {version: String(d.version)}},
    h('h2', {}, 'Version ' + d.version, ' ', h('code', {class: 'muted small'}, d.reference)),
    h('dl', {class: 'facts'},
      fact('Image', h('code', {}, d.image || '')),
      d.command && d.command.length ? fact('Command', h('code', {}, JSON.stringify(d.command))) : null,
      d.timeout ? fact('Timeout', d.timeout + ' s') : null,
      d.limits ? fact('Limits', h('code', {}, JSON.stringify(d.limits))) : null,
      fact('Created', time(d.createdAt)),
      d.owner ? fact('Owner', d.owner) : null),
    parameters.length ? table('Parameters', ['Name', 'Default'], parameters.map(([k, v]) => [k, h('code', {}, String(v))]),
      'parameter-row') : null,
    env.length ? table('Environment', ['Variable', 'Value'], env.map(([k, v]) => [k, v.sensitive
      ? h('span', {class: 'redacted muted'}, 'redacted (sensitive)')
      : h('code', {}, v.value ?? '')]), 'env-row') : null);
}

function table(title, heads, rows, rowClass) {
  return [h('h3', {}, title), h('table', {class: 'list'},
    h('thead', {}, h('tr', {}, heads.map((t) => h('th', {}, t)))),
    h('tbody', {}, rows.map((cells) => h('tr', {class: rowClass}, cells.map((c) => h('td', {}, c))))))];
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value)];
}
