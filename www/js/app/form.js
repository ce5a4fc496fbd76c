// The assessment form, generated from the framework the assessment was made under: one section
// per pillar, each indicator with its question, guidance, five anchors as choices, reasons
// instead of a score, "not scored", a note (shared/form.js, the embed's too) and the evidence
// (evidence.js); then the warning signs and triggers (signs.js); the respondents
// (several people answering the same form); the short results beside it, re-scored on every
// change. Every change is stored at once.
import { h, uid, fill, field } from '../shared/dom.js';
import { answerCode, answerOf, partialDate } from '../shared/model.js';
import { indicatorBlock } from '../shared/form.js';
import * as store from './storage.js';
import * as M from './records.js';
import { live } from './results.js';
import { groupPicker, scoringFor } from './groups.js';
import { assessorField } from './assessor.js';
import { edited } from './team-data.js';
import { toast } from './ui.js';
import { evidenceRow } from './evidence.js';
import { signsSection } from './signs.js';

/** The assessment page of record `id` (null when there is none). The form is that of the
 * framework the assessment was made under: its answers were given against those anchors (an
 * unknown framework cannot be scored; the current form stands in). */
export function assessView(app, id, q) {
  const rec = store.get(id);
  if (!rec) return null;
  const { t } = app.tr;
  // What every part below shares: the record, its framework, the respondent whose answers the
  // choices show, the last result; `redraw(what)` after a change (see wire()).
  const s = { app, rec, F: app.models.of(rec) ?? app.models.current, active: 0, group: null, result: null };
  const head = header(s);
  const resp = respondents(s);
  const groups = groupPicker(s, toast);
  const sheet = indicators(s);
  const code = assessorField(s, sheet.form);
  const results = liveResults(s, sheet);
  wire(s, { head, resp, groups, sheet, results });
  code.onChange(() => (save(rec), sheet.sync(), results.rescore()));
  const el = h(
    'div',
    { class: 'assess' },
    h(
      'div',
      { class: 'formcol' },
      head.title,
      rec.example ? h('p', { class: 'notice' }, t('example.notice')) : null,
      head.meta,
      code.el,
      resp.el,
      groups.el,
      sheet.nav,
      sheet.form,
    ),
    results.aside,
    results.mini,
  );
  sheet.sync();
  results.rescore();
  return {
    el,
    title: t('title.assess'), // never the unit's name: the browser keeps titles (app.js)
    focus: q.has('rename') ? head.unit : at(sheet.form, q),
    leave: () => store.flush(),
  };
}

/** Where a link into the form points: the warning signs (?s=signs), or an indicator (?i=id),
 * its evidence opened. */
function at(form, q) {
  const sec = q.get('s') === 'signs' ? form.querySelector('#p-signs') : q.has('i') && form.querySelector(`[id="i-${CSS.escape(q.get('i'))}"]`);
  if (!sec) return null;
  requestAnimationFrame(() => bringIn(sec));
  if (sec.id === 'p-signs') return sec.querySelector('h2');
  const ev = sec.querySelector('details.evidence');
  if (ev) ev.open = true;
  return sec.querySelector('input:checked') ?? sec.querySelector('input');
}

/** Scrolls `el` to the top of the view, and again while the indicators around it come into
 * layout and move it (content-visibility guesses their height until they are drawn), until it
 * stays put for a few frames (`data-settling` until then). Any touch, click, wheel or key of
 * the user's ends it at once: the page never moves under their hand. */
const INPUT = ['pointerdown', 'wheel', 'touchstart', 'keydown'];
function bringIn(el) {
  let frames = 0;
  let still = 0;
  const stop = () => {
    frames = Infinity;
    for (const e of INPUT) removeEventListener(e, stop, true);
    delete el.dataset.settling;
  };
  const settle = () => {
    if (frames === Infinity) return;
    if (Math.abs(el.getBoundingClientRect().top) > 80) (el.scrollIntoView(), (still = 0));
    else still++;
    if (++frames < 40 && still < 4) requestAnimationFrame(settle);
    else stop();
  };
  for (const e of INPUT) addEventListener(e, stop, true);
  el.dataset.settling = '';
  settle();
}

/** The record changed: stamped and written. */
function save(rec) {
  M.touch(rec);
  store.put(rec);
}

/** The page's title (the unit's name) and the unit and date fields. */
function header({ app, rec }) {
  const { t } = app.tr;
  const a = rec.input;
  const title = h('h1', { tabindex: -1 }, a.unit || t('unit.untitled'));
  // Every control here holds assessment text: autocomplete="off" (dom.js's default) keeps the
  // browser from saving it in its session files.
  const unit = h('input', { type: 'text', name: 'unit', value: a.unit ?? '', autocomplete: 'off', maxlength: 200 });
  // A date field, or a text field for an assessment dated by a year or a month (imported figures).
  const when = h('input', { type: partialDate(a.date) ? 'text' : 'date', name: 'date', value: a.date ?? '' });
  const meta = h('div', { class: 'meta' }, field(t('form.unit'), unit, t('form.unit.hint')), field(t('form.date'), when));
  return { title, unit, when, meta };
}

