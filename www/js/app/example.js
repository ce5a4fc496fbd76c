// The first run's illustrative assessment: invented, clearly marked, never a real place.
// Three respondents (codes, not names), who disagree on a few indicators on purpose.
import { create, withId, normalize } from './records.js';

// One digit per indicator in framework order, per respondent; '-' = not answered.
const ANSWERS = ['212111032303231121-213223221', '312211023313121211021231321-', '2134201332230202210012222202'];

/** The example under Model `F` (the current framework), its texts in `tr`'s language. */
export function example(tr, F) {
  const r = withId(create(F.ref, tr.t('example.unit')), 'example');
  r.example = true;
  r.input.date = '2026-01-15';
  r.respondentNames = ['A', 'B', 'C'];
  F.indicators.forEach((ind, i) => {
    r.input.scores[ind.id] = ANSWERS.map((s) => (/\d/.test(s[i] ?? '') ? Number(s[i]) : null));
  });
  const first = F.indicators[0]?.id;
  if (first) r.input.notes[first] = tr.t('example.note');
  return normalize(r);
}
