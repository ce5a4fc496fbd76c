// The page's side of workers/team-worker.js: merging assessors' files (mergeTeam) and their
// agreement (teamAgreement), each a promise. The worker starts on first use and
// stays (merges and agreement come in bursts: an import, a results page).
import { workerClient } from './worker-client.js';

// (No worker where the page may not start one, the one-file build from file://: each request
// rejects, and the page says the team functions are unavailable.)
const ask = workerClient(new URL('../workers/team-worker.js', import.meta.url), { pick: (data) => data.value });

let names = null;
/** Whether this version of the app has the wasm function `name` (mergeTeam, teamAgreement). */
export const has = async (name) => (await (names ??= ask('has', { names: ['mergeTeam', 'teamAgreement'] }))).includes(name);

/** Merges files ([{name, text}]) into {assessments: [...]} (docs/team.md); throws
 * {code, issues: [{path, message}]}, each path naming its file. */
export const mergeTeam = (files) => ask('merge', { files });

/** The agreement of one team assessment (a file's form: team-data.js teamFile) under framework
 * `fw` (the object): {assessors, alpha, exact, within_one, indicators, by_disagreement}. */
export const teamAgreement = (input, fw) => ask('agreement', { input, fw });
