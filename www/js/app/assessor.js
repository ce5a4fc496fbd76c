// The form's part in team assessments (docs/team.md): this device's assessor code, and what
// the form is for in a team. Each assessor scores their own copy of the same assessment; the
// code tells their answers apart when files merge. In a team assessment without a code here,
// the choices are locked (answers without a code would have no place in the team) until one is
// set. The rest of the team's work is on the results page (team.js) and the consensus round
// (workshop.js).
import { h, fill, field } from '../shared/dom.js';
import { setCode, isTeam, codes, LONGEST } from './team-own.js';

/** The assessor code field of record `s.rec`; `form` is locked while it must be set. After a
 * change of code, the function given to onChange() hears it (the answers shown may change:
 * a code another assessor used continues their answers). */
export function assessorField(s, form) {
  const { rec } = s;
  const { t } = s.app.tr;
  const el = h('div', { class: 'resp assessor' });
  const err = h('span', { class: 'hint bad', 'aria-live': 'polite' });
  let changed = () => {};
  const input = h('input', {
    type: 'text',
    name: 'assessor',
    value: rec.input.assessor ?? '',
    maxlength: LONGEST,
    autocomplete: 'off',
    spellcheck: 'false',
    // Set when the code is complete (Enter, or leaving the field): while typed, a code could
    // pass through another assessor's.
    onchange: () => {
      const why = setCode(rec, input.value);
      err.textContent = why ? t(why, { code: input.value.trim() }) : '';
      input.toggleAttribute('aria-invalid', !!why);
      if (why) return;
      input.value = rec.input.assessor ?? '';
      draw();
      changed();
    },
  });
  const status = h('div', {});

  function draw() {
    const a = rec.input;
    const team = isTeam(a);
    const locked = team && !a.assessor;
    form.inert = locked;
    form.classList.toggle('locked', locked);
    const id = encodeURIComponent(rec.id);
    fill(
      status,
      team ? h('p', { 'data-team': codes(a).join(' ') }, t('team.form.members', { n: codes(a).length, codes: codes(a).join(', ') }), ' ', h('a', { href: `#/r/${id}` }, t('team.form.results'))) : null,
      locked ? h('p', { class: 'notice', role: 'status' }, t('team.form.locked')) : null,
    );
  }

  fill(el, field(t('team.code'), input, t('team.code.hint')), err, status);
  draw();
  return { el, draw, onChange: (fn) => (changed = fn) };
}
