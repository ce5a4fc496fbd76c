// A team assessment on its results page (docs/team.md): who scored it, the answers of one
// assessor that conflict (kept until the user decides), which scores the results use (every
// assessor's pooled, or the agreed ones), how far the assessors agree (Krippendorff's alpha,
// the shares of pairs that agree) and what the consensus round agreed, with any dissent.
// Loaded with the first team assessment shown. `app`: the page's (tr, models, render).
import { h, fill, uid } from '../shared/dom.js';
import { answerCode } from '../shared/model.js';
import { title } from '../shared/results.js';
import { table } from '../shared/charts.js';
import * as store from './storage.js';
import { codes, conflicts, decide, decideSign, decideGroup, otherConflicts, setBasis, teamFile, answersOf } from './team-data.js';
import { teamAgreement } from './team-work.js';

/** Saves `rec` and draws the page again where it was. */
function saved(app, rec) {
  rec.updated = new Date().toISOString();
  store.put(rec);
  const y = scrollY;
  app.render(false);
  scrollTo(0, y);
}

/** A score as read: its anchor ("2 · Partial"), a reason given instead, or respondents' scores. */
export function scoreText(tr, F, id, v) {
  const { t, num, tx } = tr;
  if (v == null) return t('team.noscore');
  if (Array.isArray(v)) return v.filter((x) => x != null).map((x) => scoreText(tr, F, id, x)).join('; ');
  if (typeof v === 'object') return t(`form.reason.${answerCode(v)}`);
  const anchor = F.nodes.get(id)?.scale?.anchors?.find((a) => a.value === v);
  return anchor ? `${num(v, 0)} · ${tx(anchor.label)}` : num(v, 0);
}

/** An answer's evidence in words (its sources, date and confidence), or null. */
export function evidenceText(tr, e) {
  if (!e || typeof e !== 'object') return null;
  const { t } = tr;
  const src = [e.source ?? []].flat().map((x) => t(`team.src.${x}`));
  const parts = [src.join(', '), e.date ?? '', e.confidence ? t(`team.conf.${e.confidence}`) : ''].filter(Boolean);
  return parts.length ? t('team.evidence', { text: parts.join(' · ') }) : null;
}

/** One version of an answer: its score, note and evidence. */
function versionText(tr, F, id, v) {
  return [scoreText(tr, F, id, v.score), v.note ? `“${v.note}”` : null, evidenceText(tr, v.evidence)].filter(Boolean).join(' — ');
}

/** One version of a warning sign's answer: its status, date and note. */
function signText(tr, v) {
  return [tr.t(`signs.status.${v.status ?? 'none'}`), v.date ?? null, v.note ? `“${v.note}”` : null].filter(Boolean).join(' — ');
}

/** The answers of one assessor that conflict (to indicators, warning signs, groups' scores),
 * each with its versions and the decision. */
function conflictList(app, rec, F) {
  const { tr } = app;
  const { t } = tr;
  const list = [...conflicts(rec.input, F.indicators.map((i) => i.id)), ...otherConflicts(rec.input, rec.updated)];
  if (!list.length) return null;
  const signTitle = (id) => tr.tx(F.fw.context?.find((c) => c.id === id)?.title) || id;
  const item = ({ code, id, sign, group, versions }) => {
    const last = versions.length - 1;
    const label = (k) => (versions.length === 2 ? t(k === last ? 'team.keep.later' : 'team.keep.earlier') : t('team.keep'));
    const what = sign != null ? signTitle(sign) : group != null ? `${t('group.scoring', { name: group })} · ${title(F, tr, id)}` : title(F, tr, id);
    const text = (v) => (sign != null ? signText(tr, v) : group != null ? scoreText(tr, F, id, v.score) : versionText(tr, F, id, v));
    const keep = (v) => (sign != null ? decideSign(rec, code, sign, v) : group != null ? decideGroup(rec, code, group, id, v) : decide(rec, code, id, v));
    const key = sign != null ? `${code} sign ${sign}` : group != null ? `${code} group ${group} ${id}` : `${code} ${id}`;
    return h(
      'li',
      { class: 'conflict', 'data-conflict': key },
      h('p', {}, h('strong', {}, code), ' · ', what),
      h(
        'ol',
        {},
        versions.map((v, k) =>
          h(
            'li',
            { class: k === last ? 'proposed' : null, 'data-version': k },
            h('span', {}, text(v)),
            ' ',
            h('span', { class: 'muted small' }, t('team.edited', { when: tr.date(v.edited, true) }), k === last ? ` · ${t('team.proposed')}` : ''),
            ' ',
            h('button', { type: 'button', class: k === last ? 'primary' : null, 'data-keep': k === last ? 'later' : 'earlier', onclick: () => (keep(v), saved(app, rec)) }, label(k)),
          ),
        ),
      ),
    );
  };
  return h('section', { class: 'conflicts' }, h('h3', {}, t('team.conflicts', { n: list.length })), h('p', { class: 'small' }, t('team.conflicts.p')), h('ul', {}, list.map(item)));
}

