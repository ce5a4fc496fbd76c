// How sure a score is, and where reform would help most: the engine's analysis module
// (pkg-analysis) run in a Web Worker (workers/analysis-worker.js), so typing never waits for it.
// `slot(app, id)` is a placeholder the results put in their view; once the analysis is in, it
// writes the band probabilities in words, draws the 5th–95th percentile intervals on the pillar
// bars and the diamond, and lists the five indicators whose next step up gains the most.
// A newer request cancels an older one (the worker is terminated); results are cached per
// assessment by its scores, so redrawing the same answers shows them at once.
import { h, fill } from '../shared/dom.js';
import { radar, bar, dataTable, table } from '../shared/charts.js';
import { engineInput } from '../shared/model.js';
import { title, toIndicator } from '../shared/results.js';
import { toQuestion } from './live.js';
import * as store from './storage.js';
import { measures } from './measures.js';

/** The interactive run: 2000 seeded draws, no Sobol indices (about 9× cheaper). It varies what
 * the answers could have been (each assessor within their confidence, half a step by default;
 * the respondents; how missing answers count), not the framework's weights and method: those
 * are the analyst's choices, and a geometric draw sends any pillar with a red flag to 0, so the
 * range would always start at 0. */
export const LIVE = { draws: 2000, seed: 1, perturb: ['assessors', 'respondents', 'missing'], sensitivity: false };
/** The "advanced" run, on request: every source of uncertainty, weights and method included,
 * with Sobol sensitivity indices. */
export const FULL = { draws: 2000, seed: 1, sensitivity: true };
const DELAY = 1000; // after the last score change
const TOP = 5;

let worker = null;
let busy = null; // {id, reject} of the request in the worker
let seq = 0;
let timer = 0;
let pending = null; // {id, key, el, full}: the run scheduled or under way for the view shown
let lastId = null;
const cache = new Map(); // assessment id → {key, r}

/** Analyses one assessment input in the worker under framework `fw` (the Model's `arg`, the
 * framework object or its JSON text: the worker's module has none built in): its result (with uncertainty, sensitivity, leverage). A
 * newer call cancels this one: it then rejects with {stale: true}. */
export function run(input, options, fw) {
  if (busy) {
    worker.terminate();
    worker = null;
    busy.reject(Object.assign(new Error('stale'), { stale: true }));
    busy = null;
  }
  worker ??= new Worker(new URL('../workers/analysis-worker.js', import.meta.url), { type: 'module' });
  const id = ++seq;
  return new Promise((resolve, reject) => {
    busy = { id, reject };
    worker.onmessage = ({ data }) => {
      if (data.id !== id) return;
      busy = null;
      if (data.error) reject(Object.assign(new Error(data.error.message), data.error));
      else resolve(data.doc.results[0]);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      busy = null;
      worker?.terminate();
      worker = null;
      reject(new Error(e.message || 'worker'));
    };
    worker.postMessage({ id, input: { assessments: [engineInput(input)] }, options, fw });
  });
}

/** Band probabilities in words: "most likely moderate (62%), possibly weak (30%)". */
export function bandWords(u, F, tr) {
  const { t, pct } = tr;
  const list = Object.entries(u.bands || {}).map(([b, p]) => [tr.tx(F.band(b)?.title) || b, p]);
  if (u.unscored) list.push([t('band.none'), u.unscored]);
  list.sort((a, b) => b[1] - a[1]);
  const [top, ...rest] = list.filter(([, p]) => p > 0);
  if (!top) return '';
  return [
    t('analysis.likely', { band: top[0], pct: pct(top[1]) }),
    ...rest.filter(([, p]) => p >= 0.1).map(([b, p]) => t('analysis.possibly', { band: b, pct: pct(p) })),
  ].join(', ');
}

const range = (u, tr) => (u?.p05 == null ? '' : tr.t('analysis.range', { lo: tr.num(u.p05), hi: tr.num(u.p95) }));

/** The five indicators where one step up gains the most (the engine's order). */
export const topLeverage = (r) => (r.leverage || []).filter((l) => l.next != null && l.gain_one_step > 0).slice(0, TOP);

function leverage(r, F, tr) {
  const { t, num } = tr;
  const top = topLeverage(r);
  const name = (id) => title(F, tr, id);
  // Gains as shown: where every item reads the same, the reading is said once, with why.
  const same = top.length > 1 && top.every((l) => num(l.gain_one_step) === num(top[0].gain_one_step));
  const first = r.score_first || [];
  return h(
    'section',
    { class: 'leverage' },
    h('h3', {}, t('analysis.leverage')),
    h('p', { class: 'muted small' }, t('analysis.leverage.hint')),
    same ? h('p', { class: 'same' }, t('analysis.same', { gain: num(top[0].gain_one_step) })) : null,
    top.length
      ? h(
          'ol',
          {},
          top.map((l) =>
            h(
              'li',
              { 'data-lev': l.indicator, 'data-gain': String(l.gain_one_step) },
              h('span', { class: 'in' }, toIndicator(name(l.indicator), l.indicator, F, toQuestion(r.id))),
              l.critical ? [' ', h('span', { class: 'badge' }, t('analysis.critical'))] : null,
              same ? null : [' ', h('strong', { class: 'gain' }, t('analysis.gain', { gain: num(l.gain_one_step) }))],
              ' ',
              h('span', { class: 'muted small' }, t('analysis.step', { from: num(l.value, Number.isInteger(l.value) ? 0 : 1), to: num(l.next, 0) })),
              measures(F.nodes.get(l.indicator), tr),
            ),
          ),
        )
      : first.length
        ? null
        : h('p', { class: 'muted' }, t('analysis.leverage.none')),
    first.length ? h('p', { class: 'scorefirst' }, t('analysis.scorefirst', { names: first.map(name).join(', ') })) : null,
  );
}

