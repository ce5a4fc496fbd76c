// The first of the app's code to run, inline in index.html (tools/bundle.mjs writes it there), as
// the page is parsed: it opens the app's database at once, and reads it. On a fresh profile
// that takes 100–200 ms of a cold start, most of it waiting for turns of a busy page, which the
// app's start otherwise waited for after its code had arrived and run; asked here, it is done
// while the code downloads. What was asked is handed to storage.js in `self.resilienceBoot`:
//   names: a promise of the names of the site's databases (recover() asks them first), null
//          where the browser cannot say;
//   db():  a promise of a connection to the app's database, or of null (none was opened, or it
//          was closed since for another tab), which storage.js's first openDB() takes;
//   read:  a promise of what the app reads first (storage.js, start()), read on that connection
//          as soon as it is open: [connection, the records' keys, their stored values, the
//          passphrase header, the settings]. The app takes it only if it uses that connection.
// storage.js sets it to null as the bundle runs (were that first, nothing would be done here: the
// app asks for what it needs itself, and may have taken a wipe report already). Nothing is opened
// right after a panic wipe (the app then shows what was deleted and must not create the
// database again), nor where the browser cannot list its databases; and the connection is closed
// again while a passphrase change left half done is pending (the database named NEXT: recover()
// may delete and rewrite DB, which an open connection would hold up).
// It is built on its own (tools/bundle.mjs), with what it imports inlined: the names storage.js,
// wiped.js and lang.js keep the data under, the first read (first-read.js) and shared/i18n.js's
// choice of language. (The one-file build leaves it out: its code is in the page already.)
import { DB, NEXT, VERSION, STORE, META, WIPE_REPORT, LANG_KEY } from './names.js';
import { firstRead } from './first-read.js';
import { pick } from '../shared/i18n.js';

(() => {
  if ('resilienceBoot' in self) return; // the app started first
  let wiped = false;
  try {
    wiped = !!sessionStorage.getItem(WIPE_REPORT);
  } catch {
    /* no storage: no report either (wiped.js) */
  }

  // The database first: its request goes out before the preloads are added (each costs the page a
  // few ms as it is parsed), and the database is the slowest part of a first visit.
  if (!wiped && self.indexedDB?.databases) {
    const open = new Promise((ok, fail) => {
      const o = indexedDB.open(DB, VERSION);
      o.onupgradeneeded = () => {
        for (const s of [STORE, META]) if (!o.result.objectStoreNames.contains(s)) o.result.createObjectStore(s);
      };
      o.onsuccess = () => ok(o.result);
      o.onerror = () => fail(o.error);
    });
    const names = indexedDB.databases().then(
      (list) => list.map((d) => d.name),
      () => null,
    );
    let closed = false;
    const db = Promise.all([names, open]).then(([list, conn]) => {
      if (!list || list.includes(NEXT)) {
        conn.close();
        return null;
      }
      // Another tab deletes or replaces it before the app has taken it: let it.
      conn.onversionchange = () => (conn.close(), (closed = true));
      return conn;
    });
    db.catch(() => {});
    // And what the app reads first (storage.js, start()), read as soon as the database is open:
    // [the connection, the records' keys, their stored values, the passphrase header, the settings].
    const read = open.then((conn) => firstRead(conn).then((got) => [conn, ...got]));
    read.catch(() => {});
    self.resilienceBoot = { names, db: () => db.then((conn) => (closed ? null : conn)), read };
  }

  // The first screen's texts and framework in the language the app will choose (lang.js: the one
  // chosen before, else the browser's), asked for at once as preloads, which the app's fetches then
  // take: index.html cannot know the language, and asked for by the app's code they came a round
  // later (2 s on slow 3G) on a first visit in French. A form's first screen shows every pillar's
  // questions: the texts of all but the first come in a file of their own (shared/model.js,
  // Model.texts()), asked for here too. Served pages only (the one-file build has its files
  // inside it).
  if (location.protocol.startsWith('http')) {
    let chosen = null;
    try {
      chosen = localStorage.getItem(LANG_KEY);
    } catch {
      /* storage blocked: the browser's language */
    }
    const lang = pick(chosen, navigator.languages || []);
    // (After a panic wipe the app shows only what was deleted: its texts, no framework.)
    const files = [`i18n/${lang}.first.json`, ...(wiped ? [] : [`frameworks/default.${lang}.json`])];
    if (!wiped && /^#\/(a|workshop)\//.test(location.hash)) files.push(`frameworks/default.${lang}.texts.json`);
    // And the engine, which only scoring needs, last: on HTTP/1.1 a browser opens 6 connections
    // to a host, so on slow 3G the last asked for comes a round later, once one is free.
    if (!wiped) files.push('pkg/resilience_bg.wasm');
    for (const href of files) {
      const link = document.createElement('link');
      Object.assign(link, { rel: 'preload', as: 'fetch', href, crossOrigin: 'anonymous' });
      document.head.append(link);
    }
  }
})();