/** The respondents: one (the default), or several named ones, of whom one is active (the
 * choices show and set that respondent's answers). After any change here, the function given
 * to onChange() hears which: 'set' (added, removed, restored), 'pick' (another one active) or
 * 'name' (a name typed). */
function respondents(s) {
  const { rec } = s;
  const { t } = s.app.tr;
  const el = h('div', { class: 'resp' });
  let changed = () => {};

  function draw() {
    const names = rec.respondentNames;
    const add = h('button', { type: 'button', onclick: () => (M.addRespondent(rec), (s.active = rec.respondentNames.length - 1), changed('set')) }, t('resp.add'));
    if (!names) return fill(el, h('p', { class: 'muted' }, t('resp.single')), add);
    const group = uid('r');
    const item = (name, k) =>
      h(
        'li',
        {},
        h(
          'label',
          { class: 'pick' },
          h('input', { type: 'radio', name: group, checked: k === s.active, onchange: () => ((s.active = k), changed('pick')) }),
          t('resp.default', { n: k + 1 }),
        ),
        h('input', {
          type: 'text',
          value: name,
          'aria-label': t('resp.name', { n: k + 1 }),
          placeholder: t('resp.placeholder', { n: k + 1 }),
          autocomplete: 'off',
          maxlength: 80,
          oninput: (e) => ((rec.respondentNames[k] = e.target.value), changed('name')),
        }),
        names.length > 1 ? h('button', { type: 'button', class: 'link', onclick: () => drop(k) }, t('resp.remove', { n: k + 1 })) : null,
      );
    fill(el, h('fieldset', {}, h('legend', {}, t('resp.legend')), h('p', { class: 'hint' }, t('resp.hint')), h('ol', {}, names.map(item)), add));
  }

  function drop(k) {
    const before = structuredClone(rec);
    M.removeRespondent(rec, k);
    s.active = Math.min(s.active, rec.respondentNames.length - 1);
    changed('set');
    toast(s.app.tr, t('resp.removed', { n: k + 1 }), { label: t('undo'), run: () => (Object.assign(rec, before), changed('set')) });
  }

  draw();
  return { el, draw, onChange: (fn) => (changed = fn) };
}

/** The form proper: a section per pillar, with its progress, and the bar of jumps to them. */
function indicators(s) {
  const { rec, F } = s;
  const { tr } = s.app;
  const progress = new Map(); // pillar id → [elements showing its progress]
  const who = new Map(); // indicator id → element listing respondents' answers
  // Plain anchors would change the route: scroll the pillar into view instead.
  const nav = h('ol', {
    onclick: (e) => {
      const j = e.target.closest('[data-jump]');
      if (!j) return;
      e.preventDefault();
      const sec = document.getElementById(j.dataset.jump);
      bringIn(sec);
      sec.querySelector('input')?.focus({ preventScroll: true });
    },
  });
  const block = (i, no) => {
    const w = h('div', { class: 'who', 'aria-live': 'off' });
    who.set(i.id, w);
    const fs = indicatorBlock(i, no, tr, { names: { score: `s-${i.id}`, note: `n-${i.id}` }, who: w, note: rec.input.notes[i.id] ?? '', attrs: { id: `i-${i.id}` } });
    fs.append(evidenceRow(rec, i, tr));
    return fs;
  };
  const form = h(
    'form',
    { class: 'sheet', onsubmit: (e) => e.preventDefault() },
    F.pillars.map((p, pi) => {
      const pr = h('span', { class: 'prog' });
      const jump = h('span', { class: 'prog' });
      progress.set(p.id, [pr, jump]);
      nav.append(h('li', {}, h('a', { href: `#p-${p.id}`, 'data-jump': `p-${p.id}` }, tr.tx(p.title), ' ', jump)));
      return h(
        'section',
        { class: 'pillar', id: `p-${p.id}`, 'aria-labelledby': `h-${p.id}` },
        h('h2', { id: `h-${p.id}` }, tr.tx(p.title), ' ', pr),
        h('p', { class: 'muted' }, tr.tx(p.description)),
        F.under.get(p.id).map((i, k) => block(i, `${pi + 1}.${k + 1}`)),
      );
    }),
  );
  // The warning signs and triggers: a step of their own after the pillars (signs.js).
  const signs = signsSection(rec, F, tr);
  if (signs) {
    form.append(signs.el);
    nav.append(signs.nav);
  }
  /** Puts every choice in line with the active respondent's answers. */
  function sync() {
    for (const i of F.indicators) {
      const v = M.getScore(rec, i.id, s.active, s.group);
      const el = form.querySelector(`input[name="s-${CSS.escape(i.id)}"][value="${answerCode(v)}"]`);
      if (el) el.checked = true;
    }
  }
  return { form, nav: h('nav', { class: 'jump', 'aria-label': tr.t('form.pillars') }, nav), progress, who, sync };
}

