// Offline: every asset is precached in a versioned cache and served cache-first. The app has
// no data requests (assessments live in IndexedDB), so nothing here ever sees assessment data.
// The version is a hash of every asset, written by `./build.sh build` into sw-version.js: any
// change to an asset changes this worker, and a new version waits until the user reloads.
try {
  importScripts('./sw-version.js');
} catch {
  // Served without a build (no sw-version.js): one fixed version.
}
const VERSION = self.RESILIENCE_VERSION || 'unbuilt';
const CACHE = `resilience-${VERSION}`;
const ASSETS = [
  './',
  'index.html',
  'manifest.webmanifest',
  // The stylesheet (css/app.css minified by tools/bundle.mjs).
  'app/app.css',
  // The app's code, bundled by tools/bundle.mjs (the first screen, what it loads on use, what
  // both share), and its workers' modules.
  'app/app.js',
  'app/shared.js',
  'app/later.js',
  'js/workers/analysis-worker.js',
  'js/workers/sheets-worker.js',
  'js/workers/team-worker.js',
  // Analysis and spreadsheet modules: loaded in workers when needed, cached so that the
  // uncertainty analysis and the Kobo/ODK imports work offline.
  'pkg-analysis/resilience.js',
  'pkg-analysis/resilience_bg.wasm',
  'pkg-sheets/resilience.js',
  'pkg-sheets/resilience_bg.wasm',
  // The crypto module: loaded only when a passphrase or an encrypted hand-over is used, but
  // cached here so that a locked app still opens offline.
  'pkg-crypto/resilience_crypto.js',
  'pkg-crypto/resilience_crypto_bg.wasm',
  'pkg/resilience.js',
  'pkg/resilience_bg.wasm',
  // The core with the CSV writers: loaded at the first CSV export (shared/csv.js).
  'pkg-csv/resilience.js',
  'pkg-csv/resilience_bg.wasm',
  // The interface texts in two parts: the first screen's, the others (tools/bundle.mjs).
  'i18n/en.first.json',
  'i18n/en.later.json',
  'i18n/fr.first.json',
  'i18n/fr.later.json',
  // The default framework, one file per language (written by ./build.sh build, tools/frameworks.mjs).
  'frameworks/default.en.json',
  'frameworks/default.fr.json',
  // The other pillars' question texts (shared/model.js, Model.texts()), and their measures and
  // sources, which only later pages show (Model.whole()).
  'frameworks/default.en.texts.json',
  'frameworks/default.fr.texts.json',
  'frameworks/default.en.later.json',
  'frameworks/default.fr.later.json',
  // Earlier versions of the framework: loaded when an assessment made under one is opened.
  'frameworks/resilience-default-1.1.0.json',
  'icons/icon.svg',
  'icons/icon-192.png',
  'icons/icon-512.png',
];

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(ASSETS)));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(
    caches.keys().then(async (keys) => {
      const old = keys.filter((k) => k.startsWith('resilience-') && k !== CACHE);
      await Promise.all(old.map((k) => caches.delete(k)));
      // The first install takes over the page that installed it (the same build), so that the
      // modules it loads later come from this cache even if the network is gone. An update
      // never does: pages of the old version keep the old worker until they reload.
      if (!old.length) await self.clients.claim();
    }),
  );
});

// The page asks for the waiting version once its drafts are flushed.
self.addEventListener('message', (e) => e.data === 'activate' && self.skipWaiting());

self.addEventListener('fetch', (e) => {
  const r = e.request;
  if (r.method !== 'GET' || new URL(r.url).origin !== location.origin) return;
  e.respondWith(
    caches.open(CACHE).then((c) => c.match(r, { ignoreSearch: true }).then((hit) => hit || fetch(r))),
  );
});
