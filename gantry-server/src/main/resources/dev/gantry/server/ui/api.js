// Every request to Gantry's native API goes through here: the token (kept in this tab's
// sessionStorage, never in a URL) travels as a Bearer header; errors become ApiError.

const TOKEN_KEY = 'gantry.token';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Called with the error when the API answers 401 (the app shows the sign-in page). */
let onUnauthenticated = () => {};
export function whenUnauthenticated(callback) {
  onUnauthenticated = callback;
}

export function headers(extra) {
  const all = {'Accept': 'application/json', ...extra};
  const secret = token.get();
  if (secret) all['Authorization'] = 'Bearer ' + secret;
  return all;
}

/** Sends one request; answers the parsed JSON body, throws ApiError with the API's message. */
export async function api(method, path, body, contentType = 'application/json') {
  const init = {method, headers: headers(body === undefined ? {} : {'Content-Type': contentType}),
    credentials: 'omit', cache: 'no-store'};
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'Gantry does not answer: ' + e.message);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const error = new ApiError(response.status, (json && (json.message || json.error)) || text || response.statusText);
    if (response.status === 401) onUnauthenticated(error);
    throw error;
  }
  return json;
}

export const get = (path) => api('GET', path);
export const put = (path) => api('PUT', path);
export const del = (path) => api('DELETE', path);

/** A path with its query: `query('/jobs', {q: 'a b', page: 2})`. */
export function query(path, params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? path + '?' + text : path;
}
