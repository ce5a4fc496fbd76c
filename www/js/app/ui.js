// Short messages: a toast (polite, with an optional action such as Undo) and a banner for
// problems that need attention (storage failing).
import { h, fill } from '../shared/dom.js';

/** Shows `text` in the toast area, with `action` ({label, run}) as a button; `tr` labels its close button. */
export function toast(tr, text, action) {
  const el = document.getElementById('toast');
  const close = () => el.replaceChildren();
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

/** Shows (or with no parts, hides) the problem banner. */
export function banner(...parts) {
  parts = parts.flat().filter(Boolean);
  const el = document.getElementById('banner');
  fill(el, ...parts);
  el.hidden = !parts.length;
}
