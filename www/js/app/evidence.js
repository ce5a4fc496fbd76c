// Evidence and confidence per score. On the form, a row under each indicator: the kinds of
// source (several allowed), when, and how sure the assessor is (low / medium / high: how far
// the uncertainty analysis moves the score). Stored in the record's input as
// `evidence: {indicator: {source, date, confidence}}`, medium (the default) left out; each
// change at once (the row sends 'record-change', which the form stores). The row's controls
// are made when it is first opened: 28 rows of eleven controls would slow the form on a cheap
// phone. In the results: the evidence of each score, and the low-confidence scores that drive
// a pillar.
import { h, uid } from '../shared/dom.js';
import { SOURCES, CONFIDENCE, isDate } from '../shared/model.js';
import { title } from '../shared/results.js';
import { dateField } from './datefield.js';

/** A stored source: one kind (as files give it) or a list. */
const sources = (v) => [v?.source ?? []].flat();

/** Evidence `v` in a line: "interview, media · 2026-02 · confidence low". */
export function summary(v, tr) {
  const { t } = tr;
  const src = sources(v).map((k) => t(`evidence.source.${k}`));
  return [
    src.length ? src.join(', ') : t('evidence.nosource'),
    isDate(v?.date) ? tr.date(v.date) : null,
    t('report.confidence', { level: t(`evidence.confidence.${v?.confidence ?? 'medium'}`) }),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The evidence row of indicator `i` of record `rec` (a <details>, closed). */
export function evidenceRow(rec, i, tr) {
  const { t } = tr;
  const sum = h('span', { class: 'sum' });
  const el = h('details', { class: 'evidence', 'data-ev': i.id }, h('summary', {}, h('span', { class: 'lab' }, t('evidence.title')), ' ', sum));
  // Read from the record at each change: an undo replaces its input (form.js).
  const get = () => rec.input.evidence?.[i.id] ?? {};
  const show = () => (sum.textContent = summary(get(), tr));

  /** Changes this indicator's evidence with `fn(copy)`; empty members and entries go. */
  function set(fn) {
    const all = (rec.input.evidence ??= {});
    const v = { ...all[i.id] };
    fn(v);
    for (const k of Object.keys(v)) if (v[k] == null || v[k] === '' || (Array.isArray(v[k]) && !v[k].length)) delete v[k];
    if (Object.keys(v).length) all[i.id] = v;
    else delete all[i.id];
    if (!Object.keys(all).length) delete rec.input.evidence;
    show();
    el.dispatchEvent(new Event('record-change', { bubbles: true }));
  }

  function build() {
    const v = get();
    const have = new Set(sources(v));
    const boxes = SOURCES.map((k) => h('input', { type: 'checkbox', value: k, checked: have.has(k) }));
    const chosen = () => boxes.filter((b) => b.checked).map((b) => b.value);
    const conf = uid('cf');
    el.append(
      h(
        'div',
        { class: 'ev-body' },
        h('fieldset', { class: 'srcs', onchange: () => set((x) => (x.source = chosen())) }, h('legend', {}, t('evidence.sources')), boxes.map((b) => h('label', { class: 'tick' }, b, t(`evidence.source.${b.value}`)))),
        dateField(tr, t('evidence.date'), v.date, `e-date-${i.id}`, (d) => set((x) => (x.date = d))),
        h(
          'fieldset',
          { class: 'conf', 'aria-describedby': conf },
          h('legend', {}, t('evidence.confidence')),
          h(
            'div',
            { class: 'seg' },
            CONFIDENCE.map((c) =>
              h(
                'label',
                { class: 'tick' },
                h('input', { type: 'radio', name: `e-conf-${i.id}`, value: c, checked: (v.confidence ?? 'medium') === c, onchange: () => set((x) => (x.confidence = c === 'medium' ? null : c)) }),
                t(`evidence.confidence.${c}`),
              ),
            ),
          ),
          h('span', { class: 'hint', id: conf }, t('evidence.confidence.hint')),
        ),
      ),
    );
  }

  el.addEventListener('toggle', () => el.open && !el.querySelector('.ev-body') && build());
  show();
  return el;
}

/** The evidence of indicator `id` as a line of the results (null when none was given). */
export function evidenceLine(rec, id, tr) {
  const v = rec.input.evidence?.[id];
  return v ? h('p', { class: 'ev small' }, tr.t('report.evidence', { what: summary(v, tr) })) : null;
}

/** The low-confidence scores that drive a pillar (`r.low_confidence`), each a link to its
 * indicator in the form of record `id`; null when there are none. */
export function lowConfidence(r, F, tr, id) {
  const list = r.low_confidence ?? [];
  if (!list.length) return null;
  const { t } = tr;
  return h(
    'section',
    { class: 'lowconf' },
    h('h3', {}, t('lowconf.title', { n: list.length })),
    h('p', { class: 'small' }, t('lowconf.what')),
    h(
      'ul',
      {},
      list.map((x) =>
        h(
          'li',
          { 'data-low': x.indicator },
          h('a', { href: `#/a/${encodeURIComponent(id)}?i=${encodeURIComponent(x.indicator)}` }, title(F, tr, x.indicator)),
          ' ',
          h('span', { class: 'muted' }, t('lowconf.item', { pillar: title(F, tr, x.pillar), score: tr.score(x.score) })),
        ),
      ),
    ),
  );
}
