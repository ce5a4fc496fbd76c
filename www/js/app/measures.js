// Prevention measures: what the framework recommends for an indicator (its `measures`, each a
// title and the document it comes from), shown under the places where reform would help most.
// Paragraphs, not a list: they sit inside the items of that list.
import { h } from '../shared/dom.js';

/** Indicator `node`'s measures; null when it has none. */
export function measures(node, tr) {
  const list = node?.measures ?? [];
  if (!list.length) return null;
  return h(
    'div',
    { class: 'measures' },
    h('p', { class: 'small lab' }, tr.t('measures.label')),
    list.map((m) => h('p', { class: 'measure' }, tr.tx(m.title), ' ', h('cite', { class: 'small muted' }, m.source))),
  );
}
