// Beside the score, in the results: the early-warning alert (a warning sign or trigger present
// while a critical indicator is in alarm, or a pillar is weak, critical or cannot be scored:
// `result.early_warning`), which heads the results, and the warning signs and triggers present,
// with the count of the others. Both come from the engine; nothing here decides an alert.
import { h } from '../shared/dom.js';
import { title } from '../shared/results.js';

/** Item `id` of the framework's warning signs and triggers. */
const itemOf = (F, id) => F.fw.context?.find((c) => c.id === id);
const itemTitle = (F, tr, id) => tr.tx(itemOf(F, id)?.title) || id;

/** The alert, in plain words: the signs present, then every reason (null when there is none). */
export function earlyWarning(r, F, tr, { level = 2 } = {}) {
  const ew = r.early_warning;
  if (!ew) return null;
  const { t } = tr;
  const reason = (x) => {
    const name = title(F, tr, x.node);
    if (x.code === 'alarm') return t('report.alert.alarm', { name });
    if (x.code === 'band') return t('report.alert.band', { name, band: tr.tx(F.band(x.band)?.title) || x.band });
    return t('report.alert.unscored', { name });
  };
  return h(
    'section',
    { class: 'early-warning', role: 'alert', 'data-signs': ew.signs.join(' ') },
    h(`h${level}`, {}, t('report.alert')),
    h('p', { class: 'ew-signs' }, t('report.alert.signs', { signs: ew.signs.map((id) => itemTitle(F, tr, id)).join('; ') })),
    h('ul', {}, ew.reasons.map((x) => h('li', { 'data-reason': x.code, 'data-node': x.node }, reason(x)))),
    h('p', { class: 'small' }, t('ew.what')),
  );
}

/** The warning signs and triggers present (with when and the note), and how many others are
 * absent, unknown or not assessed; null when the framework has none (and, `quiet`, when none is
 * assessed yet). `answer`: the address of the form's section, linked to. */
export function signsPresent(r, F, tr, { level = 3, answer = null, quiet = false } = {}) {
  const c = r.context;
  if (!c) return null;
  const { t } = tr;
  const total = c.present.length + c.absent.length + c.unknown.length + c.not_assessed.length;
  if (quiet && c.not_assessed.length === total) return null;
  const none = c.not_assessed.length === total ? t('signs.notyet') : t('report.signs.none');
  return h(
    'section',
    { class: 'signs-present' },
    h(`h${level}`, {}, t('report.signs')),
    h('p', { class: 'small muted' }, t('signs.apart.short')),
    c.present.length
      ? h(
          'ul',
          {},
          c.present.map((x) =>
            h(
              'li',
              { 'data-sign': x.id },
              h('span', { class: `kind k-${x.kind}` }, t(`report.kind.${x.kind}`)),
              ' ',
              h('strong', {}, itemTitle(F, tr, x.id)),
              x.date ? [' ', h('span', { class: 'muted' }, `(${tr.date(x.date)})`)] : null,
              x.note ? h('p', { class: 'note' }, x.note) : null,
            ),
          ),
        )
      : h('p', {}, none),
    h('p', { class: 'small counts' }, t('signs.counts', { absent: c.absent.length, unknown: c.unknown.length, open: c.not_assessed.length })),
    answer ? h('p', { class: 'small' }, h('a', { href: answer }, t('signs.answer'))) : null,
  );
}
