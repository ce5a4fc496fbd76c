// The partner page's script: listens to the custom element's events and talks to the iframe.
// The iframe's address is made from the address of resilience-embed.js, so this page works
// wherever the Resilience files are hosted.
const src = document.querySelector('script[src$="resilience-embed.js"]').src;
const base = new URL('./', src);
const fmt = (x) => (x == null ? '–' : x.toFixed(1));

// 1. The custom element: the page sees every change (input and result).
const check = document.getElementById('check');
const summary = document.getElementById('summary');
check.addEventListener('resilience-change', (e) => {
  const o = e.detail.result?.overall;
  summary.textContent = o?.score == null ? 'Keep going: the overall index needs every pillar scored.' : `Overall resilience index: ${fmt(o.score)} (${o.band.replace('_', ' ')}).`;
});
check.addEventListener('resilience-error', (e) => {
  summary.textContent = `The calculator reported a problem: ${e.detail.message}`;
});

// 2. The iframe: only what the user chooses to share (the overall score and its band, once per
// assessment, when they press "Share"), and only to this page's origin.
const frame = document.getElementById('private');
const ours = base.origin;
const shared = document.getElementById('shared');
frame.src = new URL(`embed.html?lang=en&mode=full&origins=${encodeURIComponent(location.origin)}`, base).href;
addEventListener('message', (e) => {
  if (e.origin !== ours || e.source !== frame.contentWindow) return; // only the calculator
  const m = e.data;
  if (m?.version !== 1) return;
  if (m.type === 'resilience:consent' && !m.shared) shared.textContent = 'Nothing (what you shared was withdrawn).';
  if (m.type === 'resilience:result' && m.shared) {
    const o = m.summary.overall;
    shared.textContent = `Overall ${fmt(o.score)} (${(o.band || 'no band').replace('_', ' ')}).`;
  }
});
frame.addEventListener('load', () => frame.contentWindow.postMessage({ type: 'resilience:hello', version: 1 }, ours));
