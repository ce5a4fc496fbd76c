// The uncertainty analysis (Monte Carlo, Sobol sensitivity, leverage) off the page's thread:
// the wasm call is synchronous and takes about a second, so the page keeps answering while it
// runs. One request at a time, tagged with its id; the page terminates this worker to cancel.
// Requests: {id, input, options, fw} analyses; {id, op: 'report', input, options, lang, made,
// fw} writes the report (app/report.js); {id, op: 'can'} says which of these this build has,
// without loading the wasm.
import * as wasm from '../../pkg-analysis/resilience.js';

let ready = null; // the wasm, loaded at the first request that needs it
const load = () => (ready ??= wasm.default({ module_or_path: new URL('../../pkg-analysis/resilience_bg.wasm', import.meta.url) }));

onmessage = async ({ data }) => {
  const { id, op = 'analyse' } = data;
  try {
    // FEATURE DETECTION, until the analysis module with `report` is in every build (issue #16).
    if (op === 'can') return postMessage({ id, can: { report: typeof wasm.report === 'function' } });
    await load();
    if (op === 'report') return postMessage({ id, html: wasm.report(data.input, data.options, data.lang, data.made, data.fw) });
    postMessage({ id, doc: wasm.analyse(data.input, data.options, data.fw) });
  } catch (e) {
    postMessage({ id, error: { message: String(e?.message ?? e), code: e?.code, issues: e?.issues } });
  }
};
