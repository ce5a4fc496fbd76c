// Builds elements from data. Text is only ever added as text nodes (never parsed as markup),
// so unit names and notes typed by users cannot inject anything.
const NS = 'http://www.w3.org/2000/svg';

/** Children as given to h(): nested lists flattened, null and false left out (the DOM would
 * otherwise write them as the text "null" and "false"). */
const plain = (k) => k != null && k !== false && !Array.isArray(k);
const present = (kids) => (kids.every(plain) ? kids : kids.flat(9).filter((k) => k != null && k !== false)); // (most are plain: as they are)

function make(el, attrs, kids) {
  for (const k in attrs) {
    const v = attrs[k];
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...present(kids));
  return el;
}

/** Replaces `el`'s children, as h() takes them. */
export const fill = (el, ...kids) => el.replaceChildren(...present(kids));

// Form controls hold assessment text (unit names, notes, answers, respondents' names). The
// browser saves what controls hold in its session files, to restore a tab, unless told not to:
// autocomplete="off" stops that (and suggestions of earlier entries). So it is the default of
// every control made here; a control may still name its own (passphrases: security.js).
const FIELDS = new Set(['input', 'textarea', 'select', 'form']);

/** An HTML element: h('p', {class: 'x'}, 'text', child…). */
export const h = (tag, attrs = {}, ...kids) =>
  make(document.createElement(tag), FIELDS.has(tag) && !('autocomplete' in attrs) ? { autocomplete: 'off', ...attrs } : attrs, kids);
/** An SVG element. */
export const s = (tag, attrs = {}, ...kids) => make(document.createElementNS(NS, tag), attrs, kids);

/** A labelled field: h('label') around its text, an optional hint and its control. */
export const field = (label, control, hint) =>
  h('label', { class: 'field' }, h('span', { class: 'lab' }, label), hint ? h('span', { class: 'hint' }, hint) : null, control);

let n = 0;
/** A document-unique id, for aria-labelledby and label/for pairs. */
export const uid = (p = 'u') => `${p}${++n}`;

/** Today as YYYY-MM-DD in local time (what a date field shows). */
export function today() {
  const d = new Date();
  return new Date(d - d.getTimezoneOffset() * 6e4).toISOString().slice(0, 10);
}

/** Groups a list into a Map by key (Map.groupBy, which older phones lack). */
export function groupBy(list, key) {
  const m = new Map();
  for (const x of list) {
    const k = key(x);
    m.has(k) ? m.get(k).push(x) : m.set(k, [x]);
  }
  return m;
}
