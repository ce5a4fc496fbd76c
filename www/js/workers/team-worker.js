// Team assessments off the page's thread (pkg-analysis, which has the team functions): merging
// assessors' files and their agreement. Requests {op, id, …} are answered
// {id, value} or {id, error}. The page sends the framework object with each request (this
// module has none built in).
import * as wasm from '../../pkg-analysis/resilience.js';

const ready = wasm.default({ module_or_path: new URL('../../pkg-analysis/resilience_bg.wasm', import.meta.url) });

// The wasm functions by operation. Until the analysis module with the team functions is built
// (`mergeTeam`, `teamAgreement`), an operation without its function answers
// {code: 'unavailable'}, which the page reports: FEATURE-DETECTED, on purpose.
const ops = {
  has: ({ names }) => names.filter((n) => typeof wasm[n] === 'function'),
  merge: ({ files }) => wasm.mergeTeam(files),
  agreement: ({ input, fw }) => wasm.teamAgreement(input, fw),
};
const NEEDS = { merge: 'mergeTeam', agreement: 'teamAgreement' };

onmessage = async ({ data: { op, id, ...msg } }) => {
  try {
    await ready;
    if (NEEDS[op] && typeof wasm[NEEDS[op]] !== 'function') throw Object.assign(new Error(`${NEEDS[op]} is not in this version of the app`), { code: 'unavailable' });
    postMessage({ id, value: ops[op](msg) });
  } catch (e) {
    postMessage({ id, error: { message: String(e?.message ?? e), code: e?.code, issues: e?.issues } });
  }
};
