// Sign in with an API token (`gantry token create`, or the admin token in the data directory).
// The token stays in this tab's sessionStorage and goes out only as a Bearer header.
import {h, replace} from './dom.js';
import {get, token, ApiError} from './api.js';

export function signInPage(root, then) {
  const secret = h('input', {type: 'password', id: 'token', autocomplete: 'off', placeholder: 'gantry_…', size: 50, required: true});
  const message = h('p', {id: 'signin-message'});
  const form = h('form', {id: 'signin', onsubmit: async (e) => {
    e.preventDefault();
    token.set(secret.value.trim());
    try {
      await get('/jobs?size=1');
      location.hash = then && then.startsWith('#/') && !then.startsWith('#/signin') ? then : '#/jobs';
    } catch (error) {
      token.clear();
      replace(message, h('span', {class: 'error'}, error instanceof ApiError && error.status === 401
        ? 'That token is not valid: ' + error.message : error.message));
    }
  }}, h('label', {for: 'token'}, 'API token '), secret, ' ', h('button', {type: 'submit'}, 'Sign in'));
  replace(root, h('h1', {}, 'Sign in'), h('p', {}, 'This Gantry asks for an API token.'), form, message);
  secret.focus();
}
