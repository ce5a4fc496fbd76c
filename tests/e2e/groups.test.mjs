// Scores by group: the same indicators scored "as experienced by" named groups. A gap of two
// steps or more between groups on a critical indicator is an alarm naming both; each group's
// pillar scores are the CLI's for the same input; groups survive a reload, the JSON and CSV
// exports (read back by the CLI) and an import on another device.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { after, test as nodeTest } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite, using, open, reload, cli, shown, FRAMEWORK, PILLARS, INDICATORS } from './harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'resilience-groups-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const app = suite();

const CRITICAL = 'security.lawful_force';
const CRITICALS = new Set(FRAMEWORK.root.children.flatMap((p) => p.children.filter((i) => i.critical).map((i) => i.id)));

async function exported(page, kind) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`main [data-export="${kind}"]`)]);
  return readFileSync(await dl.path(), 'utf8');
}

/** Adds a group on the form and names it `name` (the last group added). */
async function addGroup(page, name) {
  const before = await page.locator('[data-group-name]').count();
  await page.click('[data-group-add]');
  const input = page.locator('[data-group-name]').nth(before);
  await input.fill(name);
  await page.waitForFunction((n) => document.querySelector(`input[type=radio][data-group="${CSS.escape(n)}"]`), name);
}

/** The group pillar scores shown on the results page: {group: {pillar: text}}. */
const groupCells = (page) =>
  page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('.by-group [data-group][data-p]')) (out[el.dataset.group] ??= {})[el.dataset.p] = el.textContent;
    return out;
  });

app.test('two groups three steps apart on a critical indicator: a group-gap alarm naming both; group scores are the CLI’s', async (h) => {
  const p = h.page;
  await open(p, h.url);
  await p.click('#new');
  await p.waitForFunction(() => document.activeElement?.name === 'unit');
  await p.fill('input[name=unit]', 'Groups district');
  // The whole population: every indicator at 2.
  for (const id of INDICATORS) await p.check(`input[name="s-${id}"][value="2"]`);
  // "Women": the critical indicator at 0, the other critical ones at 2, the rest at 3.
  await addGroup(p, 'Women <b>& girls</b>');
  await p.check('input[type=radio][data-group="Women <b>& girls</b>"]');
  await p.waitForSelector('.scoring-for:not([hidden])');
  assert.match(await p.textContent('.scoring-for'), /Women <b>& girls<\/b>/, 'the bar says whose experience is scored');
  // The choices show the group's answers (none yet), not the whole's.
  assert.equal(await p.isChecked(`input[name="s-${INDICATORS[0]}"][value="2"]`), false);
  for (const id of INDICATORS) await p.check(`input[name="s-${id}"][value="${id === CRITICAL ? 0 : CRITICALS.has(id) ? 2 : 3}"]`);
  // "Displaced people": the critical indicator at 3, the other critical ones at 2, the rest at 1.
  await addGroup(p, 'Displaced people');
  await p.check('input[type=radio][data-group="Displaced people"]');
  for (const id of INDICATORS) await p.check(`input[name="s-${id}"][value="${id === CRITICAL ? 3 : CRITICALS.has(id) ? 2 : 1}"]`);
  // Back to the whole: its answers again.
  await p.check('input[type=radio][data-group=""]');
  assert.equal(await p.isChecked(`input[name="s-${CRITICAL}"][value="2"]`), true);

  // Kept through a reload (stored at once).
  await reload(p);
  await p.check('input[type=radio][data-group="Women <b>& girls</b>"]');
  assert.equal(await p.isChecked(`input[name="s-${CRITICAL}"][value="0"]`), true);

  const id = decodeURIComponent(p.url().split('#/a/')[1].split('?')[0]);
  await open(p, h.url, `#/r/${id}`);
  // (The first alarms: the assessment's; each group's own follow in the section by group.)
  const alarm = p.locator('.alarms').first().locator('[data-kind="group_gap"]');
  assert.equal(await alarm.count(), 1, 'one group-gap alarm');
  assert.equal(await alarm.getAttribute('data-alarm'), CRITICAL);
  const text = await alarm.textContent();
  assert.ok(text.includes('Women <b>& girls</b>') && text.includes('Displaced people'), `the alarm names both groups: ${text}`);
  assert.equal(await p.locator('.alarms b').count(), 0, 'a group name never becomes markup');

  // Each group's scores, as the CLI computes them from the exported file.
  const json = await exported(p, 'json');
  writeFileSync(join(dir, 'g.json'), json);
  const res = JSON.parse(cli(join(dir, 'g.json'))).results[0];
  assert.deepEqual(res.groups.map((g) => g.name), ['Women <b>& girls</b>', 'Displaced people']);
  const cells = await groupCells(p);
  for (const g of res.groups) {
    assert.equal(cells[g.name].overall, shown(g.overall.score), `${g.name}: overall`);
    for (const pid of PILLARS) assert.equal(cells[g.name][pid], shown(g.pillars[pid].score), `${g.name}: ${pid}`);
  }
  // Per pillar, the gap between the best- and worst-off group, both named.
  for (const g of res.group_gaps) {
    const gap = await p.textContent(`[data-gap="${g.pillar}"]`);
    assert.ok(gap.includes(shown(g.gap)) && gap.includes(g.worst) && gap.includes(g.best), `${g.pillar}: ${gap}`);
  }
  assert.equal(res.group_gaps.length, PILLARS.length);
  assert.ok(res.alarms.some((a) => a.kind === 'group_gap' && a.worst_group === 'Women <b>& girls</b>' && a.best_group === 'Displaced people'));

  // Another device imports the JSON: the same groups, the same file out.
  await using(await app.start(), async (b) => {
    await open(b.page, b.url);
    writeFileSync(join(dir, 'in.json'), json);
    await b.page.setInputFiles('input[type=file]', join(dir, 'in.json'));
    await b.page.waitForSelector('#toast .toast');
    assert.equal(await exported(b.page, 'json').then((t) => JSON.parse(t).assessments.find((a) => a.unit === 'Groups district').groups).then(JSON.stringify), JSON.stringify(JSON.parse(json).assessments[0].groups));
  });

  // In French, the alarm names both groups too.
  await p.selectOption('#lang', 'fr');
  await p.waitForFunction(() => document.documentElement.lang === 'fr' && document.querySelector('.alarms [data-kind="group_gap"]')?.textContent.includes('tel que vécu par'));
});

