// The assessment form, generated from the framework the assessment was made under: one section
// per pillar, each indicator with its question, guidance, five anchors as choices, reasons
// instead of a score, "not scored", a note (shared/form.js, the embed's too) and the evidence
// (evidence.js); then the warning signs and triggers (signs.js); the respondents (several
// people answering the same form), the groups (as experienced by whom); the short results beside it, re-scored on every
// change. Every change is stored at once. On a phone the form is long (28 questions of a screen
// or more): a bar stays on top with the pillar in view and the respondent whose answers are
// shown (both to switch), answered questions open folded to their answer, and what the results
// say about an indicator leads to its question. The default framework's first part has the
// first pillar's questions only (tools/frameworks.mjs): the others, and the warning signs, are
// drawn when their texts come (Model.texts(); at once when they are in, as on any later visit).
import { h, uid, fill, field } from '../shared/dom.js';
import { answerCode, answerOf, partialDate, isDate } from '../shared/model.js';
import { indicatorBlock } from '../shared/form.js';
import * as store from './storage.js';
import * as M from './records.js';
import { live } from './live.js';
import { groupPicker, scoringFor } from './groups.js';
import { assessorField } from './assessor.js';
import { edited, groupEdited } from './team-own.js';
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
  // choices show (the one shown last time), the last result (see wire()).
  const s = { app, rec, F: app.models.of(rec) ?? app.models.current, active: lastActive(rec), group: null, result: null };
  const head = header(s);
  const resp = respondents(s);
  const groups = groupPicker(s, toast);
  const sheet = indicators(s, q);
  const code = assessorField(s, sheet.form);
  const results = liveResults(s, sheet);
  wire(s, { head, resp, groups, sheet, results });
  // A new code may bring the answers another device gave under it: the form is drawn again.
  code.onChange(() => (save(rec), app.render(false), document.querySelector('input[name=assessor]')?.focus()));
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
      sheet.bar,
      sheet.form,
    ),
    results.aside,
    results.mini,
  );
  sheet.sync();
  sheet.foldAnswered();
  results.rescore();
  // The other pillars' questions, drawn a task later, or once their texts are in: in line with
  // the answers, and with their respondents' answers (what is drawn already is left as it is);
  // scored again when their texts came only now (the results name their indicators). A link to
  // one of them opens it then.
  const textsIn = s.F.complete;
  const complete = sheet.complete.then((added) => {
    head.picker();
    if (!added) return;
    if (textsIn) results.who();
    else results.rescore();
    if (!focused && el.isConnected) at(sheet, q)?.focus();
  });
  // A link to a question of this assessment (a warning, an alarm, a reform item…) opens it here.
  el.addEventListener('click', (e) => {
    const a = e.target.closest('a[data-ind]');
    if (!a || !a.getAttribute('href').startsWith(`#/a/${encodeURIComponent(rec.id)}?`)) return;
    e.preventDefault();
    at(sheet, new URLSearchParams({ i: a.dataset.ind }))?.focus();
  });
  const focused = q.has('rename') ? head.unit : at(sheet, q);
  return {
    el,
    title: t('title.assess'), // never the unit's name: the browser keeps titles (app.js)
    focus: focused,
    complete, // resolves once every question is drawn (app.js: the mark 'complete')
    leave: () => (sheet.stop(), store.flush()),
    rescore: results.rescore, // (the shell, when the engine comes in after the first draw)
  };
}

/** Where a link into the form points: the warning signs (?s=signs), or an indicator (?i=id),
 * opened (unfolded) with its evidence. Returns what to focus. */
