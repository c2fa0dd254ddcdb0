// ANSI colour codes (SGR) in a log line become spans with classes; every other escape is dropped.
import {h} from './dom.js';

const SGR = /\x1b\[([0-9;]*)m/g;
const OTHER_ESCAPES = /\x1b\[[0-9;?]*[A-Za-ln-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Za-z0-9]/g;

/** The spans of `text` (no newline), and the style in force at its end to carry into the next line. */
export function render(text, style = {}) {
  const clean = text.replace(OTHER_ESCAPES, '');
  const spans = [];
  let current = {...style};
  let last = 0;
  for (const match of clean.matchAll(SGR)) {
    if (match.index > last) spans.push(span(clean.slice(last, match.index), current));
    current = apply(current, match[1]);
    last = match.index + match[0].length;
  }
  if (last < clean.length) spans.push(span(clean.slice(last), current));
  return {spans, style: current};
}

function span(text, style) {
  const classes = [];
  if (style.fg !== undefined) classes.push('ansi-fg' + style.fg);
  if (style.bg !== undefined) classes.push('ansi-bg' + style.bg);
  if (style.bold) classes.push('ansi-bold');
  if (style.italic) classes.push('ansi-italic');
  if (style.underline) classes.push('ansi-underline');
  return classes.length ? h('span', {class: classes.join(' ')}, text) : document.createTextNode(text);
}

function apply(style, params) {
  const next = {...style};
  const codes = params === '' ? [0] : params.split(';').map(Number);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) { delete next.fg; delete next.bg; delete next.bold; delete next.italic; delete next.underline; }
    else if (c === 1) next.bold = true;
    else if (c === 3) next.italic = true;
    else if (c === 4) next.underline = true;
    else if (c === 22) delete next.bold;
    else if (c === 23) delete next.italic;
    else if (c === 24) delete next.underline;
    else if (c >= 30 && c <= 37) next.fg = c - 30;
    else if (c >= 90 && c <= 97) next.fg = c - 90 + 8;
    else if (c === 39) delete next.fg;
    else if (c >= 40 && c <= 47) next.bg = c - 40;
    else if (c >= 100 && c <= 107) next.bg = c - 100 + 8;
    else if (c === 49) delete next.bg;
    else if ((c === 38 || c === 48) && codes[i + 1] === 5) {
      const n = codes[i + 2];
      if (n < 16) next[c === 38 ? 'fg' : 'bg'] = n; // the 16 basic colours; richer ones read as plain
      i += 2;
    } else if ((c === 38 || c === 48) && codes[i + 1] === 2) {
      i += 4;
    }
  }
  return next;
}
