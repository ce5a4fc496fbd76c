// The assessment form, generated from the framework: one section per pillar, each indicator
// with its question, guidance, five anchors as choices, "not scored" and a note. Every change
// is stored at once and re-scored live.
import { h, uid, fill } from '../shared/dom.js';
import { t, tx, num } from './lang.js';
import * as engine from './frameworks.js';
import * as store from './storage.js';
import * as M from './records.js';
import { live, scoreOf } from './results.js';
import { toast, field } from './ui.js';

export function assessView(id, q) {
  const rec = store.get(id);
  if (!rec) return null;
  const a = rec.input;
  // The form of the framework the assessment was made under: its answers were given against
  // those anchors (an unknown framework cannot be scored; the current form stands in).
  const F = engine.frameworkOf(rec) ?? engine.current;
  let active = 0; // the respondent whose answers the choices show
  let result = null;
  const aside = h('aside', { class: 'live', 'aria-label': t('result.title') });
  const mini = h('div', { class: 'mini', 'aria-hidden': 'true' });
  const progress = new Map(); // pillar id → [elements showing its progress]
  const who = new Map(); // indicator id → element listing respondents' answers

  const title = h('h1', { tabindex: -1 }, a.unit || t('unit.untitled'));
  // Every control here holds assessment text: autocomplete="off" (dom.js's default) keeps the
  // browser from saving it in its session files.
  const unit = h('input', { type: 'text', name: 'unit', value: a.unit ?? '', autocomplete: 'off', maxlength: 200 });
  // A date field, or a text field for an assessment dated by a year or a month (imported figures).
  const when = h('input', { type: /^\d{4}(-\d\d)?$/.test(a.date) ? 'text' : 'date', name: 'date', value: a.date ?? '' });
  const resp = h('div', { class: 'resp' });

  function changed() {
    M.touch(rec);
    store.put(rec);
  }

  function rescore() {
    const t0 = performance.now();
    result = scoreOf(rec);
    fill(aside, ...live(result, rec));
    const dis = new Set(result?.warnings.filter((w) => w.code === 'disagreement').map((w) => w.node));
    for (const [iid, el] of who) showWho(iid, el, dis.has(iid));
    for (const p of F.pillars) {
      const ids = F.under.get(p.id);
      const k = ids.filter((i) => M.scored(a.scores[i.id])).length;
      for (const el of progress.get(p.id)) el.textContent = t('form.progress', { k, n: ids.length });
    }
    const done = F.indicators.filter((i) => M.scored(a.scores[i.id])).length;
    fill(mini, 
      h('span', { class: 'big' }, result?.overall.score == null ? t('score.none') : num(result.overall.score)),
      h('span', {}, t('form.progress', { k: done, n: F.indicators.length })),
      h('a', { href: `#/r/${encodeURIComponent(rec.id)}`, tabindex: -1 }, t('result.full')),
    );
    performance.measure('rescore', { start: t0 });
    document.documentElement.dataset.scored = String(performance.now());
  }

  function showWho(iid, el, disagree) {
    if (!M.multi(rec)) return el.replaceChildren();
    const n = result?.nodes[iid];
    // Redrawn only when what it shows changed: one answer changes one indicator.
    const key = JSON.stringify([rec.respondentNames, rec.input.scores[iid], active, disagree, n?.value, n?.spread]);
    if (el.dataset.key === key) return;
    el.dataset.key = key;
    el.classList.toggle('disagree', disagree);
    fill(el, 
      h(
        'ul',
        { class: 'chips', 'aria-label': t('form.answers') },
        rec.respondentNames.map((name, k) => {
          const v = M.getScore(rec, iid, k);
          const shown = v == null ? '–' : typeof v === 'object' ? t(`form.reason.${M.answerCode(v)}`) : num(v, 0);
          return h('li', { class: k === active ? 'on' : null }, `${name || t('resp.default', { n: k + 1 })}: ${shown}`);
        }),
      ),
      n?.respondents > 1 ? h('span', {}, t('form.spread', { v: num(n.value, 1), spread: num(n.spread, 0) })) : null,
      disagree ? h('strong', { class: 'warn' }, t('form.disagree')) : null,
    );
  }

  /** Puts every choice in line with the active respondent's answers. */
  function syncChoices() {
    for (const i of F.indicators) {
      const v = M.getScore(rec, i.id, active);
      const el = form.querySelector(`input[name="s-${CSS.escape(i.id)}"][value="${M.answerCode(v)}"]`);
      if (el) el.checked = true;
    }
  }

  function respondents() {
    const names = rec.respondentNames;
    const add = h('button', { type: 'button', onclick: () => (M.addRespondent(rec), (active = rec.respondentNames.length - 1), respChanged()) }, t('resp.add'));
    if (!names) return fill(resp, h('p', { class: 'muted' }, t('resp.single')), add);
    const group = uid('r');
    fill(resp, 
      h(
        'fieldset',
        {},
        h('legend', {}, t('resp.legend')),
        h('p', { class: 'hint' }, t('resp.hint')),
        h(
          'ol',
          {},
          names.map((name, k) =>
            h(
              'li',
              {},
              h(
                'label',
                { class: 'pick' },
                h('input', { type: 'radio', name: group, checked: k === active, onchange: () => ((active = k), syncChoices(), rescore()) }),
                t('resp.default', { n: k + 1 }),
              ),
              h('input', {
                type: 'text',
                value: name,
                'aria-label': t('resp.name', { n: k + 1 }),
                placeholder: t('resp.placeholder', { n: k + 1 }),
                autocomplete: 'off',
                maxlength: 80,
                oninput: (e) => ((rec.respondentNames[k] = e.target.value), changed(), rescore()),
              }),
              names.length > 1
                ? h('button', { type: 'button', class: 'link', onclick: () => dropRespondent(k) }, t('resp.remove', { n: k + 1 }))
                : null,
            ),
          ),
        ),
        add,
      ),
    );
  }

  function dropRespondent(k) {
    const before = structuredClone(rec);
    M.removeRespondent(rec, k);
    active = Math.min(active, rec.respondentNames.length - 1);
    respChanged();
    toast(t('resp.removed', { n: k + 1 }), {
      label: t('undo'),
      run: () => {
        Object.assign(rec, before);
        respChanged();
      },
    });
  }

  function respChanged() {
    changed();
    respondents();
    syncChoices();
    rescore();
  }

  const indicatorBlock = (i, no) => {
    const qid = uid('q');
    const name = `s-${i.id}`;
    const choice = (value, ...text) =>
      h('label', { class: 'ch' }, h('input', { type: 'radio', name, value }), ...text);
    const w = h('div', { class: 'who', 'aria-live': 'off' });
    who.set(i.id, w);
    return h(
      'fieldset',
      { class: 'ind', id: `i-${i.id}`, 'aria-describedby': qid },
      h('legend', {}, h('span', { class: 'no' }, no), ' ', tx(i.title)),
      h('p', { class: 'def' }, tx(i.definition)),
      h('p', { class: 'q', id: qid }, tx(i.guidance)),
      h(
        'div',
        { class: 'choices' },
        (i.scale?.anchors || []).map((an) => choice(String(an.value), h('b', { class: 'v' }, num(an.value, 0)), h('span', {}, tx(an.label)))),
        // A reason instead of a score: "not applicable" leaves the indicator out of coverage.
        Object.keys(M.REASONS).map((code) => choice(code, h('span', { class: 'ns' }, t(`form.reason.${code}`)))),
        choice('', h('span', { class: 'ns' }, t('form.notscored'))),
      ),
      w,
      field(
        t('form.note'),
        h('textarea', { name: `n-${i.id}`, rows: 2, maxlength: 5000 }, a.notes[i.id] ?? ''),
      ),
    );
  };

  // Plain anchors would change the route: scroll the pillar into view instead.
  const nav = h('ol', {
    onclick: (e) => {
      const j = e.target.closest('[data-jump]');
      if (!j) return;
      e.preventDefault();
      const sec = document.getElementById(j.dataset.jump);
      sec.scrollIntoView();
      sec.querySelector('input')?.focus({ preventScroll: true });
    },
  });
  const form = h(
    'form',
    { class: 'sheet', onsubmit: (e) => e.preventDefault() },
    F.pillars.map((p, pi) => {
      const pr = h('span', { class: 'prog' });
      const jump = h('span', { class: 'prog' });
      progress.set(p.id, [pr, jump]);
      nav.append(h('li', {}, h('a', { href: `#p-${p.id}`, 'data-jump': `p-${p.id}` }, tx(p.title), ' ', jump)));
      return h(
        'section',
        { class: 'pillar', id: `p-${p.id}`, 'aria-labelledby': `h-${p.id}` },
        h('h2', { id: `h-${p.id}` }, tx(p.title), ' ', pr),
        h('p', { class: 'muted' }, tx(p.description)),
        F.under.get(p.id).map((i, k) => indicatorBlock(i, `${pi + 1}.${k + 1}`)),
      );
    }),
  );
  form.addEventListener('change', (e) => {
    const el = e.target;
    if (!el.name?.startsWith('s-')) return;
    M.setScore(rec, el.name.slice(2), active, M.answerOf(el.value));
    changed();
    rescore();
  });
  form.addEventListener('input', (e) => {
    const el = e.target;
    if (!el.name?.startsWith('n-')) return;
    if (el.value) a.notes[el.name.slice(2)] = el.value;
    else delete a.notes[el.name.slice(2)];
    changed();
  });
  unit.addEventListener('input', () => {
    a.unit = unit.value;
    title.textContent = a.unit || t('unit.untitled');
    changed();
  });
  when.addEventListener('input', () => {
    a.date = when.value;
    changed();
    rescore();
  });

  respondents();
  const el = h(
    'div',
    { class: 'assess' },
    h(
      'div',
      { class: 'formcol' },
      title,
      rec.example ? h('p', { class: 'notice' }, t('example.notice')) : null,
      h('div', { class: 'meta' }, field(t('form.unit'), unit, t('form.unit.hint')), field(t('form.date'), when)),
      resp,
      h('nav', { class: 'jump', 'aria-label': t('form.pillars') }, nav),
      form,
    ),
    aside,
    mini,
  );
  syncChoices();
  rescore();
  return {
    el,
    title: t('title.assess'), // never the unit's name: the browser keeps titles (app.js)
    focus: q.has('rename') ? unit : null,
    leave: () => store.flush(),
  };
}
