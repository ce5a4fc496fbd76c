// The one-file build's boot script (tools/dist.mjs inlines it, minified, as the page's only
// script; the app comes after it). Everything else the app needs is in the page as data
// blocks, <script type="application/octet-stream" data-path="…">, never run as they are:
// gzip-compressed, then written 7 bits per character (tools/dist-seven.js; tools/dist.mjs
// bundles it into this script).
//   1. The app asks for its own files by URL: its translations (i18n/<lang>.first.json and
//      .later.json), the framework (frameworks/…json) and the engines (pkg*/…_bg.wasm).
//      fetch() is wrapped to answer such requests from the blocks, so nothing is fetched; any
//      other request goes to the real fetch, which the page's Content-Security-Policy
//      (connect-src 'none') refuses.
//   2. The app's code (the block with data-path="app.js") is unpacked and run as a module
//      script; the page's CSP allows it by its hash, as it allows this script.
import { decode7 } from './dist-seven.js';

const TYPES = { json: 'application/json', wasm: 'application/wasm', js: 'text/javascript' };
const blocks = new Map();
for (const el of document.querySelectorAll('script[data-path]')) blocks.set(el.dataset.path, el);

/** The bytes of a block: 7 bits per character (the last character padded with zeros). */
const bytes = (el) => decode7(el.textContent, Number(el.dataset.length));

/** A block's content, unpacked, as a stream. */
const stream = (el) => new Blob([bytes(el)]).stream().pipeThrough(new DecompressionStream('gzip'));

const base = new URL('./', document.baseURI).href;
const realFetch = globalThis.fetch;
globalThis.fetch = function fetch(input, init) {
  const url = new URL(input instanceof Request ? input.url : String(input), document.baseURI).href;
  const path = url.startsWith(base) ? decodeURIComponent(url.slice(base.length).split(/[?#]/)[0]) : '';
  const el = blocks.get(path);
  if (el) return Promise.resolve(new Response(stream(el), { headers: { 'Content-Type': TYPES[path.split('.').pop()] || 'application/octet-stream' } }));
  return realFetch.call(globalThis, input, init);
};

if (typeof DecompressionStream !== 'function') {
  document.body.textContent = 'This browser is too old to open this file. Use a current version of Chrome, Edge, Firefox or Safari, or the hosted app.';
} else {
  const code = await new Response(stream(blocks.get('app.js'))).text();
  const app = document.createElement('script');
  app.type = 'module';
  app.textContent = code;
  document.head.append(app);
}
