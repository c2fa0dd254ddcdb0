// Builds DOM nodes. Text always goes in as text (textContent / text nodes), never as HTML:
// whatever a job's name or log holds is shown, never run.

/** h('a', {href: '#/x', class: 'y', onclick: fn}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      node.className = value;
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key === 'value') {
      node.value = value;
    } else if (key === 'href' && !/^(#|\/)/.test(String(value))) {
      throw new Error('refusing a link that is not local: ' + value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what `node` holds with `children`. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A link to a page of the UI: `#/jobs/` + the encoded id, so an id cannot become another route. */
export function pageLink(text, ...segments) {
  return h('a', {href: '#/' + segments.map(encodeURIComponent).join('/')}, text);
}