app.test('a group renamed, removed and restored keeps its answers; a name taken twice is refused', async (h) => {
  const p = h.page;
  await open(p, h.url);
  await p.click('#new');
  await p.waitForFunction(() => document.activeElement?.name === 'unit');
  await addGroup(p, 'North');
  await addGroup(p, 'South');
  await p.check('input[type=radio][data-group="North"]');
  await p.check(`input[name="s-${CRITICAL}"][value="1"]`);
  // A name already taken: said, and not stored.
  await p.locator('[data-group-name]').nth(1).fill('North');
  await p.waitForSelector('[data-group-name][aria-invalid]');
  assert.match(await p.textContent('.groups'), /Another group already has this name/);
  await p.locator('[data-group-name]').nth(1).press('Tab');
  assert.equal(await p.locator('[data-group-name]').nth(1).inputValue(), 'South', 'the stored name is put back');
  // Renaming the picked group keeps it picked, with its answers.
  await p.locator('[data-group-name]').nth(0).fill('North-east');
  await p.waitForFunction(() => document.querySelector('.scoring-for')?.textContent.includes('North-east'));
  await reload(p);
  await p.check('input[type=radio][data-group="North-east"]');
  assert.equal(await p.isChecked(`input[name="s-${CRITICAL}"][value="1"]`), true);
  // Removed, then restored with Undo.
  await p.click('.groups li:nth-child(2) button.link');
  await p.waitForFunction(() => !document.querySelector('input[type=radio][data-group="North-east"]'));
  await p.click('#toast button:not(.x)');
  await p.check('input[type=radio][data-group="North-east"]');
  assert.equal(await p.isChecked(`input[name="s-${CRITICAL}"][value="1"]`), true);
});

/** An assessment scored by two groups, as a file. */
const GROUPED = {
  assessments: [
    {
      id: 'g-1',
      unit: 'Lakeside',
      date: '2026-03-01',
      scores: Object.fromEntries(INDICATORS.map((id) => [id, 2])),
      groups: {
        Pastoralists: { scores: Object.fromEntries(INDICATORS.map((id) => [id, id === CRITICAL ? 0 : 2])) },
        Farmers: { scores: Object.fromEntries(INDICATORS.map((id) => [id, 3])) },
      },
    },
  ],
};

app.test('a responses CSV with a group column imports with its groups', async (h) => {
  const p = h.page;
  await open(p, h.url);
  const head = ['id', 'unit', 'date', 'group', ...INDICATORS].join(',');
  const row = (group, f) => ['g-1', 'Lakeside', '2026-03-01', group, ...INDICATORS.map(f)].join(',');
  const csv = [head, row('', () => 2), row('Pastoralists', (id) => (id === CRITICAL ? 0 : 2)), row('Farmers', () => 3)].join('\n') + '\n';
  writeFileSync(join(dir, 'in.csv'), csv);
  await p.setInputFiles('input[type=file]', join(dir, 'in.csv'));
  await p.waitForSelector('#toast .toast');
  const json = JSON.parse(await exported(p, 'json')).assessments.find((a) => a.id === 'g-1');
  assert.deepEqual(json.groups, GROUPED.assessments[0].groups);
  const id = await p.getAttribute('.card:has-text("Lakeside")', 'data-id');
  await open(p, h.url, `#/r/${id}`);
  assert.match(await p.textContent('.alarms [data-kind="group_gap"]'), /Pastoralists.*Farmers/);
  // Compare carries each group's overall index, as the CLI scores it.
  writeFileSync(join(dir, 'grouped.json'), JSON.stringify(GROUPED));
  const res = JSON.parse(cli(join(dir, 'grouped.json'))).results[0];
  await open(p, h.url, `#/compare?ids=${id}`);
  for (const g of res.groups) {
    const row = p.locator('table.cmp tbody tr').filter({ hasText: `As experienced by: ${g.name}` });
    assert.equal(await row.locator('.num').textContent(), shown(g.overall.score), g.name);
  }
});

// Needs the engine's styled CSV writer (src/csv_output.rs write_assessments_csv, which
// assessmentsToCsv calls) to write the `group` column as csv_input::write_csv does; the app
// passes groups through (shared/model.js engineInput). Enable once it does.
nodeTest('the responses CSV carries the groups, and the CLI scores it as the JSON', { timeout: 5 * 60_000 }, async () => {
  await using(await app.start(), async (h) => {
    const p = h.page;
    await open(p, h.url);
    writeFileSync(join(dir, 'grouped.json'), JSON.stringify(GROUPED));
    await p.setInputFiles('input[type=file]', join(dir, 'grouped.json'));
    await p.waitForSelector('#toast .toast');
    const csv = await exported(p, 'csv');
    assert.match(csv.split('\n')[0], /^id,unit,date,group,/);
    writeFileSync(join(dir, 'g.csv'), csv);
    assert.deepEqual(JSON.parse(cli(join(dir, 'g.csv'))).results.find((r) => r.id === 'g-1').groups, JSON.parse(cli(join(dir, 'grouped.json'))).results[0].groups);
  });
});
