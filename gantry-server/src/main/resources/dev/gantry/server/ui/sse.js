// Server-sent events over fetch: EventSource cannot send the Authorization header.
import {headers, ApiError} from './api.js';

/**
 * Follows `path` and calls onEvent({event, id, data}) per event until the stream ends or
 * `signal` aborts. Answers when the stream ended; throws ApiError when it was refused.
 */
export async function follow(path, onEvent, signal) {
  const response = await fetch(path, {headers: headers({'Accept': 'text/event-stream'}), signal,
    credentials: 'omit', cache: 'no-store'});
  if (!response.ok) {
    let message = response.statusText;
    try {
      message = (await response.json()).message || message;
    } catch (e) { /* not JSON */ }
    throw new ApiError(response.status, message);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = parse(block);
      if (event) onEvent(event);
    }
  }
}

function parse(block) {
  const event = {event: 'message', id: null, data: ''};
  let hasData = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event.event = value;
    else if (field === 'id') event.id = value;
    else if (field === 'data') {
      event.data += (hasData ? '\n' : '') + value;
      hasData = true;
    }
  }
  return hasData ? event : null;
}
