// The consensus round of a team assessment (#/workshop/<id>, docs/team.md): the indicators the
// assessors disagree on most come first; for each, every assessor's score, note and evidence
// side by side with the spread; the facilitator records the agreed score (an anchor) and any
// dissent (who, and why). Every change is stored at once, as `agreed` in the record.
import { h, fill } from '../shared/dom.js';
import { title } from '../shared/results.js';
import * as store from './storage.js';
import { codes, answersOf, agree, teamFile, isTeam } from './team-data.js';
import { teamAgreement } from './team-work.js';
import { scoreText, evidenceText } from './team.js';

function save(rec) {
  rec.updated = new Date().toISOString();
  store.put(rec);
}

/** One indicator of the round (`x`: its agreement, from teamAgreement). */
function item(app, rec, F, x, no) {
  const { tr } = app;
  const { t, num, pct, tx } = tr;
  const id = x.id;
  const node = F.nodes.get(id);
  const el = h('section', { class: 'round', 'data-round': id, 'aria-labelledby': `w-${id}` });
  const a = rec.input;

  /** The agreed score and dissent as recorded (re-recorded at every change). */
  const entry = () => a.agreed?.[id];
  const record = (score, dissent) => (agree(rec, id, score, dissent), save(rec));

  function dissentRow(d, k) {
    const list = () => entry().dissent;
    const who = h(
      'select',
      { 'aria-label': t('team.dissent.who', { n: k + 1 }), 'data-dissent-who': k, onchange: (e) => ((list()[k].assessor = e.target.value), record(entry().score, list())) },
      codes(a).map((c) => h('option', { value: c, selected: c === d.assessor }, c)),
    );
    const why = h('textarea', {
      rows: 2,
      maxlength: 2000,
      'aria-label': t('team.dissent.why', { n: k + 1 }),
      'data-dissent-why': k,
      // Stored as typed: a reason is never lost, even if the tab is closed mid-sentence.
      oninput: (e) => ((list()[k].reason = e.target.value), record(entry().score, list())),
    });
    why.value = d.reason ?? '';
    const drop = h('button', { type: 'button', class: 'link', onclick: () => (record(entry().score, list().filter((_, j) => j !== k)), draw()) }, t('team.dissent.remove', { n: k + 1 }));
    return h('li', { class: 'dissent-row' }, who, why, drop);
  }

  function draw() {
    const cur = entry();
    const anchors = node?.scale?.anchors ?? [];
    fill(
      el,
      h('h2', { id: `w-${id}` }, h('span', { class: 'no' }, `${no}.`), ' ', title(F, tr, id)),
      node?.guidance ? h('p', { class: 'q' }, tx(node.guidance)) : null,
      h('p', { class: 'spread', 'data-spread': x.spread ?? '' }, t('team.round.spread', { spread: x.spread == null ? t('score.none') : num(x.spread, 0), exact: x.exact == null ? t('score.none') : pct(x.exact) })),
      h(
        'ul',
        { class: 'side' },
        codes(a).map((c) => {
          const y = answersOf(a, c);
          const v = y.scores[id];
          const note = y.notes[id];
          const ev = evidenceText(tr, y.evidence[id]);
          return h(
            'li',
            { 'data-assessor': c },
            h('strong', {}, c),
            h('span', { class: 'sc' }, scoreText(tr, F, id, v)),
            note ? h('p', { class: 'note' }, note) : null,
            ev ? h('p', { class: 'small muted' }, ev) : null,
          );
        }),
      ),
      h(
        'fieldset',
        { class: 'anchors' },
        h('legend', {}, t('team.round.agreed')),
        h(
          'div',
          { class: 'choices' },
          anchors.map((an) =>
            h(
              'button',
              {
                type: 'button',
                'aria-pressed': String(cur?.score === an.value),
                class: cur?.score === an.value ? 'ch on' : 'ch',
                'data-agree': an.value,
                onclick: () => (record(an.value, cur?.dissent ?? []), draw()),
              },
              h('b', { class: 'v' }, num(an.value, 0)),
              h('span', {}, tx(an.label)),
            ),
          ),
        ),
        cur ? h('p', { class: 'small muted', 'data-recorded': cur.recorded }, t('team.round.recorded', { when: tr.date(cur.recorded, true) })) : null,
      ),
      cur
        ? h(
            'div',
            { class: 'dissents' },
            h('h3', {}, t('team.round.dissent')),
            cur.dissent?.length ? h('ol', {}, cur.dissent.map(dissentRow)) : h('p', { class: 'muted small' }, t('team.round.nodissent')),
            h(
              'button',
              {
                type: 'button',
                'data-dissent-add': '',
                onclick: () => {
                  // The first assessor whose own score is not the agreed one, as a start.
                  const first = codes(a).find((c) => answersOf(a, c).scores[id] !== cur.score) ?? codes(a)[0];
                  record(cur.score, [...(cur.dissent ?? []), { assessor: first, reason: '' }]);
                  draw();
                  el.querySelector(`[data-dissent-why="${entry().dissent.length - 1}"]`)?.focus();
                },
              },
              t('team.round.adddissent'),
            ),
          )
        : null,
    );
  }

  draw();
  return el;
}

/** The consensus round of assessment `id` (null when there is none). */
export function workshopView(app, id) {
  const rec = store.get(id);
  if (!rec) return null;
  const { tr } = app;
  const { t } = tr;
  const F = app.models.of(rec);
  const list = h('div', { class: 'rounds', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('team.measuring')));
  if (!F || !isTeam(rec.input)) fill(list, h('p', { class: 'empty' }, t('team.round.none')));
  else
    teamAgreement(teamFile(rec), F.arg).then(
      (g) => {
        const rows = new Map(g.indicators.map((x) => [x.id, x]));
        fill(list, g.by_disagreement.length ? g.by_disagreement.map((i, k) => item(app, rec, F, rows.get(i), k + 1)) : h('p', { class: 'empty' }, t('team.round.none')));
        list.dataset.ready = '';
      },
      (e) => fill(list, h('p', { role: 'alert' }, e.code === 'unavailable' ? t('team.unavailable') : e.message)),
    );
  const el = h(
    'article',
    { class: 'workshop' },
    h('h1', { tabindex: -1 }, t('team.workshop.title')),
    h('p', { class: 'muted' }, rec.input.unit || t('unit.untitled')),
    h('p', {}, t('team.workshop.p')),
    h('p', {}, h('a', { href: `#/r/${encodeURIComponent(rec.id)}`, class: 'btn' }, t('team.workshop.back'))),
    list,
  );
  return { el, title: t('team.workshop.title'), leave: () => store.flush() };
}
