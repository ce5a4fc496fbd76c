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
  'css/app.css',
  'css/prevention.css',
  // The app's modules (js/app/), those it shares with the embed (js/shared/), its workers'.
  'js/shared/charts.js',
  'js/shared/csv.js',
  'js/shared/dom.js',
  'js/shared/form.js',
  'js/shared/i18n.js',
  'js/shared/model.js',
  'js/shared/results.js',
  'js/shared/team.js',
  'js/app/analysis.js',
  'js/app/assessor.js',
  'js/app/app.js',
  'js/app/compare.js',
  'js/app/example.js',
  'js/app/export.js',
  'js/app/files.js',
  'js/app/firstrun.js',
  'js/app/form.js',
  'js/app/frameworks.js',
  'js/app/groups.js',
  'js/app/handover.js',
  'js/app/help.js',
  'js/app/lang.js',
  'js/app/list.js',
  'js/app/lock.js',
  'js/app/records.js',
  'js/app/results.js',
  'js/app/security.js',
  'js/app/sheets-work.js',
  'js/app/sheets.js',
  'js/app/storage.js',
  'js/app/team-data.js',
  'js/app/team-merge.js',
  'js/app/team-work.js',
  'js/app/team.js',
  'js/app/ui.js',
  'js/app/vault.js',
  'js/app/wipe.js',
  'js/app/wiped.js',
  // Beside the score (issue #16): evidence, warning signs, the Framework of Analysis, the report.
  'js/app/datefield.js',
  'js/app/evidence.js',
  'js/app/foa.js',
  'js/app/measures.js',
  'js/app/report.js',
  'js/app/signs.js',
  'js/app/warning.js',
  'js/app/workshop.js',
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
  'i18n/en.json',
  'i18n/fr.json',
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
