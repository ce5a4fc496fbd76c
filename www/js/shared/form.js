// The parts of an assessment form, generated from the framework, for the app's form and the
// embed's widget: one indicator's question, with its choices (the anchors, the reasons
// instead of a score, "not scored") and a note. `tr` is the translator (shared/i18n.js).
import { h, uid, field } from './dom.js';
import { REASONS } from './model.js';

/**
 * One indicator as a fieldset: number and title, definition, question, choices and note.
 * Each choice is a radio input named `names.score` whose value is the answer's code (model.js
 * answerCode) and whose data-ind is the indicator's id; the note is a textarea named
 * `names.note` with data-note. `compact`: one row of values (the labels for screen readers
 * and as tooltips), no definition, no reasons, no note. `who`: an element shown under the
 * choices (the respondents' answers). `attrs`: the fieldset's own attributes.
 */
export function indicatorBlock(i, no, tr, { names, compact = false, who = null, note = '', attrs = {} }) {
  const { t, tx, num } = tr;
  const qid = uid('q');
  const anchors = i.scale?.anchors || [];
  const choice = (value, tip, ...text) =>
    h('label', { class: 'ch', part: 'choice', title: compact ? tip : null }, h('input', { type: 'radio', name: names.score, value, 'data-ind': i.id }), ...text);
  // Compact: the label is read out and shown on hover, the value is what is seen.
  const label = (text) => h('span', { class: compact ? 'vh' : null }, text);
  return h(
    'fieldset',
    { class: 'ind', 'aria-describedby': qid, ...attrs },
    h('legend', {}, h('span', { class: 'no' }, no), ' ', tx(i.title)),
    compact ? null : h('p', { class: 'def' }, tx(i.definition)),
    h('p', { class: compact ? 'q vh' : 'q', id: qid }, tx(i.guidance)),
    h(
      'div',
      { class: 'choices' },
      anchors.map((an) => choice(String(an.value), tx(an.label), h('b', { class: 'v' }, num(an.value, 0)), label(tx(an.label)))),
      // A reason instead of a score: "not applicable" leaves the indicator out of coverage.
      compact ? null : Object.keys(REASONS).map((code) => choice(code, null, h('span', { class: 'ns' }, t(`form.reason.${code}`)))),
      compact ? choice('', null, h('b', { class: 'v' }, '–'), label(t('form.notscored'))) : choice('', null, h('span', { class: 'ns' }, t('form.notscored'))),
    ),
    who,
    compact ? null : field(t('form.note'), h('textarea', { name: names.note, 'data-note': i.id, rows: 2, maxlength: 5000, part: 'input' }, note)),
  );
}
