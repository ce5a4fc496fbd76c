// The shell: starts the engine (with the frameworks registry), the language and storage
// together, then routes #/ (list), #/a/<id> (assess), #/r/<id> (results), #/compare, #/help and
// #/security. The pages a first visit does not need load when first shown (the service worker has
// them for offline use). Every page is a function (app, arg, query) → {el, title, focus?,
// leave?}, where `app` is what this shell gives it: `tr` (the translator, shared/i18n.js),
// `models` (the frameworks, frameworks.js), `go(hash)`, `render(focus)` and `settled` (a promise:
// the first page is drawn and scored). A language change
// makes a new translator and draws the page again.
import * as store from './storage.js';
import { frameworks } from './frameworks.js';
import { initial, use, textsOf, applyStatic, langOptions } from './lang.js';
import { h, fill } from '../shared/dom.js';
import { later as laterTexts } from '../shared/i18n.js';
import { banner, pageChanged } from './ui.js';
import { listView } from './list.js';
import { assessView } from './form.js';
import { example } from './example.js';
import { files, downloadPlain, fileName } from './export.js';
import * as vault from './vault.js';
import { lockButton } from './lock.js';
import * as wipeState from './wiped.js';
import * as firstRun from './firstrun.js';

const main = document.getElementById('main');
const VIEWS = { '': listView, a: assessView };
const security = () => import('./security.js'); // its page, the unlock screen, the wipe report
// (The help and the consensus round show every pillar's texts: Model.texts().)
const texts = (view) => models.current.texts().then(
  () => view,
  () => view, // (offline before they ever came: drawn without them)
);
const LATER = {
  // The results page: from later.js, which every first screen asks for once drawn (the form's
  // analysis slot, the first run's passphrase form): 2 KB gzipped off the first load.
  r: () => import('./results.js').then((m) => m.resultsView),
  compare: () => import('./compare.js').then((m) => m.compareView),
  help: () => import('./help.js').then((m) => texts(m.helpView)),
  security: () => security().then((m) => m.securityView),
  workshop: () => import('./workshop.js').then((m) => texts(m.workshopView)), // #/workshop/<id>: a team's consensus round
};
/** Whether the page at `hash` is a form, which shows every pillar's questions. */
const isForm = (hash) => /^#\/(a|workshop)\//.test(hash);
let leave = null;
let shownView = null; // the page drawn
let shown = '';
let tr = null; // the translator of the language shown
let models = null; // the frameworks (frameworks.js), once the engine is in
/** Resolves once the first page is drawn and scored: what it can go without (the analysis, the
 * later texts) is asked for then, not while it is being drawn. */
let settle;
const settled = new Promise((done) => (settle = done));

