// The Model: a framework and the scoring engine over it (the core wasm, pkg/), for the app and
// the embed alike. A Model is a value: pages and widgets hold their own and pass it on, so two
// widgets on one page may score with two frameworks, and the app holds one per framework version
// its records were made under (app/frameworks.js). The wasm is loaded once per page, and the
// default framework once per language (frameworks/default.<lang>.json, written by the build:
// the engine has none built in), from the URL of these files (import.meta.url), so a partner may
// host them under any path. The engine is given JSON text (the framework as fetched, each input
// as JSON.stringify writes it): read at once, with no walk through JS objects.
// Also here: what an input is to the engine (the date rule, the answer codes), shared by the
// app's records, the embed's widget and the workers.
import init, { score, scoreBatch, validate } from '../../pkg/resilience.js';
import { teamScores, teamContext, teamGroups } from './team.js';

/** A day, a month or a year (published figures are dated by year): the dates the engine reads. */
export const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
/** Whether `d` is dated by a year or a month only (YYYY, YYYY-MM), not a day. */
export const partialDate = (d) => DATE.test(d ?? '') && d.length < 10;

/** Whether `d` is a date the engine takes: a year, or a real month or day of one. */
export function isDate(d) {
  if (!DATE.test(d ?? '')) return false;
  if (d.length === 4) return true;
  const [y, m, day = 1] = d.split('-').map(Number);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return m >= 1 && m <= 12 && day >= 1 && day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** The answers a warning sign or trigger takes; the kinds of source and the confidence levels
 * evidence takes (docs/prevention-fields.md). Medium confidence is the default: never stored. */
export const STATUSES = ['present', 'absent', 'unknown'];
export const SOURCES = ['interview', 'focus_group', 'document', 'media', 'official_statistics', 'observation', 'reference_data'];
export const CONFIDENCE = ['low', 'medium', 'high'];

/** The warning-sign answers as the engine reads them: an item without a status yet (a note typed
 * first) is not assessed, a date still being typed is left out. Undefined when none. */
export function contextInput(c) {
  const out = {};
  for (const [id, v] of Object.entries(c ?? {})) {
    if (!STATUSES.includes(v?.status)) continue;
    out[id] = { status: v.status, ...(isDate(v.date) ? { date: v.date } : {}), ...(v.note ? { note: v.note } : {}) };
  }
  return Object.keys(out).length ? out : undefined;
}

/** The evidence as the engine reads it ({indicator: {source: [kinds], date, confidence}}), with
 * what says nothing left out. Undefined when none. */
export function evidenceInput(e) {
  const out = {};
  for (const [id, v] of Object.entries(e ?? {})) {
    const source = [v?.source ?? []].flat().filter((k) => SOURCES.includes(k));
    const o = { ...(source.length ? { source } : {}), ...(isDate(v?.date) ? { date: v.date } : {}) };
    if (v?.confidence === 'low' || v?.confidence === 'high') o.confidence = v.confidence;
    if (Object.keys(o).length) out[id] = o;
  }
  return Object.keys(out).length ? out : undefined;
}

/** What the engine reads of an input ({id, unit, date, scores, notes, context, evidence,
 * groups}): a date still being typed is left out rather than refused. Members without a value
 * are left out, not undefined: the engine's fast path (one JSON string) takes only objects that
 * JSON.stringify keeps whole. */
export function engineInput(a) {
  const o = {
    id: a.id,
    unit: a.unit,
    date: DATE.test(a.date ?? '') ? a.date : undefined,
    // A team's scores are derived from its assessors' and agreed answers (team.js).
    scores: teamScores(a),
    notes: a.notes,
    context: contextInput(teamContext(a)),
    evidence: evidenceInput(a.evidence),
    groups: teamGroups(a),
  };
  for (const k in o) if (o[k] === undefined) delete o[k];
  return o;
}
/** An input, or a batch of them, as the engine's JSON text. */
const text = (x) => JSON.stringify(x);

/** The reasons that may stand instead of a score: CSV / form code → the engine's name. */
export const REASONS = { dk: 'dont_know', na: 'not_applicable', unsafe: 'unsafe_to_ask' };
const CODES = Object.fromEntries(Object.entries(REASONS).map(([c, n]) => [n, c]));
/** An answer as a CSV cell or a form value: `3`, `dk`, `na`, `unsafe`, or '' when none. */
export const answerCode = (x) => (x == null ? '' : typeof x === 'object' ? (CODES[x.missing] ?? '') : String(x));
/** The answer a CSV cell or a form value stands for: a number, {missing}, or null. */
export function answerOf(code) {
  const c = code.trim();
  if (c === '') return null;
  const reason = REASONS[c.toLowerCase()];
  return reason ? { missing: reason } : Number(c.replace(',', '.'));
}
/** Whether a stored score (number, list of respondents' answers, or null) has any answer. */
export const scored = (v) => (Array.isArray(v) ? v.some((x) => x != null) : v != null);

/** A new random id for an assessment: never a name (ids are stored, and put in addresses, in the clear). */
export function newId() {
  const b = crypto.getRandomValues(new Uint8Array(6));
  return 'a-' + [...b].map((x) => x.toString(36).padStart(2, '0')).join('').slice(0, 10);
}

/** How many of `indicators` a result scored, of those that apply ("not applicable" ones are
 * left out of the count, as they are of the score): {k, n}. */
export function answered(r, indicators) {
  let k = 0;
  let n = 0;
  for (const i of indicators) {
    const v = r.nodes[i.id];
    if (v?.missing === 'not_applicable') continue;
    n++;
    if (v?.score != null) k++;
  }
  return { k, n };
}

/** An error as the engine throws them and the embed reports them: {code, message, issues}. */
export function problem(code, message, issues = []) {
  return Object.assign(new Error(message), { code, issues });
}

let loading = null;
let loaded = false;

/** Loads the wasm (once per page; a failure is tried again at the next call). */
export function load() {
  loading ??= init({ module_or_path: new URL('../../pkg/resilience_bg.wasm', import.meta.url) }).then(
    () => void (loaded = true),
    (e) => {
      loading = null;
      throw problem('engine', `the engine could not be loaded (${e.message})`);
    },
  );
  return loading;
}

/** Whether the engine is in: until then a Model scores nothing (score() gives null). */
export const scoring = () => loaded;

const leaves = (n) => (n.children ? n.children.flatMap(leaves) : [n]);

/** A framework, indexed for the views, and scoring under it. (The engine keeps the last
 * frameworks it read, by the identity of what it was given, `arg`: that never changes. The
 * default framework's object gains its form texts in place, texts(); no other is changed.) */
export class Model {
  /** `arg`: the framework as the engine is given it: `fw` itself, or the JSON text `fw` was
   * read from (which the engine reads faster). The engine keeps the last few it read, by
   * identity: a Model passes the same one every time. */
  constructor(fw, arg = fw, parts = null) {
    this.fw = fw;
    /** The framework's reference as records keep it: {id, version}. */
    this.ref = { id: fw.id, version: fw.version };
    /** The root's children (the four pillars of the default framework). */
    this.pillars = fw.root.children || [fw.root];
    /** Pillar id → its indicators (leaves), in order. */
    this.under = new Map(this.pillars.map((p) => [p.id, leaves(p)]));
    /** Every indicator in framework order. */
    this.indicators = this.pillars.flatMap((p) => this.under.get(p.id));
    this.ids = new Set(this.indicators.map((i) => i.id));
    /** Every node by id. */
    this.nodes = new Map();
    const walk = (n) => (this.nodes.set(n.id, n), n.children?.forEach(walk));
    walk(fw.root);
    /** The framework as the engine's functions take it. */
    this.arg = arg;
    /** The default framework's other parts (defaultModel): {texts, later, whole}. */
    this.parts = parts;
    /** Whether the form's texts of every pillar are in (see texts()). */
    this.complete = !parts;
  }

  /** Whether pillar `p`'s questions can be drawn: their texts are in. The default framework's
   * first part holds the first pillar's (tools/frameworks.mjs); texts() brings the others. */
  shown(p) {
    return this.complete || p === this.pillars[0];
  }

  /** Resolves to this Model once the form's texts of every pillar are in its framework (the
   * default framework's second part, default.<lang>.texts.json: the other pillars' definitions,
   * guidance and anchors' labels, the warning signs' guidance), put in place in `fw`, as a
   * translator's later texts are: what holds this Model sees them. Until then those anchors'
   * labels are empty; scoring reads none of these texts. */
  texts() {
    if (!this.parts) return Promise.resolve(this);
    this.textsP ??= this.parts.texts().then(
      () => ((this.complete = true), this),
      (e) => {
        this.textsP = null; // tried again at the next call
        throw e;
      },
    );
    return this.textsP;
  }

  /** The Model with the whole framework: this one, but for the default framework, whose
   * prevention measures and sources come in a third file (defaultModel): what shows them or
   * hands them on (the measures, the report, the spreadsheets, the workers) asks for this.
   * Scoring reads neither, so both Models score alike. */
  whole() {
    if (!this.parts) return Promise.resolve(this);
    // (Both fetched at once; the copy is made once the texts are in it.)
    this.wholeP ??= Promise.all([this.parts.later(), this.texts()])
      .then(([later]) => this.parts.whole(later))
      .catch((e) => {
        this.wholeP = null; // tried again at the next call
        throw e;
      });
    return this.wholeP;
  }

  /** The band `id` ({id, min, max, title}), from the framework's list; null for none. */
  band(id) {
    const b = this.fw.bands;
    const i = b.findIndex((x) => x.id === id);
    return i < 0 ? null : { ...b[i], max: b[i + 1]?.min ?? 100 };
  }

  /** How far `scores` answer the framework: {k, n} in all, and per pillar id. */
  progress(scores) {
    const count = (list) => ({ k: list.filter((i) => scored(scores[i.id])).length, n: list.length });
    return { all: count(this.indicators), pillars: new Map(this.pillars.map((p) => [p.id, count(this.under.get(p.id))])) };
  }

  /** Has the engine score an empty input under this framework: it reads the framework (and
   * keeps it) and compiles its scoring code then, 15–35 ms on a cold start, which the first
   * real score no longer waits for. */
  warm() {
    try {
      score('{"id":"warm","scores":{}}', this.arg);
    } catch {
      /* (the real score will say) */
    }
  }

  /** The result of one input, or null when the engine rejects it. */
  score(a) {
    try {
      return score(text(engineInput(a)), this.arg);
    } catch {
      return null;
    }
  }

  /** The engine's output for a list of inputs ({framework, results}); throws when it rejects one. */
  scoreBatch(inputs) {
    return scoreBatch(text({ assessments: inputs.map(engineInput) }), this.arg);
  }

  /** {valid, count, issues} of a batch object ({assessments}). */
  validate(x) {
    return validate(x, this.arg);
  }

  /** Problems [{path, message}] of one input against this framework. */
  check(a) {
    try {
      return validate(text({ assessments: [engineInput(a)] }), this.arg).issues;
    } catch (e) {
      return e.issues?.length ? e.issues : [{ path: '$', message: e.message }];
    }
  }
}

/** Checks a framework object and makes a Model of it; throws {code: 'invalid_framework', issues}.
 * validate() of no assessments throws the framework's problems (the core module has no
 * validateFramework). */
export function model(fw) {
  if (!fw || typeof fw !== 'object' || Array.isArray(fw)) throw problem('invalid_framework', 'a framework is a JSON object', [{ path: '$', message: 'not an object' }]);
  try {
    validate('{"assessments":[]}', fw);
  } catch (e) {
    const issues = e.issues || [];
    throw problem('invalid_framework', issues.length ? `the framework is not valid (${issues.length} problems)` : e.message, issues);
  }
  return new Model(fw);
}

const defaults = new Map(); // lang → promise of its Model (a failed fetch is tried again)
const files = new Map(); // file name → promise of its text (the same)

function frameworkText(file) {
  if (!files.has(file)) {
    const p = fetch(new URL(`../../frameworks/${file}`, import.meta.url)).then((r) => {
      if (!r.ok) throw problem('engine', `the framework could not be loaded (HTTP ${r.status})`);
      return r.text();
    });
    p.catch(() => files.delete(file));
    files.set(file, p);
  }
  return files.get(file);
}

/** The default framework's Model in `lang` (shared: it is never replaced): the structure, what
 * scoring, the list and the results read, and the first pillar's questions (tools/frameworks.mjs).
 * Its texts() puts the other pillars' questions in place (`texts`: their file is fetched now,
 * beside the first part, for a first screen that is a form or the embed's), and its whole()
 * brings the measures and sources too. Fetched in parallel with load(); scoring waits for both. */
export function defaultModel(lang, { texts = false } = {}) {
  if (texts) frameworkText(`default.${lang}.texts.json`).catch(() => {});
  if (!defaults.has(lang)) {
    const p = frameworkText(`default.${lang}.json`).then((json) => {
      const first = JSON.parse(json);
      const part = async (name) => {
        const x = JSON.parse(await frameworkText(`default.${lang}.${name}.json`));
        if (x.version !== first.version) throw problem('engine', `the framework's parts are of two versions (${first.version}, ${x.version})`);
        return x;
      };
      const parts = {
        // The other pillars' questions, put in place in `first` (read by the engine as `json`,
        // with empty labels: it scores alike).
        async texts() {
          const x = await part('texts');
          const walk = (n) => {
            const { labels, ...rest } = x.nodes[n.id] ?? {};
            Object.assign(n, rest);
            labels?.forEach((l, k) => n.scale?.anchors?.[k] && (n.scale.anchors[k].label = l));
            n.children?.forEach(walk);
          };
          walk(first.root);
          for (const c of first.context ?? []) Object.assign(c, x.context?.[c.id]);
          if (x.description) first.description = x.description; // (the help page's)
        },
        later: () => part('later'),
        // The whole framework: a copy with the later part's members put back into each indicator.
        whole(later) {
          const fw = structuredClone(first);
          const walk = (n) => (n.children ? n.children.forEach(walk) : Object.assign(n, later.indicators[n.id]));
          walk(fw.root);
          return new Model(fw, JSON.stringify(fw));
        },
      };
      return new Model(first, json, parts);
    });
    p.catch(() => defaults.delete(lang));
    defaults.set(lang, p);
  }
  // Put in place as soon as they are in, so that a form drawn after that is drawn whole.
  if (texts) defaults.get(lang).then((m) => m.texts()).catch(() => {});
  return defaults.get(lang);
}

/** The default framework's Model in `lang` with every pillar's texts in: what draws a whole
 * form at once (the embed's widgets). */
export const defaultForm = (lang) => defaultModel(lang, { texts: true }).then((m) => m.texts());
