// The page's side of a module worker (workers/): started on first use and kept (requests come
// in bursts), each request a promise. Used by the spreadsheet and team work (sheets-work.js,
// team-work.js); the analysis has its own, which cancels stale requests.

/**
 * A function `ask(op, msg, progress)` sending `{op, id, ...msg}` to the worker at `url`. The
 * answer `{id, error}` rejects with an Error carrying the worker's `code` and `issues`; any
 * other resolves with `pick(answer)`. With `steps`, answers without `done` are progress, passed
 * to `progress(answer.phase)`. A worker that fails rejects all that wait and is started again
 * at the next request; where a page may not start one (the one-file build opened from
 * file://), each request rejects.
 */
export function workerClient(url, { steps = false, pick = (data) => data } = {}) {
  let worker = null;
  let seq = 0;
  const waiting = new Map(); // request id → {resolve, reject, progress}
  const start = () =>
    Object.assign(new Worker(url, { type: 'module' }), {
      onmessage: ({ data }) => {
        const w = waiting.get(data.id);
        if (!w) return;
        if (steps && !data.done && !data.error) return w.progress?.(data.phase);
        waiting.delete(data.id);
        data.error ? w.reject(Object.assign(new Error(data.error.message), data.error)) : w.resolve(pick(data));
      },
      onerror: (e) => {
        e.preventDefault?.();
        for (const w of waiting.values()) w.reject(new Error(e.message || 'worker'));
        waiting.clear();
        worker?.terminate();
        worker = null;
      },
    });
  return function ask(op, msg = {}, progress) {
    try {
      worker ??= start();
    } catch (e) {
      return Promise.reject(e);
    }
    const id = ++seq;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject, progress });
      worker.postMessage({ op, id, ...msg });
    });
  };
}