const app = {
  go(hash) {
    location.hash = hash;
  },
  /** Draws the current route; `focus` moves focus to its heading (a new page for screen readers). */
  render(focus) {
    const hash = location.hash || '#/';
    const [, name = '', arg = '', query = ''] = hash.match(/^#\/(\w*)\/?([^?]*)\??(.*)$/) || [];
    if (!VIEWS[name] && LATER[name]) {
      // Drawn once its module is in, unless the user has gone elsewhere meanwhile.
      return LATER[name]().then((view) => ((VIEWS[name] = view), (location.hash || '#/') === hash && app.render(focus)));
    }
    leave?.();
    if (shown && hash !== shown) pageChanged();
    // The page gets the translator and frameworks of now (a language change draws it again).
    const page = { tr, models, go: app.go, render: app.render, settled };
    const view = (VIEWS[name] || listView)(page, decodeURIComponent(arg), new URLSearchParams(query));
    if (!view) return app.go('#/'); // an assessment that no longer exists
    leave = view.leave;
    shownView = view;
    fill(main, view.el);
    // A fixed title per kind of page, never a unit's name: the browser keeps titles in its
    // history and session files, which the app cannot wipe.
    document.title = `${view.title} · ${tr.t('app.name')}`;
    for (const a of document.querySelectorAll('.bar nav a')) a.toggleAttribute('aria-current', a.getAttribute('href') === `#/${name}`);
    if (view.focus) view.focus.focus();
    else if (focus) main.querySelector('h1')?.focus();
    shown = location.hash || '#/'; // as drawn: a view may rewrite its hash (compare's selection)
    // For tests: this route is drawn (a form once every question is: form.js).
    const drawn = shown;
    Promise.resolve(view.complete).then(() => shown === drawn && (document.documentElement.dataset.shown = drawn));
  },
};

function problems() {
  const s = store.status;
  const { t } = tr;
  banner(
    s.failed
      ? [
          h('p', {}, t(s.failed === 'QuotaExceededError' ? 'store.quota' : 'store.failed')),
          h('button', { type: 'button', onclick: async () => downloadPlain(tr, fileName('', 'json', store.list()), (await files()).toJSON(store.list(), models), 'application/json') }, t('store.export')),
        ]
      : null,
    s.skipped.length ? h('p', {}, t('store.skipped', { n: s.skipped.length, ids: s.skipped.join(', ') })) : null,
  );
}

/** The language `l`: its translator, the header's texts and the switch. */
async function setLang(l) {
  tr = await use(l);
  applyStatic(tr);
  fill(document.getElementById('lang'), ...langOptions(tr));
}

/** The passphrase lock, when one is set. Without IndexedDB at all (some private modes) there is
 * nothing locked: storage reports the failure and the app runs from memory. */
const unlock = (langReady) =>
  vault.start((tryIt) => langReady.then(security).then((m) => m.askPassphrase(main, tr)(tryIt))).catch((e) => {
    if (!['InvalidStateError', 'SecurityError'].includes(e?.name)) throw e;
  });

/** Another tab wiped the data: this one goes blank (it does not restart, which would seed the
 * example again and register the service worker again). */
vault.whenWiped(() => {
  wipeState.markWiped();
  document.querySelector('.bar nav')?.remove();
  document.getElementById('lock-now')?.remove();
  for (const id of ['banner', 'update', 'offline', 'toast']) document.getElementById(id)?.replaceChildren();
  const t = tr?.t ?? ((key) => key); // (heard before the language was in: the keys)
  fill(main, h('section', { class: 'wiped', id: 'wiped-elsewhere' }, h('h1', { tabindex: -1 }, t('security.wiped.title')), h('p', {}, t('security.wiped.elsewhere'))));
  document.title = t('app.name');
});

async function start() {
  const wiped = wipeState.takeReport(); // right after a panic wipe: only say what remains
  // The header is labelled as soon as the language is in, before any passphrase prompt.
  const langReady = setLang(initial());
  if (wiped) return langReady.then(() => security().then((m) => m.showWipeReport(main, wiped, tr)));
  // The engine, the framework, the language and the database start together (opening a new
  // database is the slowest step of a first visit). The page is drawn without waiting for the
  // engine (the largest file: on a slow link the questions come a second sooner), and scored
  // when it is in. With a passphrase set, the records are read only once it has been
  // entered, on a screen in the user's language.
  const mark = (name) => () => performance.mark(name);
  await Promise.all([
    // (A form asks for every pillar's texts at once, beside the first part: see form.js.)
    frameworks(initial(), { texts: isForm(location.hash) }).then((m) => ((models = m), mark('framework')())),
    langReady.then(mark('lang')),
    unlock(langReady).then(store.open).then(mark('store')),
  ]);
  // Assessments made under an earlier framework are scored with it: load it before they show
  // (a framework that cannot be loaded leaves them unscored, and says so).
  await models.need(store.list()).catch(() => {});
  lockButton(tr);
  store.onProblem(problems);
  problems();
  // First run: one invented example to learn from (only once, even if deleted later), kept in
  // memory only until the user has chosen whether to set a passphrase (list.js offers it), so
  // that it is never written in the clear before a passphrase. A passphrase set is a choice made.
  if (firstRun.pending()) {
    if (vault.enabled()) firstRun.chosen();
    else if (!store.has('example')) store.put(example(tr, models.current), { hold: true });
  }
  const scoredAtOnce = models.scoring();
  await app.render(false);
  performance.mark('usable'); // drawn: the questions take answers
  await models.engine;
  mark('engine')();
  // Drawn before the engine was in: the page scores now (the form redraws its results only,
  // so that an answer or a field being typed in is left as it is; another page is drawn again).
  if (!scoredAtOnce) await (shownView?.rescore ? shownView.rescore() : app.render(false));
  performance.mark('ready'); // scored and drawn (a form: its first pillars, see form.js)
  await shownView?.complete;
  performance.mark('complete'); // (a form: every question drawn)
  settle();
  // What the first screen goes without, for the pages that show it: the texts it does not use,
  // the framework's texts of every pillar, its measures and sources.
  laterTexts().catch(() => {});
  models.current.whole().catch(() => {});
  addEventListener('hashchange', () => (location.hash.startsWith('#/') || !location.hash ? location.hash !== shown && app.render(true) : null));
  document.getElementById('lang').addEventListener('change', async (e) => {
    await store.flush();
    // What the new language needs first, then the switch at once (so that <html lang> never
    // names a language the page is not yet drawn in): the registry of its framework (whose texts
    // come one language a file) and every text of it (the page shown may be one loaded on use).
    const l = e.target.value;
    const [next] = await Promise.all([frameworks(l, { texts: true }), textsOf(l)]);
    await next.current.texts().catch(() => {}); // (a form without them says so)
    await next.need(store.list()).catch(() => {});
    await setLang(l);
    models = next;
    const y = scrollY;
    app.render(false);
    scrollTo(0, y);
  });
  document.querySelector('.skip').addEventListener('click', (e) => {
    e.preventDefault();
    main.focus();
  });
  store.persist();
  // After the first screen is up, so installing does not compete with it.
  if ('serviceWorker' in navigator) {
    const later = () => setTimeout(register, 300);
    if (document.readyState === 'complete') later();
    else addEventListener('load', later, { once: true });
  }
}

/** Offline support. A new version waits until the user reloads, so an open form never
 * changes under their hands; everything is flushed to disk first. */
let wanted = false; // the user asked for the new version

async function register() {
  if (wipeState.wiped) return; // after a panic wipe, until the next start
  const first = !navigator.serviceWorker.controller;
  const reg = await navigator.serviceWorker.register('sw.js').catch(() => null);
  if (!reg) return;
  document.documentElement.dataset.sw = 'registered';
  // What installing the app needs, which index.html leaves out so that the first screen makes
  // one request fewer.
  document.head.append(h('link', { rel: 'manifest', href: 'manifest.webmanifest' }));
  // The first install precaches every file before it activates: once it is active, say that the
  // app no longer needs the network (field staff on a slow link wait for this before leaving it).
  if (first)
    navigator.serviceWorker.ready.then(() => {
      if (wipeState.wiped) return;
      document.documentElement.dataset.offline = 'ready';
      // A line of its own, not a toast: a toast would replace what the user was just told.
      const el = document.getElementById('offline');
      fill(el, h('p', {}, tr.t('offline.ready')), h('button', { type: 'button', class: 'x', 'aria-label': tr.t('close'), onclick: () => (el.hidden = true) }, '×'));
      el.hidden = false;
    });
  // A wipe that ran while this registration was under way: undo it.
  if (wipeState.wiped) return void reg.unregister();
  const offer = (sw) => {
    if (!navigator.serviceWorker.controller) return; // first install: nothing to update
    const el = document.getElementById('update');
    fill(
      el,
      h('p', {}, tr.t('update.ready')),
      h('button', { type: 'button', onclick: async () => (await store.flush(), (wanted = true), sw.postMessage('activate')) }, tr.t('update.reload')),
    );
    el.hidden = false;
  };
  if (reg.waiting) offer(reg.waiting);
  reg.addEventListener('updatefound', () => {
    const sw = reg.installing;
    sw?.addEventListener('statechange', () => sw.state === 'installed' && offer(sw));
  });
  navigator.serviceWorker.addEventListener('controllerchange', () => wanted && location.reload());
}

start().catch((e) => {
  fill(main, h('p', { role: 'alert' }, `${tr?.t('app.failed') ?? 'app.failed'} (${e.message})`)); // (no translations: the key)
});