function sobol(list, F, tr) {
  const { t, num } = tr;
  const name = (x) => {
    if (x.startsWith('scores:')) return t('analysis.in.scores', { pillar: title(F, tr, x.slice(7)) });
    const k = `analysis.in.${x}`;
    const v = t(k);
    return v === k ? x : v;
  };
  const ci = (c) => (c ? `${num(c[0], 2)} – ${num(c[1], 2)}` : '');
  const head = [t('analysis.sobol.input'), t('analysis.sobol.first'), t('analysis.sobol.total'), t('analysis.sobol.ci')];
  return [sobolWords(list, name, tr), table(t('analysis.sobol'), head, list.map((x) => [name(x.input), num(x.first_order, 2), num(x.total, 2), ci(x.ci?.total)]), { cls: 'sobol', shown: true })];
}

/** The Sobol table in words: what moves the score most, the weights against the method, and
 * the answers against the framework's choices (by each side's largest total index). */
function sobolWords(list, name, tr) {
  const { t, pct } = tr;
  const by = (x) => list.find((s) => s.input === x)?.total ?? null;
  const top = [...list].sort((a, b) => b.total - a.total)[0];
  if (!top) return null;
  const out = [t('analysis.sobol.read.top', { source: name(top.input).toLowerCase(), pct: pct(Math.min(1, Math.max(0, top.total))) })];
  const [w, m] = [by('weights'), by('method')];
  if (w != null && m != null && w !== m) out.push(t(w > m ? 'analysis.sobol.read.wm' : 'analysis.sobol.read.mw'));
  const fw = Math.max(w ?? 0, m ?? 0);
  const data = Math.max(0, ...list.filter((s) => !['weights', 'method'].includes(s.input)).map((s) => s.total));
  if (w != null || m != null) out.push(t(data >= fw ? 'analysis.sobol.read.data' : 'analysis.sobol.read.fw'));
  return h('p', { class: 'sobol-words' }, out.join(' '));
}

/** The button running the Sobol sensitivity analysis (results page only). */
function advanced(app, id) {
  const { t } = app.tr;
  const out = h('div', { 'aria-live': 'polite' });
  const btn = h('button', { type: 'button', class: 'noprint' }, t('analysis.sobol.run'));
  btn.addEventListener('click', async () => {
    const rec = store.get(id);
    const F = rec && app.models.of(rec);
    if (!F) return;
    btn.disabled = true;
    out.setAttribute('aria-busy', 'true');
    fill(out, h('p', { class: 'busy' }, h('progress', { 'aria-label': t('analysis.running') }), ' ', t('analysis.running')));
    try {
      const r = await run(rec.input, FULL, F.arg);
      fill(out, r.sensitivity?.length ? sobol(r.sensitivity, F, app.tr) : h('p', { class: 'muted' }, t('analysis.sobol.none')));
    } catch (e) {
      if (!e.stale) fill(out, h('p', { class: 'muted' }, t('analysis.failed')));
      else out.replaceChildren();
    } finally {
      btn.disabled = false;
      out.removeAttribute('aria-busy');
    }
  });
  // (The hint and the button are for the screen: a printed report has the table, if it was run.)
  return h('div', { class: 'advanced' }, h('p', { class: 'muted small noprint' }, t('analysis.sobol.hint')), btn, out);
}

/** Writes the analysis into the view that holds `el` (F: the framework it was run with). */
function show(app, el, r, full, F) {
  const { tr } = app;
  const { t, num } = tr;
  const u = r.uncertainty;
  const root = el.closest('.live, .report') || el.parentElement;
  el.removeAttribute('aria-busy');
  el.classList.remove('running');
  el.dataset.state = 'done';
  fill(
    el,
    h('h3', {}, t('analysis.title')),
    h('p', { class: 'unc', 'data-u': 'overall' }, range(u.overall, tr), ' ', h('span', { class: 'words' }, bandWords(u.overall, F, tr))),
    h('p', { class: 'muted small' }, t('analysis.how', { draws: num(u.draws, 0) })),
    ...(full ? [advanced(app, r.id)] : []),
  );
  if (!root) return;
  intervals(root, r, F, tr);
  // Where reform would help most, next to the weakest pillar.
  root.querySelector('.leverage')?.remove();
  const weakest = root.querySelector('.weakest');
  if (weakest) weakest.after(leverage(r, F, tr));
  else el.append(leverage(r, F, tr));
  root.dataset.analysed = String(performance.now());
}