/** The switch between the scores the results use: pooled (individual) or agreed. */
function basisSwitch(app, rec) {
  const { t } = app.tr;
  const a = rec.input;
  const name = uid('b');
  const n = Object.values(a.agreed ?? {}).filter((x) => x?.score != null).length;
  const opt = (value, text) =>
    h(
      'label',
      { class: 'pick' },
      h('input', { type: 'radio', name, value, 'data-basis': value, checked: (a.basis ?? 'individual') === value, onchange: () => (setBasis(rec, value), saved(app, rec)) }),
      text,
    );
  return h('fieldset', { class: 'basis' }, h('legend', {}, t('team.basis')), opt('individual', t('team.basis.individual')), opt('agreed', t('team.basis.agreed', { n })));
}

/** What the consensus round agreed, with each dissent. */
function agreedList(tr, F, a) {
  const { t } = tr;
  const ids = F.indicators.map((i) => i.id).filter((id) => a.agreed?.[id]?.score != null);
  if (!ids.length) return h('p', { class: 'muted' }, t('team.agreed.none'));
  return h(
    'ul',
    { class: 'agreed' },
    ids.map((id) => {
      const x = a.agreed[id];
      return h(
        'li',
        { 'data-agreed': id },
        `${title(F, tr, id)}: ${scoreText(tr, F, id, x.score)}`,
        x.dissent?.length ? h('ul', {}, x.dissent.map((d) => h('li', { class: 'dissent' }, t('team.dissent', { who: d.assessor, why: d.reason })))) : null,
      );
    }),
  );
}

/** How far the assessors agree, with Krippendorff's reading of alpha. */
export function agreementPart(tr, F, g) {
  const { t, num, pct } = tr;
  const share = (x) => (x == null ? t('score.none') : pct(x));
  const reading = g.alpha == null ? 'team.alpha.none' : g.alpha >= 0.8 ? 'team.alpha.good' : g.alpha >= 0.667 ? 'team.alpha.tentative' : 'team.alpha.care';
  const byCode = g.assessors;
  const rows = g.indicators
    .filter((x) => x.scores.length)
    .map((x) => {
      const of = new Map(x.scores);
      return [title(F, tr, x.id), ...byCode.map((c) => (of.has(c) ? num(of.get(c), of.get(c) % 1 ? 1 : 0) : '–')), share(x.exact), share(x.within_one), x.spread == null ? '–' : num(x.spread, 0)];
    });
  return [
    h(
      'dl',
      { class: 'agreement' },
      h('dt', {}, t('team.alpha')),
      h('dd', { 'data-alpha': g.alpha ?? '' }, g.alpha == null ? t('score.none') : num(g.alpha, 2)),
      h('dt', {}, t('team.exact')),
      h('dd', { 'data-exact': g.exact ?? '' }, share(g.exact)),
      h('dt', {}, t('team.within')),
      h('dd', { 'data-within': g.within_one ?? '' }, share(g.within_one)),
    ),
    h('p', { class: 'reading', 'data-reading': reading.slice(11) }, t(reading)),
    rows.length
      ? h('details', { class: 'alt' }, h('summary', {}, t('team.byindicator')), table(t('team.byindicator'), [t('team.indicator'), ...byCode, t('team.exact'), t('team.within'), t('team.spread')], rows, { cls: 'agreement-table' }))
      : null,
  ];
}

/** The agreement, once the worker has measured it. */
function agreement(app, rec, F) {
  const { t } = app.tr;
  const el = h('div', { class: 'agreement-part', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('team.measuring')));
  teamAgreement(teamFile(rec), F.arg).then(
    (g) => fill(el, agreementPart(app.tr, F, g)),
    (e) => fill(el, h('p', { class: 'muted' }, e.code === 'unavailable' ? t('team.unavailable') : e.message)),
  );
  return el;
}

/** The team section of record `rec`'s results (null for an assessment scored alone). */
export function teamSection(app, rec) {
  const { tr } = app;
  const { t } = tr;
  const a = rec.input;
  const F = app.models.of(rec);
  if (!F) return null;
  const all = codes(a);
  const answered = (c) => Object.keys(answersOf(a, c).scores).length;
  return h(
    'section',
    { class: 'team', id: 'team', 'aria-labelledby': 'team-h' },
    h('h2', { id: 'team-h' }, t('team.title')),
    h(
      'ul',
      { class: 'assessors' },
      all.map((c) => h('li', { 'data-assessor': c }, h('strong', {}, c), ' ', t('team.answered', { n: answered(c) }), c === a.assessor ? ` · ${t('team.you')}` : '')),
    ),
    conflictList(app, rec, F),
    basisSwitch(app, rec),
    h('h3', {}, t('team.agreement')),
    agreement(app, rec, F),
    h('h3', {}, t('team.agreed')),
    agreedList(tr, F, a),
    h('p', { class: 'noprint' }, h('a', { href: `#/workshop/${encodeURIComponent(rec.id)}`, class: 'btn', 'data-workshop': '' }, t('team.workshop.open'))),
  );
}