function at(sheet, q) {
  const { form } = sheet;
  const sec = q.get('s') === 'signs' ? form.querySelector('#p-signs') : q.has('i') && form.querySelector(`[id="i-${CSS.escape(q.get('i'))}"]`);
  if (!sec) return null;
  if (sec.id !== 'p-signs') sheet.open(q.get('i'));
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

/** The respondent shown last in this tab for each assessment: reopening one shows the same. */
const shownLast = new Map();
function lastActive(rec) {
  let k = shownLast.get(rec.id);
  if (k == null) {
    try {
      k = JSON.parse(sessionStorage.getItem('resilience.respondent') || '{}')[rec.id];
    } catch {
      /* not kept: the first respondent */
    }
  }
  return Number.isInteger(k) && k > 0 && k < (rec.respondentNames?.length ?? 1) ? k : 0;
}
function keepActive(rec, k) {
  shownLast.set(rec.id, k);
  try {
    // An index by the assessment's random id: nothing of its content.
    sessionStorage.setItem('resilience.respondent', JSON.stringify(Object.fromEntries(shownLast)));
  } catch {
    /* kept for this page only */
  }
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
  // Drawn as text, and made a date field with its picker once the first screen is up (picker()):
  // a page's first date field costs 15–20 ms (the browser loads its calendar's locale data),
  // which the first screen then no longer waits for.
  const when = h('input', { type: 'text', name: 'date', value: a.date ?? '' });
  const meta = h('div', { class: 'meta' }, field(t('form.unit'), unit, t('form.unit.hint')), field(t('form.date'), when));
  // (Not while it is being typed in, nor when it holds what a date field would clear.)
  const picker = () => {
    const v = when.value;
    if (document.activeElement !== when && (v === '' || (isDate(v) && !partialDate(v)))) when.type = 'date';
  };
  return { title, unit, when, meta, picker };
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
          class: 'code',
          value: name,
          'aria-label': t('resp.name', { n: k + 1 }),
          placeholder: t('resp.placeholder', { n: k + 1 }),
          autocomplete: 'off',
          maxlength: 80,
          oninput: (e) => ((rec.respondentNames[k] = e.target.value), changed('name')),
        }),
        names.length > 1 ? h('button', { type: 'button', class: 'link', 'aria-label': t('resp.remove', { n: k + 1 }), onclick: () => drop(k) }, t('resp.removeshort')) : null,
      );
    fill(el, h('fieldset', {}, h('legend', {}, t('resp.legend')), h('p', { class: 'hint' }, t('resp.hint')), h('ol', {}, names.map(item)), add));
  }

  /** The active respondent marked, without drawing again (the focus stays where it is). */
  function mark() {
    el.querySelectorAll('.pick input').forEach((r, k) => (r.checked = k === s.active));
  }

  function drop(k) {
    const before = structuredClone(rec);
    M.removeRespondent(rec, k);
    s.active = Math.min(s.active, rec.respondentNames.length - 1);
    changed('set');
    toast(s.app.tr, t('resp.removed', { n: k + 1 }), { label: t('undo'), run: () => (Object.assign(rec, before), changed('set')) });
  }

  draw();
  return { el, draw, mark, pick: () => changed('pick'), onChange: (fn) => (changed = fn) };
}

/** How many pillars' questions are drawn with the page: the first, or every one up to the one a
 * link (`q`) points into (so that nothing drawn later above it moves it), or all of them for a
 * link to the warning signs, which come after them. The others come a task later (indicators()):
 * on a slow phone the first screen is up one long task sooner. */
function drawnAtOnce(F, q) {
  if (q.get('s') === 'signs') return F.pillars.length;
  const id = q.get('i');
  return Math.max(1, F.pillars.findIndex((p) => F.under.get(p.id).some((i) => i.id === id)) + 1);
}

/** The form proper: a section per pillar with its progress; the bar that stays on top, with the
 * pillar in view and the respondent shown (each a list to jump or switch); each question,
 * folded to its answer once answered. */
