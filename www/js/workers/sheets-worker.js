// Spreadsheets off the page's thread (pkg-sheets): the XLSForm and the results workbook, the
// responses CSV read back (the CLI's input: not in the core module, which only writes CSV), and
// Kobo/ODK and published-figure imports (CSV or .xlsx), which read, map and score a whole export (100,000 rows
// in about a second) and report each phase. The imported assessments stay here until the page
// takes them, in chunks, once the user has seen the report and confirmed. The page sends the
// framework object with each request (this module has none built in).
import init, { xlsform, importOdk, importReference, resultsXlsx, scoreBatch, assessmentsFromCsv } from '../../pkg-sheets/resilience.js';

const ready = init({ module_or_path: new URL('../../pkg-sheets/resilience_bg.wasm', import.meta.url) });
const PREVIEW = 50;
const ISSUES = 2000;
const BATCH = 1000; // assessments scored per engine call (a bounded result to hold at once)
let data = null; // the last files read (re-grouping reads them again from here)
let found = []; // the last import's assessments

/** Overall score and band of every assessment, in order, as the engine scores them under `fw`
 * (their answers only: ids by position, so that nothing but the answers can be refused). */
function scores(list, fw) {
  const out = [];
  for (let i = 0; i < list.length; i += BATCH) {
    const batch = list.slice(i, i + BATCH).map((a, k) => ({ id: String(k), scores: a.scores }));
    for (const r of scoreBatch({ assessments: batch }, fw).results) out.push({ score: r.overall.score, band: r.overall.band ?? null });
  }
  return out;
}

const ops = {
  async xlsform({ fw }) {
    const bytes = xlsform(fw);
    return [{ bytes }, [bytes.buffer]];
  },
  async responses({ text, fw }) {
    return [{ assessments: assessmentsFromCsv(text, fw).assessments }];
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
