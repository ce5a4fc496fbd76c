// The page's side of workers/team-worker.js: merging assessors' files (mergeTeam) and their
// agreement (teamAgreement), each a promise. The worker starts on first use and
// stays (merges and agreement come in bursts: an import, a results page).
let worker = null;
let seq = 0;
const waiting = new Map(); // request id → {resolve, reject}

function ask(op, msg = {}) {
  try {
    worker ??= start();
  } catch (e) {
    // No worker where the page may not start one (the one-file build opened from file://).
    return Promise.reject(e);
  }
  const id = ++seq;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.postMessage({ op, id, ...msg });
  });
}

function start() {
  return Object.assign(new Worker(new URL('../workers/team-worker.js', import.meta.url), { type: 'module' }), {
    onmessage: ({ data }) => {
      const w = waiting.get(data.id);
      if (!w) return;
      waiting.delete(data.id);
      data.error ? w.reject(Object.assign(new Error(data.error.message), data.error)) : w.resolve(data.value);
    },
    onerror: (e) => {
      e.preventDefault?.();
      for (const w of waiting.values()) w.reject(new Error(e.message || 'worker'));
      waiting.clear();
      worker?.terminate();
      worker = null;
    },
  });
}

let names = null;
/** Whether this version of the app has the wasm function `name` (mergeTeam, teamAgreement). */
export const has = async (name) => (await (names ??= ask('has', { names: ['mergeTeam', 'teamAgreement'] }))).includes(name);

/** Merges files ([{name, text}]) into {assessments: [...]} (docs/team.md); throws
 * {code, issues: [{path, message}]}, each path naming its file. */
export const mergeTeam = (files) => ask('merge', { files });

/** The agreement of one team assessment (a file's form: team-data.js teamFile) under framework
 * `fw` (the object): {assessors, alpha, exact, within_one, indicators, by_disagreement}. */
export const teamAgreement = (input, fw) => ask('agreement', { input, fw });
