// The uncertainty analysis (Monte Carlo, Sobol sensitivity, leverage) off the page's thread:
// the wasm call is synchronous and takes about a second, so the page keeps answering while it
// runs. One request at a time, tagged with its id; the page terminates this worker to cancel.
import init, { analyse } from '../../pkg-analysis/resilience.js';

const ready = init({ module_or_path: new URL('../../pkg-analysis/resilience_bg.wasm', import.meta.url) });

onmessage = async ({ data: { id, input, options, fw } }) => {
  try {
    await ready;
    postMessage({ id, doc: analyse(input, options, fw) });
  } catch (e) {
    postMessage({ id, error: { message: String(e?.message ?? e), code: e?.code, issues: e?.issues } });
  }
};
