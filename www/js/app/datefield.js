// A date as the engine reads it (a year, a month or a day: published figures and events are
// often known to the month only), typed as text. What is typed is handed on at once, even half
// typed (the form stores it: nothing typed is lost); a date that is not one is said under the
// field when the user leaves it, and left out of what is scored (shared/model.js).
import { h, uid } from '../shared/dom.js';
import { isDate } from '../shared/model.js';

/** A labelled date field holding `value`; `onInput(text)` hears every change. */
export function dateField(tr, label, value, name, onInput) {
  const { t } = tr;
  const hid = uid('dh');
  const eid = uid('de');
  const err = h('span', { class: 'err', id: eid, hidden: true });
  const input = h('input', { type: 'text', name, value: value ?? '', maxlength: 10, placeholder: t('date.placeholder'), 'aria-describedby': `${hid} ${eid}` });
  const check = (strict) => {
    const v = input.value.trim();
    const bad = v !== '' && !isDate(v);
    // While typing, only an error already shown is taken back; it is first said on leaving.
    if (bad && !strict) return;
    err.hidden = !bad;
    err.textContent = bad ? t('date.invalid', { date: v }) : '';
    if (bad) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };
  input.addEventListener('input', () => (check(false), onInput(input.value.trim())));
  input.addEventListener('change', () => check(true));
  queueMicrotask(() => check(true)); // a bad date stored earlier is said at once
  return h('label', { class: 'field date' }, h('span', { class: 'lab' }, label), h('span', { class: 'hint', id: hid }, t('date.hint')), input, err);
}
