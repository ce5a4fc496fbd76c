// The saved assessments: create, open, duplicate, rename, delete (with undo), import, export.
import { h, uid, fill } from '../shared/dom.js';
import { bandChip } from '../shared/results.js';
import * as store from './storage.js';
import { refOf } from './frameworks.js';
import * as M from './records.js';
import { toast } from './ui.js';
import { exportButtons, files } from './export.js';
import { sheetTools, sheetButtons } from './sheets.js';
import * as firstRun from './firstrun.js';
import { enabled } from './vault.js';

/** The first run's choice, before any data is entered: a passphrase now (nothing is then ever
 * written in the clear, the example included), or continue without. */
function firstRunOffer(app) {
  const { t } = app.tr;
  const slot = h('div', {}, h('p', { class: 'muted' }, '…'));
  import('./security.js').then((S) => fill(slot, S.passphraseForm(app.tr, () => app.render(true), { first: true })));
  return h(
    'section',
    { class: 'first-run', id: 'first-run', 'aria-labelledby': 'first-run-h' },
    h('h2', { id: 'first-run-h' }, t('first.title')),
    h('p', {}, t('first.text')),
    slot,
    h('p', {}, t('first.or')),
    h('button', { type: 'button', id: 'first-skip', onclick: () => (firstRun.chosen(), app.render(true)) }, t('first.skip')),
    h('p', { class: 'small muted' }, t('first.later')),
  );
}

/** The list page: the saved assessments as cards (newest first), with what can be done to
 * them, and the imports, exports and field tools. */
export function listView(app) {
  const { tr, models } = app;
  const { t } = tr;
  const recs = store.list().sort((a, b) => (a.updated < b.updated ? 1 : -1));
  const problems = h('div', { role: 'alert' });
  const create = () => {
    const r = M.withId(M.create(models.current.ref));
    store.put(r);
    app.go(`#/a/${r.id}?rename`);
  };
  const file = importInput(app, problems);
  const el = h(
    'div',
    { class: 'list' },
    h('h1', { tabindex: -1 }, t('list.title')),
    firstRun.pending() && !enabled() ? firstRunOffer(app) : null,
    h(
      'div',
      { class: 'toolbar' },
      h('button', { type: 'button', class: 'primary', onclick: create, id: 'new' }, t('list.new')),
      h('button', { type: 'button', onclick: () => file.click() }, t('list.import')),
      file,
      recs.length > 1 ? h('a', { href: '#/compare', class: 'btn' }, t('nav.compare')) : null,
    ),
    problems,
    sheetTools(app),
    recs.length ? cardList(app, recs) : h('p', { class: 'empty' }, t('list.empty')),
    recs.length ? h('div', { class: 'toolbar' }, exportButtons(app, () => store.list(), t('export.all')), sheetButtons(app, () => store.list())) : null,
    h('p', { class: 'muted small' }, t(store.status.persistent === false ? 'list.notpersistent' : 'list.private')),
  );
  return { el, title: t('list.title') };
}

/** The (hidden) file input of the list's import (JSON or CSV); the problems of a file refused
 * go into `problems`. Emptied once read: a chosen file's name is kept in the browser's session
 * files otherwise. */
function importInput(app, problems) {
  const { tr, models } = app;
  const { t } = tr;
  async function importFile(file) {
    problems.replaceChildren();
    const X = await files();
    let done;
    try {
      // The engine's encodings: UTF-8, UTF-16 with a BOM, Windows-1252; binary refused, located.
      const text = X.decodeText(new Uint8Array(await file.arrayBuffer()));
      const incoming = /^\s*[[{]/.test(text) ? await X.fromJSON(text, models, tr) : await X.fromCSV(text, models);
      done = await X.merge(incoming, store, models, tr); // a team's assessment merges (team-merge.js)
    } catch (e) {
      const issues = e.issues || [{ path: '', message: e.message }];
      const list = h('ul', {}, issues.slice(0, 20).map((i) => h('li', {}, `${i.path}: ${i.message}`)));
      fill(problems, h('div', { class: 'notice bad' }, h('p', {}, t('import.failed', { file: file.name })), list));
      return;
    }
    app.render(true);
    toast(tr, [t('import.done', done), done.merged ? t('team.merged', { n: done.merged }) : ''].join(' ').trim());
  }
  return h('input', {
    type: 'file',
    accept: '.json,.csv,application/json,text/csv',
    hidden: true,
    onchange: (e) => {
      const f = e.target.files[0];
      e.target.value = '';
      if (f) importFile(f);
    },
  });
}

/** Many assessments (e.g. a large Kobo import): cards drawn PAGE at a time, with a "more" button. */
const PAGE = 200;
function cardList(app, recs) {
  const { t } = app.tr;
  const cards = h('ul', { class: 'cards' }, recs.slice(0, PAGE).map((r) => card(app, r)));
  const more = h('button', { type: 'button', class: 'more', hidden: recs.length <= PAGE }, t('list.more', { n: recs.length - PAGE }));
  more.addEventListener('click', () => {
    const k = cards.children.length;
    cards.append(...recs.slice(k, k + PAGE).map((r) => card(app, r)));
    more.hidden = cards.children.length >= recs.length;
    more.textContent = t('list.more', { n: recs.length - cards.children.length });
  });
  return [cards, more];
}

/** One assessment: its name, date, when edited, its score and band, and its actions. */
function card(app, r) {
  const { tr, models } = app;
  const { t } = tr;
  const a = r.input;
  const res = models.score(r);
  const f = refOf(r);
  const old = models.isCurrent(f) ? null : f.version; // made under an earlier framework
  const name = a.unit || t('unit.untitled');
  const vh = h('span', { class: 'vh' }, ' ', name);
  const remove = () => {
    store.remove(r.id);
    app.render(true);
    toast(tr, t('list.deleted', { unit: name }), { label: t('undo'), run: () => (store.put(r), app.render(true)) });
  };
  // A re-assessment starts at once: the copy's form opens (the list would show two identical cards).
  const duplicate = () => {
    const c = M.duplicate(r, models.current.ref);
    store.put(c);
    app.go(`#/a/${encodeURIComponent(c.id)}`);
    toast(tr, t('list.duplicated', { unit: name }));
  };
  return h(
    'li',
    { class: 'card', 'data-id': r.id },
    h('h2', { id: uid('c') }, h('a', { href: `#/a/${encodeURIComponent(r.id)}` }, name), r.example ? h('span', { class: 'tag' }, t('example.tag')) : null),
    h('p', { class: 'muted' }, [tr.date(a.date), t('list.edited', { when: tr.date(r.updated, true) }), old ? t('list.framework', { v: old }) : ''].filter(Boolean).join(' · ')),
    h(
      'p',
      { class: 'score' },
      res?.overall.score != null ? h('span', { class: 'big', 'data-k': 'overall' }, tr.num(res.overall.score)) : h('span', { class: 'muted' }, t('list.noscore')),
      ' ',
      res?.overall.band ? bandChip(res.overall.band, models.of(r), tr) : null,
    ),
    h(
      'div',
      { class: 'actions' },
      h('a', { href: `#/r/${encodeURIComponent(r.id)}`, class: 'btn' }, t('list.results'), vh.cloneNode(true)),
      h('button', { type: 'button', onclick: duplicate }, t('list.duplicate'), vh.cloneNode(true)),
      h('a', { href: `#/a/${encodeURIComponent(r.id)}?rename`, class: 'btn' }, t('list.rename'), vh.cloneNode(true)),
      h('button', { type: 'button', class: 'danger', onclick: remove }, t('list.delete'), vh),
    ),
  );
}
