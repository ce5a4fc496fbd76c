// Spreadsheets off the page's thread (pkg-sheets): the XLSForm and the results workbook, and
// Kobo/ODK and published-figure imports (CSV or .xlsx), which read, map and score a whole export (100,000 rows
// in about a second) and report each phase. The imported assessments stay here until the page
// takes them, in chunks, once the user has seen the report and confirmed.
import init, { xlsform, importOdk, importReference, resultsXlsx, resultsCsv } from '../../pkg-sheets/resilience.js';
import { answerCode } from '../app/records.js';

const ready = init({ module_or_path: new URL('../../pkg-sheets/resilience_bg.wasm', import.meta.url) });
const PREVIEW = 50;
const ISSUES = 2000;
let data = null; // the last files read (re-grouping reads them again from here)
let found = []; // the last import's assessments

const leaves = (n) => (n.children ? n.children.flatMap(leaves) : [n.id]);

/** The assessments as the engine's responses CSV (one row per respondent, ids a0, a1 … in
 * order): handing the engine one string is much faster than a large object graph. */
function responses(list, ids) {
  const rows = ['id,' + ids.join(',')];
  const m = ids.length;
  const vals = new Array(m);
  for (let i = 0; i < list.length; i++) {
    const sc = list[i].scores;
    let n = 1;
    for (let j = 0; j < m; j++) {
      const v = sc[ids[j]];
      vals[j] = v;
      if (Array.isArray(v) && v.length > n) n = v.length;
    }
    for (let k = 0; k < n; k++) {
      let r = 'a' + i;
      for (let j = 0; j < m; j++) {
        const v = vals[j];
        const x = Array.isArray(v) ? v[k] : k ? undefined : v;
        r += ',' + answerCode(x);
      }
      rows.push(r);
    }
  }
  return rows.join('\n') + '\n';
}

/** Overall score and band of every assessment, in order (from the engine's results CSV). */
function scores(list, fw) {
  if (!list.length) return [];
  const lines = resultsCsv(responses(list, leaves(fw.root)), fw).split('\n');
  const out = new Array(list.length);
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const c = lines[i].split(',', 5); // id (a<k>), unit, date (empty), overall, band
    out[Number(c[0].slice(1))] = { score: c[3] === '' ? null : Number(c[3]), band: c[4] || null };
  }
  return out;
}

const ops = {
  async xlsform({ fw }) {
    const bytes = xlsform(fw);
    return [{ bytes }, [bytes.buffer]];
  },
  async xlsx({ inputs, fw, lang }) {
    const bytes = resultsXlsx({ assessments: inputs }, fw, lang);
    return [{ bytes }, [bytes.buffer]];
  },
  async import({ id, kind, files, group, fw }) {
    const phase = (p) => postMessage({ id, phase: p });
    phase('reading');
    // The bytes as they are: the engine reads the encoding (UTF-8, UTF-16, Windows-1252) and .xlsx.
    if (files) data = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    phase('mapping');
    found = [];
    const out = kind === 'odk' ? importOdk(data[0].bytes, group ? { group } : {}, fw) : importReference(data, {}, fw);
    phase('scoring');
    const results = scores(out.assessments, fw);
    found = out.assessments;
    const report = { ...out.report, issue_count: out.report.issues.length, issues: out.report.issues.slice(0, ISSUES) };
    const preview = found.slice(0, PREVIEW).map((a, i) => ({
      unit: a.unit,
      date: a.date,
      respondents: Math.max(1, ...Object.values(a.scores).map((v) => (Array.isArray(v) ? v.length : 1))),
      ...results[i],
    }));
    const scored = results.filter((r) => r.score != null).length;
    return [{ report, count: found.length, scored, preview }];
  },
  async take({ from, n }) {
    return [{ assessments: found.slice(from, from + n) }];
  },
  async forget() {
    data = null;
    found = [];
    return [{}];
  },
};

onmessage = async ({ data }) => {
  try {
    await ready;
    const [out, transfer = []] = await ops[data.op](data);
    postMessage({ id: data.id, done: true, ...out }, transfer);
  } catch (e) {
    postMessage({ id: data.id, done: true, error: { message: String(e?.message ?? e), code: e?.code, issues: e?.issues } });
  }
};