function indicators(s, q) {
  const { rec, F } = s;
  const { tr } = s.app;
  const { t, tx, num } = tr;
  const progress = new Map(); // pillar id → the element showing its progress
  const who = new Map(); // indicator id → element listing respondents' answers
  const blocks = new Map(); // indicator id → {el: its fieldset, chosen: its folded line}

  /** What the respondent shown answered to `i`, as the folded line says it. */
  const chosenText = (i) => {
    const v = M.getScore(rec, i.id, s.active, s.group);
    if (v == null) return '';
    if (typeof v === 'object') return t(`form.reason.${answerCode(v)}`);
    const an = (i.scale?.anchors || []).find((a) => a.value === v);
    return `${num(v, 0)} · ${an ? tx(an.label) : ''}`;
  };
  const block = (i, no) => {
    const w = h('div', { class: 'who', 'aria-live': 'off' });
    who.set(i.id, w);
    const el = indicatorBlock(i, no, tr, { names: { score: `s-${i.id}`, note: `n-${i.id}` }, who: w, note: rec.input.notes[i.id] ?? '', attrs: { id: `i-${i.id}` } });
    el.append(evidenceRow(rec, i, tr));
    const text = h('span', { class: 'lbl' });
    const chosen = h('button', { type: 'button', class: 'chosen', onclick: () => open(i.id)?.focus() }, text, h('span', { class: 'edit' }, t('form.change')));
    el.querySelector('legend').after(chosen);
    blocks.set(i.id, { el, chosen, text, i });
    return el;
  };
  /** Pillar `p`'s description and questions. */
  const questions = (p, pi) => [h('p', { class: 'muted' }, tx(p.description)), F.under.get(p.id).map((i, k) => block(i, `${pi + 1}.${k + 1}`))];
  // Pillar id → what stands for its questions until they are drawn: nothing, or a line saying
  // that they are loading while their texts are not in.
  const pending = new Map();
  const atOnce = drawnAtOnce(F, q);
  const form = h(
    'form',
    { class: 'sheet', onsubmit: (e) => e.preventDefault() },
    F.pillars.map((p, pi) => {
      const pr = h('span', { class: 'prog' });
      progress.set(p.id, pr);
      let body = null;
      if (pi < atOnce && F.shown(p)) body = questions(p, pi);
      else pending.set(p.id, (body = F.shown(p) ? h('div', { class: 'pending' }) : h('p', { class: 'muted pending', role: 'status' }, t('form.loading'))));
      return h('section', { class: 'pillar', id: `p-${p.id}`, 'aria-labelledby': `h-${p.id}` }, h('h2', { id: `h-${p.id}` }, tx(p.title), ' ', pr), body);
    }),
  );

  const bar = formBar(s);
  // The warning signs and triggers: a step of their own after the pillars (signs.js).
  const addSigns = () => {
    const signs = signsSection(rec, F, tr);
    if (signs) (form.append(signs.el), bar.addSigns(signs));
  };
  if (!pending.size) addSigns();
  /** Resolves once every pillar's questions are drawn (a task after the page, and once their
   * texts are in): true when some were drawn then. */
  const complete = !pending.size
    ? Promise.resolve(false)
    : Promise.all([F.texts(), new Promise((done) => setTimeout(done))]).then(
        () => {
          const before = new Set(blocks.keys());
          F.pillars.forEach((p, pi) => pending.has(p.id) && pending.get(p.id).replaceWith(...questions(p, pi).flat()));
          addSigns();
          const added = [...blocks.values()].filter((b) => !before.has(b.i.id));
          sync(added);
          foldAnswered(added);
          return true;
        },
        // (Offline before the app was ever whole, or the server gone: said where they would be.)
        () => {
          for (const el of pending.values()) el.textContent = t('form.unloaded');
          return false;
        },
      );

  /** Every choice in line with the active respondent's answers, and each folded line too. */
  function sync(list = blocks.values()) {
    for (const { i, text } of list) {
      const v = M.getScore(rec, i.id, s.active, s.group);
      const el = form.querySelector(`input[name="s-${CSS.escape(i.id)}"][value="${answerCode(v)}"]`);
      if (el) el.checked = true;
      text.textContent = chosenText(i);
    }
    bar.drawResp();
  }
  /** Questions the respondent shown has answered are folded to their answer; the others open. */
  function foldAnswered(list = blocks.values()) {
    for (const { el, i } of list) el.classList.toggle('folded', M.getScore(rec, i.id, s.active, s.group) != null);
  }
  /** Opens indicator `id`'s question; returns what to focus (its answer, else its first choice). */
  function open(id) {
    const b = blocks.get(id);
    if (!b) return null;
    b.el.classList.remove('folded');
    return b.el.querySelector('input:checked') || b.el.querySelector('input');
  }
  /** The answer to `id` changed: its folded line follows. */
  const answered = (id) => blocks.has(id) && (blocks.get(id).text.textContent = chosenText(blocks.get(id).i));
  return { form, bar: bar.el, progress, who, sync, foldAnswered, open, answered, complete, progressed: bar.progressed, drawResp: bar.drawResp, stop: bar.stop };
}

/** The bar on top of the form: the pillar in view (choosing one goes to it; the warning signs
 * after the pillars, once `addSigns(signs)`) and, with several respondents, whose answers are
 * shown (choosing one shows theirs). `progressed(pr)` writes each pillar's progress in its list. */
