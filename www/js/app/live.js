// The short results beside the form (live), redrawn on every change, and what the results page
// (results.js, loaded on use) shares with them. The parts they are made of are the embed's too
// (shared/results.js). `app` is what the shell gives every page: the translator `tr` and the
// frameworks `models`.
import { h } from '../shared/dom.js';
import { answered } from '../shared/model.js';
import { alarms, overall, diamond, pillarList, weakest, redFlags, warnings } from '../shared/results.js';
import { refOf } from './frameworks.js';
import { earlyWarning, signsPresent } from './warning.js';

let analysis = null; // analysis.js: loaded once the first page is drawn and scored (app.settled)

/** Where a warning, an alarm, a red flag or a reform item about an indicator of record `id`
 * leads: its question in the form (form.js opens it and scrolls to it). */
export const toQuestion = (id) => (ind) => `#/a/${encodeURIComponent(id)}?i=${encodeURIComponent(ind)}`;

/** The analysis of assessment `id` (see analysis.js's slot); until its module is in, an empty
 * section that it replaces. Its module (with every page loaded on use, later.js: 80 KB to
 * compile and run) is asked for once the first page is drawn and scored, not while it is drawn. */
export function slot(app, id, full) {
  if (analysis) return analysis.slot(app, id, full);
  const el = h('section', { class: 'analysis', 'aria-live': 'polite' });
  Promise.resolve(app.settled).then(() => import('./analysis.js')).then((m) => {
    analysis = m;
    if (el.isConnected) el.replaceWith(m.slot(app, id, full));
  });
  return el;
}

/** Why a record has no result: a framework this app does not have, or invalid answers. */
export function unscored(app, rec) {
  const { t } = app.tr;
  if (!app.models.scoring()) return h('p', { class: 'empty' }, t('result.loading'));
  if (app.models.of(rec)) return h('p', { role: 'alert' }, t('result.invalid'));
  const f = refOf(rec);
  return h('p', { role: 'alert', class: 'unknown-framework' }, t('result.unknownframework', { id: f.id, v: f.version }));
}

/** "Scored with framework version X" where X is not the current version, with what changed. */
export function scoredWith(app, rec) {
  const { t } = app.tr;
  const f = refOf(rec);
  if (app.models.isCurrent(f) || !app.models.of(rec)) return null;
  return h(
    'p',
    { class: 'notice scored-with', 'data-version': f.version },
    t('result.scoredwith', { v: f.version, current: app.models.current.ref.version }),
    ' ',
    h('a', { href: '#/help?s=versions' }, t('result.whatchanged')),
  );
}

/** The short results beside the form, redrawn on every change (r: the result of record `rec`). */
export function live(app, r, rec) {
  if (!r) return [unscored(app, rec)];
  const { tr } = app;
  const F = app.models.of(rec);
  const id = rec.id;
  const link = toQuestion(id);
  // Before the first answer there is nothing to say: no band, no warnings, no reform list; but
  // a warning sign present with no pillar scored is already an alert.
  if (!answered(r, F.indicators).k)
    return [h('h2', {}, tr.t('result.title')), earlyWarning(r, F, tr, { level: 3 }), signsPresent(r, F, tr, { quiet: true }), h('p', { class: 'empty' }, tr.t('result.empty'))].filter((x) => x != null);
  return [
    h('h2', {}, tr.t('result.title')),
    scoredWith(app, rec),
    earlyWarning(r, F, tr, { level: 3 }),
    alarms(r, F, tr, { link }),
    overall(r, F, tr),
    signsPresent(r, F, tr, { quiet: true }),
    slot(app, id),
    diamond(r, F, tr),
    pillarList(r, F, tr),
    weakest(r, F, tr),
    ...redFlags(r, F, tr, { link }),
    ...warnings(r, F, tr, { link }),
    h('p', { class: 'notrisk small' }, tr.t('result.notrisk')),
    h('p', {}, h('a', { href: `#/r/${encodeURIComponent(id)}`, class: 'btn' }, tr.t('result.full'))),
  ].filter((x) => x != null); // spread into replaceChildren(), where null would be the text "null"
}
