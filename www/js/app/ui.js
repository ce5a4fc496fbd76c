// Short messages: a toast (polite, with an optional action such as Undo) and a banner for
// problems that need attention (storage failing).
import { h, fill } from '../shared/dom.js';
import { t } from './lang.js';

export function toast(text, action) {
  const el = document.getElementById('toast');
  const close = () => el.replaceChildren();
  fill(el, 
    h(
      'div',
      { class: 'toast' },
      h('p', {}, text),
      action ? h('button', { type: 'button', onclick: () => (close(), action.run()) }, action.label) : null,
      h('button', { type: 'button', class: 'x', 'aria-label': t('close'), onclick: close }, '×'),
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

/** A labelled field: h('label') around its text and control. */
export const field = (label, control, hint) =>
  h('label', { class: 'field' }, h('span', { class: 'lab' }, label), hint ? h('span', { class: 'hint' }, hint) : null, control);
