// Short messages: a toast (polite, with an optional action such as Undo) and a banner for
// problems that need attention (storage failing).
import { h, fill } from '../shared/dom.js';

let shownAt = 0;
let timer = 0;

/** Shows `text` in the toast area, with `action` ({label, run}) as a button; `tr` labels its
 * close button. A toast replaces the one before, and goes by itself after a while (longer with
 * an action, and not while the pointer or the focus is on it), or when another page is shown. */
export function toast(tr, text, action) {
  const el = document.getElementById('toast');
  const close = () => (clearTimeout(timer), el.replaceChildren());
  shownAt = performance.now();
  clearTimeout(timer);
  const later = () => (timer = setTimeout(() => (el.matches(':hover, :focus-within') ? later() : close()), action ? 30_000 : 15_000));
  later();
  fill(
    el,
    h(
      'div',
      { class: 'toast' },
      h('p', {}, text),
      action ? h('button', { type: 'button', onclick: () => (close(), action.run()) }, action.label) : null,
      h('button', { type: 'button', class: 'x', 'aria-label': tr.t('close'), onclick: close }, '×'),
    ),
  );
}

/** Another page is shown: a toast from an action on an earlier one goes (one shown in the last
 * second says what the change of page did, as "Copied…" does). */
export function pageChanged() {
  if (performance.now() - shownAt > 1000) (clearTimeout(timer), document.getElementById('toast')?.replaceChildren());
}

/** Shows (or with no parts, hides) the problem banner. */
export function banner(...parts) {
  parts = parts.flat().filter(Boolean);
  const el = document.getElementById('banner');
  fill(el, ...parts);
  el.hidden = !parts.length;
}
