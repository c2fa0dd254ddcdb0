// The UI's router: the page is chosen by the URL's fragment (#/jobs, #/jobs/ID, ...), so the
// server serves one page and every bit of data comes from the API.
import {h, replace} from './dom.js';
import {get, token, whenUnauthenticated} from './api.js';
import {jobsPage} from './jobs-page.js';
import {jobPage} from './job-page.js';
import {submitPage} from './submit-page.js';
import {scheduledPage} from './scheduled-page.js';
import {nodesPage, queuesPage} from './cluster-pages.js';
import {definitionsPage, definitionPage} from './definitions-page.js';
import {signInPage} from './signin-page.js';

const main = document.getElementById('app');
let current = null; // the page shown: {stop()} ends its polling and streams
let needsToken = false; // this Gantry answered 401: no page but sign-in is shown without a token

function route() {
  const [path, search] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search || '');
  const page = parts[0] || 'jobs';
  if (page === 'jobs' && parts[1]) return {name: 'jobs', show: (root) => jobPage(root, parts[1], params)};
  if (page === 'definitions' && parts[1]) return {name: 'definitions', show: (root) => definitionPage(root, parts[1])};
  const pages = {
    jobs: (root) => jobsPage(root, params),
    submit: (root) => submitPage(root),
    scheduled: (root) => scheduledPage(root),
    nodes: (root) => nodesPage(root),
    queues: (root) => queuesPage(root),
    definitions: (root) => definitionsPage(root),
    signin: (root) => signInPage(root, params.get('then')),
  };
  return {name: page, show: pages[page] || ((root) => replace(root, h('p', {class: 'error'}, 'No such page: ' + path)))};
}

function show() {
  if (current && current.stop) current.stop();
  const {name, show} = route();
  if (needsToken && !token.get() && name !== 'signin') {
    replace(main);
    signIn();
    return;
  }
  for (const link of document.querySelectorAll('#nav a')) link.classList.toggle('active', link.dataset.page === name);
  const root = h('div', {class: 'page', id: 'page-' + name});
  replace(main, root);
  current = show(root) || null;
  renderWho();
}

function renderWho() {
  const who = document.getElementById('who');
  if (token.get()) {
    replace(who, h('button', {type: 'button', class: 'link', id: 'sign-out', onclick: () => {
      token.clear();
      needsToken = true;
      location.hash = '#/signin';
    }}, 'Sign out'));
  } else {
    replace(who);
  }
}

// A 401 from any request: nothing is shown until the person signs in.
whenUnauthenticated(() => {
  needsToken = true;
  token.clear();
  signIn();
});

function signIn() {
  if (!location.hash.startsWith('#/signin')) {
    location.hash = '#/signin?then=' + encodeURIComponent(location.hash || '#/jobs');
  }
}

window.addEventListener('hashchange', show);
// Without a token, ask once whether this Gantry wants one, so that even a page that reads nothing
// (submit) starts at the sign-in page when authentication is on.
if (token.get() || location.hash.startsWith('#/signin')) {
  show();
} else {
  get('/jobs?size=1').catch(() => {}).finally(() => { if (!location.hash.startsWith('#/signin')) show(); });
}