/** The 5th–95th percentile intervals drawn into the results in `root`: on each pillar's bar
 * (with its words) and on the diamond, whose data table gains them. */
function intervals(root, r, F, tr) {
  const { t, num } = tr;
  const u = r.uncertainty;
  for (const p of F.pillars) {
    const v = root.querySelector(`.pillars .pv[data-k="${CSS.escape(p.id)}"]`);
    const li = v?.closest('li');
    const pu = u.nodes?.[p.id];
    if (!li || !pu) continue;
    li.querySelector('svg.meter')?.replaceWith(bar(r.nodes[p.id].score, pu.p05, pu.p95));
    li.querySelector('.unc')?.remove();
    li.append(h('span', { class: 'unc small', 'data-u': p.id }, range(pu, tr), ' ', h('span', { class: 'words' }, bandWords(pu, F, tr))));
  }
  const fig = root.querySelector('figure.fig');
  const svg = fig?.querySelector('svg.chart');
  if (!svg) return;
  const items = F.pillars.map((p) => ({ label: tr.tx(p.title), value: r.nodes[p.id].score, lo: u.nodes?.[p.id]?.p05, hi: u.nodes?.[p.id]?.p95 }));
  svg.replaceWith(radar(items, t('chart.radar'), tr));
  fig.querySelector('details.ci-table')?.remove();
  const or = (x) => (x == null ? '—' : num(x));
  const table = dataTable(
    [t('result.pillar'), t('analysis.p05'), t('analysis.p95'), t('analysis.bands')],
    F.pillars.map((p) => {
      const pu = u.nodes?.[p.id] || {};
      return [tr.tx(p.title), or(pu.p05), or(pu.p95), bandWords(pu, F, tr)];
    }),
    t('analysis.title'),
    tr,
  );
  table.classList.add('ci-table');
  table.querySelector('summary').textContent = t('analysis.table');
  fig.append(table);
}

function waiting(el, tr) {
  const { t } = tr;
  el.setAttribute('aria-busy', 'true');
  el.classList.add('running');
  fill(el, h('h3', {}, t('analysis.title')), h('p', { class: 'busy' }, h('progress', { 'aria-label': t('analysis.running') }), ' ', t('analysis.running')));
}

async function go(job) {
  job.el.dataset.state = 'running'; // in the worker from now on
  try {
    performance.mark('analysis-start');
    // The whole framework (the measures shown under the leverage list); without it, when it
    // cannot be had, the analysis is the same and only the measures are missing.
    const W = await job.F.whole().catch(() => job.F);
    const r = await run(job.input, LIVE, W.arg);
    performance.mark('analysis-end');
    cache.set(job.id, { key: job.key, r });
    if (cache.size > 20) cache.delete(cache.keys().next().value);
    if (pending === job) {
      pending = null;
      if (job.el.isConnected) show(job.app, job.el, r, job.full, W);
    }
  } catch (e) {
    if (e.stale || pending !== job) return;
    pending = null;
    job.el.removeAttribute('aria-busy');
    job.el.classList.remove('running');
    fill(job.el, h('p', { class: 'muted' }, job.app.tr.t('analysis.failed')));
  }
}

/** A placeholder for the analysis of assessment `id` as stored now; filled when it is ready
 * (at once when these scores were analysed before; otherwise after DELAY ms without changes,
 * or at once the first time the assessment is shown). `full` adds the Sobol button. `app`: the
 * page's translator and frameworks (the analysis runs under the record's own framework). */
export function slot(app, id, full = false) {
  const el = h('section', { class: 'analysis', 'aria-live': 'polite' });
  const rec = store.get(id);
  const F = rec && app.models.of(rec);
  if (!F) return el;
  const input = engineInput(structuredClone(rec.input));
  // (The evidence too: a score's confidence sets how far the analysis draws it.)
  const key = JSON.stringify([F.ref, input.scores, input.evidence]);
  const hit = cache.get(id);
  if (hit?.key === key) {
    clearTimeout(timer);
    pending = null;
    // (The whole framework: the measures under the places where reform helps most.)
    F.whole().catch(() => F).then((W) => el.isConnected && show(app, el, hit.r, full, W));
    fill(el, h('h3', {}, app.tr.t('analysis.title')));
    return el;
  }
  waiting(el, app.tr);
  if (pending?.id === id && pending.key === key) {
    if (pending.el.dataset.state) el.dataset.state = pending.el.dataset.state;
    pending.el = el; // the same answers redrawn (a note typed): the run under way will fill it
    pending.full = full;
    pending.app = app; // (in the language shown now)
    return el;
  }
  clearTimeout(timer);
  const job = (pending = { id, key, el, full, input, F, app });
  timer = setTimeout(() => go(job), lastId === id ? DELAY : 0);
  lastId = id;
  return el;
}