/** The short results beside the form, the bar that keeps the overall index in view on a narrow
 * screen, the progress of each pillar and the respondents' answers under each indicator. */
function liveResults(s, sheet) {
  const { rec, F } = s;
  const { tr } = s.app;
  const { t, num } = tr;
  const aside = h('aside', { class: 'live', 'aria-label': t('result.title') });
  const mini = h('div', { class: 'mini', 'aria-hidden': 'true' });

  function showWho(iid, el, disagree) {
    if (!M.multi(rec)) return el.replaceChildren();
    const n = s.result?.nodes[iid];
    // Redrawn only when what it shows changed: one answer changes one indicator.
    const key = JSON.stringify([rec.respondentNames, M.scoresOf(rec, s.group)[iid], s.group, s.active, disagree, n?.value, n?.spread]);
    if (el.dataset.key === key) return;
    el.dataset.key = key;
    el.classList.toggle('disagree', disagree);
    const answer = (name, k) => {
      const v = M.getScore(rec, iid, k, s.group);
      const shown = v == null ? '–' : typeof v === 'object' ? t(`form.reason.${answerCode(v)}`) : num(v, 0);
      return h('li', { class: k === s.active ? 'on' : null }, `${name || t('resp.default', { n: k + 1 })}: ${shown}`);
    };
    fill(
      el,
      h('ul', { class: 'chips', 'aria-label': t('form.answers') }, rec.respondentNames.map(answer)),
      n?.respondents > 1 ? h('span', {}, t('form.spread', { v: num(n.value, 1), spread: num(n.spread, 0) })) : null,
      disagree ? h('strong', { class: 'warn' }, t('form.disagree')) : null,
    );
  }

  function rescore() {
    const t0 = performance.now();
    s.result = s.app.models.score(rec);
    fill(aside, ...live(s.app, s.result, rec));
    const dis = new Set(s.result?.warnings.filter((w) => w.code === 'disagreement').map((w) => w.node));
    for (const [iid, el] of sheet.who) showWho(iid, el, dis.has(iid));
    const pr = F.progress(M.scoresOf(rec, s.group));
    for (const [id, els] of sheet.progress) for (const el of els) el.textContent = t('form.progress', pr.pillars.get(id));
    fill(
      mini,
      h('span', { class: 'big' }, tr.score(s.result?.overall.score)),
      h('span', {}, t('form.progress', pr.all)),
      h('a', { href: `#/r/${encodeURIComponent(rec.id)}`, tabindex: -1 }, t('result.full')),
    );
    performance.measure('rescore', { start: t0 });
    document.documentElement.dataset.scored = String(performance.now());
  }

  return { aside, mini, rescore };
}

/** What each change does: stored at once, and re-scored where the scores can change. */
function wire(s, { head, resp, groups, sheet, results }) {
  const { rec } = s;
  const a = rec.input;
  const { t } = s.app.tr;
  resp.onChange((kind) => {
    if (kind !== 'pick') save(rec); // another respondent shown changes nothing stored
    if (kind === 'set') resp.draw(); // (not while a name is typed: its field keeps the focus)
    if (kind !== 'name') sheet.sync();
    results.rescore();
  });
  // Groups: the same, and the line saying whose experience the choices are for.
  const forWhom = scoringFor(s);
  sheet.nav.prepend(forWhom.el);
  groups.onChange((kind) => {
    if (kind !== 'pick') save(rec);
    if (kind === 'set') groups.draw();
    if (kind !== 'name') sheet.sync();
    forWhom.update();
    results.rescore();
  });
  sheet.form.addEventListener('change', (e) => {
    const el = e.target;
    if (!el.name?.startsWith('s-')) return;
    M.setScore(rec, el.dataset.ind, s.active, answerOf(el.value), s.group);
    if (s.group == null) edited(rec, el.dataset.ind); // when each answer was edited (team-data.js)
    save(rec);
    results.rescore();
  });
  // Evidence and warning signs (evidence.js, signs.js): they change the record themselves.
  sheet.form.addEventListener('record-change', () => (save(rec), results.rescore()));
  sheet.form.addEventListener('input', (e) => {
    const el = e.target;
    if (!el.name?.startsWith('n-')) return;
    if (el.value) a.notes[el.dataset.note] = el.value;
    else delete a.notes[el.dataset.note];
    edited(rec, el.dataset.note);
    save(rec);
  });
  head.unit.addEventListener('input', () => {
    a.unit = head.unit.value;
    head.title.textContent = a.unit || t('unit.untitled');
    save(rec);
  });
  head.when.addEventListener('input', () => {
    a.date = head.when.value;
    save(rec);
    results.rescore();
  });
}
