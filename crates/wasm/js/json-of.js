// How the engine reads a JS value (crates/wasm/src/engine.rs, `read_value`): as JSON text, which
// the wasm reads (resilience::json::parse_js), or `[path, message]` where the value holds what
// JSON data cannot. Here rather than in the wasm, where this walk was 1.9 KB gzipped of the first
// load. `./build.sh build` writes this file into each module's resilience.js (no extra file).
//
// Plain data goes the fast way: JSON.stringify, kept when it is exact (every null was null or
// undefined, every object kept its members). Otherwise the value is walked, member by member:
// NaN and infinities are written as NaN, Infinity, -Infinity (the engine names them where they
// are), undefined is null (as a missing member), a Map's entries and any other iterable's items
// are read; functions, symbols, BigInts and nesting past the limit (a cycle) are refused at
// their path, in the engine's path syntax (resilience::value::path_key).

/** resilience::value::MAX_DEPTH */
const RESILIENCE_MAX_DEPTH = 64;

export function resilienceJsonOf(v) {
  try {
    const text = JSON.stringify(v);
    if (text !== undefined && resilienceSame(JSON.parse(text), v, 0)) return text;
  } catch {
    // a cycle or a BigInt: the walk names it
  }
  try {
    return resilienceWalk(v, '$', 0);
  } catch (e) {
    // (anything else thrown: a Proxy's trap, a Map's own iterator …)
    return Array.isArray(e) ? e : ['$', 'unreadable'];
  }
}

/** Whether `p`, read from JSON.stringify(js), is what `js` holds. */
function resilienceSame(p, js, depth) {
  if (p === null) return js === null || js === undefined;
  if (typeof p !== 'object') return true;
  // Deeper than the wasm's reader goes: the walk says where.
  if (depth >= RESILIENCE_MAX_DEPTH) return false;
  const at = (k) => {
    try {
      return js !== null && (typeof js === 'object' || typeof js === 'function') ? Reflect.get(js, k) : null;
    } catch {
      return null;
    }
  };
  const same = (x, k) => (x !== null && typeof x !== 'object') || resilienceSame(x, at(k), depth + 1);
  if (Array.isArray(p)) return p.every(same);
  const keys = Object.keys(p);
  return (
    js !== null &&
    typeof js === 'object' &&
    !(js instanceof Map) &&
    !(js instanceof Set) &&
    !ArrayBuffer.isView(js) &&
    Object.keys(js).length === keys.length &&
    keys.every((k) => same(p[k], k))
  );
}

/** A JSON object key added to a path, bracketed when it is not a plain identifier. */
function resilienceKey(path, key) {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return `${path}.${key}`;
  const q = key.replace(/["\\\u0000-\u001f]/g, (c) =>
    c === '"' || c === '\\' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${path}["${q}"]`;
}

/** `v` as JSON text (with NaN and the infinities), or a throw of `[path, message]`. */
function resilienceWalk(v, path, depth) {
  if (v === null || v === undefined) return 'null';
  const refuse = (what) => {
    throw [path, `expected JSON data, found ${what}`];
  };
  switch (typeof v) {
    case 'boolean':
    case 'string':
      return JSON.stringify(v);
    case 'number':
      // −0 as JSON has it: 0.
      return Number.isFinite(v) ? JSON.stringify(v) : String(v);
    case 'function':
      return refuse('a function');
    case 'symbol':
      return refuse('a symbol');
    case 'object':
      break;
    default:
      return refuse('a BigInt');
  }
  if (depth >= RESILIENCE_MAX_DEPTH) throw [path, `input nests more than ${RESILIENCE_MAX_DEPTH} levels deep`];
  const deeper = (x, at) => resilienceWalk(x, at, depth + 1);
  const member = (k, x) => `${JSON.stringify(k)}:${deeper(x, resilienceKey(path, k))}`;
  if (v instanceof Map) {
    const fields = [];
    for (const [k, x] of v) {
      if (typeof k !== 'string') refuse('a Map key that is not text');
      fields.push(member(k, x));
    }
    return `{${fields.join(',')}}`;
  }
  let items;
  try {
    const iterate = v[Symbol.iterator];
    const it = typeof iterate === 'function' ? iterate.call(v) : undefined;
    if (it !== null && typeof it === 'object' && typeof it.next === 'function') items = it;
  } catch {
    // not iterable after all: read as an object
  }
  if (items !== undefined) {
    const list = [];
    for (;;) {
      let next;
      try {
        next = items.next();
      } catch {
        throw [path, 'unreadable'];
      }
      if (next.done) break;
      list.push(deeper(next.value, `${path}[${list.length}]`));
    }
    return `[${list.join(',')}]`;
  }
  return `{${Object.keys(v)
    .map((k) => {
      let x;
      try {
        x = Reflect.get(v, k);
      } catch {
        // a getter that throws: as undefined
      }
      return member(k, x);
    })
    .join(',')}}`;
}