function formBar(s) {
  const { rec, F } = s;
  const { t, tx, num } = s.app.tr;
  const options = new Map(); // pillar id → its option in the list
  const sections = F.pillars.map((p) => p.id);
  const pillar = h(
    'select',
    {
      class: 'in-pillar',
      'aria-label': t('form.pillars'),
      onchange: () => {
        const sec = document.getElementById(`p-${pillar.value}`);
        bringIn(sec);
        sec.querySelector('input')?.focus({ preventScroll: true });
      },
    },
    F.pillars.map((p) => {
      const o = h('option', { value: p.id }, tx(p.title));
      options.set(p.id, o);
      return o;
    }),
  );
  const resp = h('select', { class: 'in-resp', 'aria-label': t('resp.shown') });
  const el = h('div', { class: 'jump' }, pillar, resp);
  /** The respondents' list, as their names now are. */
  function drawResp() {
    const names = rec.respondentNames;
    resp.hidden = !names || names.length < 2;
    if (resp.hidden) return resp.replaceChildren();
    fill(resp, ...names.map((n, k) => h('option', { value: String(k) }, [t('resp.short', { n: k + 1 }), n].filter(Boolean).join(' · '))));
    resp.value = String(s.active);
  }
  // The pillar in view: the last whose section starts above the bar's lower edge.
  let frame = 0;
  const spy = () => {
    frame = 0;
    const edge = el.getBoundingClientRect().bottom + 8;
    let at = sections[0];
    for (const id of sections) if (document.getElementById(`p-${id}`)?.getBoundingClientRect().top <= edge) at = id;
    if (at && pillar.value !== at) pillar.value = at;
  };
  const onScroll = () => (frame ||= requestAnimationFrame(spy));
  addEventListener('scroll', onScroll, { passive: true });

  const progressed = (pr) => {
    for (const p of F.pillars) {
      const k = pr.pillars.get(p.id);
      options.get(p.id).textContent = `${tx(p.title)} · ${num(k.k, 0)}/${num(k.n, 0)}`;
    }
  };
  const addSigns = (signs) => (pillar.append(signs.option), sections.push('signs'));
  return { el, drawResp, progressed, addSigns, stop: () => removeEventListener('scroll', onScroll) };
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
    who();
    const pr = F.progress(M.scoresOf(rec, s.group));
    for (const [id, el] of sheet.progress) el.textContent = t('form.progress', pr.pillars.get(id));
    sheet.progressed(pr);
    fill(
      mini,
      h('span', { class: 'big' }, tr.score(s.result?.overall.score)),
      // On a phone the results are below the form: an early-warning alert shows here instead.
      s.result?.early_warning ? h('span', { class: 'mini-ew' }, t('report.alert')) : h('span', {}, t('form.progress', pr.all)),
      h('a', { href: `#/r/${encodeURIComponent(rec.id)}`, tabindex: -1 }, t('result.full')),
    );
    performance.measure('rescore', { start: t0 });
    document.documentElement.dataset.scored = String(performance.now());
  }

  /** The respondents' answers under every question drawn, as the last result has them. */
  function who() {
    const dis = new Set(s.result?.warnings.filter((w) => w.code === 'disagreement').map((w) => w.node));
    for (const [iid, el] of sheet.who) showWho(iid, el, dis.has(iid));
  }

  return { aside, mini, rescore, who };
}

/** What each change does: stored at once, and re-scored where the scores can change. */
function wire(s, { head, resp, groups, sheet, results }) {
  const { rec } = s;
  const a = rec.input;
  const { t } = s.app.tr;
  resp.onChange((kind) => {
    if (kind !== 'pick') save(rec); // another respondent shown changes nothing stored
    if (kind === 'set') resp.draw(); // (not while a name is typed: its field keeps the focus)
    if (kind === 'pick') resp.mark();
    if (kind === 'pick' || kind === 'set') keepActive(rec, s.active);
    if (kind === 'name') sheet.drawResp();
    else sheet.sync();
    // Another respondent: their answered questions fold, the others open.
    if (kind !== 'name') sheet.foldAnswered();
    results.rescore();
  });
  sheet.bar.querySelector('.in-resp').addEventListener('change', (e) => {
    s.active = Number(e.target.value);
    resp.pick();
  });
  // Groups: the same, and the line saying whose experience the choices are for.
  const forWhom = scoringFor(s);
  sheet.bar.prepend(forWhom.el);
  groups.onChange((kind) => {
    if (kind !== 'pick') save(rec);
    if (kind === 'set') groups.draw();
    if (kind !== 'name') (sheet.sync(), sheet.foldAnswered());
    forWhom.update();
    results.rescore();
  });
  sheet.form.addEventListener('change', (e) => {
    const el = e.target;
    if (!el.name?.startsWith('s-')) return;
    M.setScore(rec, el.dataset.ind, s.active, answerOf(el.value), s.group);
    // When each answer was edited (team-own.js).
    if (s.group == null) edited(rec, el.dataset.ind);
    else groupEdited(rec, s.group, el.dataset.ind);
    save(rec);
    sheet.answered(el.dataset.ind);
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
