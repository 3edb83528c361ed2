// The import flow: drop, picker, paste, URL; the per-file report against the native CLI;
// progress and cancel on a 10k-incident import; review edits that change the dashboard and
// survive a reload; export then import into a fresh profile; clearing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve } from './serve.mjs';
import { launch, openPage, dropFiles } from './browser.mjs';
import { demoArchive } from './native.mjs';

const root = path.resolve(process.env.DIST || 'dist');
const fixtures = path.resolve('tests/fixtures');
let server, browser;

before(async () => {
  server = await serve(root, '/');
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

// Our own fixture set: every format, a zip, and a corrupt file.
const SET = [
  'cstate/2024-03-05-queue-stall.md', 'cstate/2024-05-20-reversed.md', 'frontmatter/2022-11-03-panne-paiement.md',
  'statuspage/incidents.json', 'gcp/incidents.json', 'pagerduty/incidents.json', 'csv/void-style.csv',
  'freetext/fr-faits-cet.txt', 'freetext/en-timeline-utc.md', 'bulletin/weekly-2024.txt',
  'zip/quarter-bundle.zip', 'hostile/truncated.json',
];

/** A fixture's name as dropped: `gcp-incidents.json` (three formats share `incidents.json`). */
const dropName = (f) => f.replace('/', '-');

/** What the native CLI reports for the same files, keyed by file name (zip entries by inner path). */
function cliReport(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftermath-set-'));
  for (const f of files) fs.copyFileSync(path.join(fixtures, f), path.join(dir, dropName(f)));
  let out;
  try {
    out = execFileSync('cargo', ['run', '-q', '--bin', 'aftermath', '--', 'inspect', '--json', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
  } catch (e) { out = e.stdout; } // exit 1 when a file is rejected: the JSON is still complete.
  fs.rmSync(dir, { recursive: true, force: true });
  const doc = JSON.parse(out);
  const rows = Object.fromEntries(doc.files.map((f) => [f.path.slice(dir.length + 1), { format: f.format, status: f.status, incidents: f.incidents }]));
  return { rows, unique: new Set(doc.incidents.map((i) => i.id)).size };
}

async function drop(page, files) {
  await dropFiles(page, files.map((f) => ({ name: dropName(f), bytes: fs.readFileSync(path.join(fixtures, f)) })));
}

async function reportRows(page) {
  return page.getByTestId('report-row').evaluateAll((rows) => Object.fromEntries(rows.map((r) => [
    r.cells[0].textContent, { format: r.cells[1].textContent, status: r.cells[2].textContent, incidents: +r.cells[3].textContent },
  ])));
}

const kpi = async (page, key) => (await page.getByTestId(key).textContent()).trim();

test('dropping every format, a zip and a corrupt file: the report matches the CLI, the rest imports', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.origin + '/'); // dropped on the dashboard: the drop target is on every page
  await page.getByTestId('kpi-count').waitFor();
  await drop(page, SET);
  await page.getByTestId('notice').waitFor();
  const menus = () => page.evaluate(() => ['service', 'tag', 'source'].map((k) =>
    [...document.querySelectorAll(`[data-testid=filter-${k}] option`)].map((o) => o.value)));
  const inPage = await menus();
  assert.ok(inPage[2].includes('pagerduty-incidents.json'), `menus of the dropped files: ${JSON.stringify(inPage[2])}`);
  // The import page is in the whole app's bundle: the page loads again and reads the report
  // back from storage.
  await page.getByTestId('nav-import').click();
  await page.getByTestId('report-row').first().waitFor();
  const rows = await reportRows(page);
  const { rows: expected, unique } = cliReport(SET);
  assert.deepEqual(rows, expected);
  assert.equal(Object.keys(rows).length, SET.length + 1, 'one row per file, the zip as its two entries');
  assert.equal(rows['hostile-truncated.json'].status, 'rejected');
  assert.notEqual(rows['zip-quarter-bundle.zip!/q3/en-sev1-est.txt'].status, 'rejected');
  // The zip repeats the Google Cloud export under the same file name: same ids, merged once.
  const total = unique;
  assert.ok(total < Object.values(expected).reduce((s, r) => s + r.incidents, 0));
  await page.getByTestId('nav-dashboard').click();
  assert.equal(await page.getByTestId('kpi-count').locator('.big').textContent(), String(total));
  assert.equal(await page.getByTestId('demo-banner').count(), 0);
  // Dropping the same files again merges duplicates by id instead of doubling them.
  await drop(page, SET.slice(0, 3));
  await page.getByTestId('notice').waitFor();
  await page.waitForFunction((n) => document.querySelector('[data-testid=kpi-count] .big')?.textContent === n, String(total));
  // The filter menus, rewritten in the page when the drop replaced the demo, list what a reload
  // lists.
  await page.reload();
  await page.getByTestId('kpi-count').waitFor();
  assert.deepEqual(await menus(), inPage);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the first load fetches its bundle only; a rarer page loads the whole app, once an import under way is saved', async () => {
  const { context, page, problems } = await openPage(browser);
  const fetched = [];
  page.on('request', (r) => { const m = new URL(r.url()).pathname.match(/(aftermath-(?:web|full))-[0-9a-f]+(?:_bg\.wasm|\.js)$/); if (m) fetched.push(m[1]); });
  await page.goto(server.origin + '/');
  await page.getByTestId('kpi-count').waitFor();
  assert.deepEqual(fetched, ['aftermath-web', 'aftermath-web'], 'the first load: its JS and wasm, not the whole app');
  // 30k incidents in 60 files: still being read when the Import link is followed.
  const archive = demoArchive(10000, 365, 5);
  const parts = [0, 1, 2].flatMap((k) => Array.from({ length: 20 }, (_, i) => ({
    name: `copy-${k}-part-${String(i).padStart(2, '0')}.json`,
    bytes: Buffer.from(JSON.stringify({ aftermath: 1, incidents: archive.incidents.slice(i * 500, (i + 1) * 500).map((inc) => ({ ...inc, id: `${k}-${inc.id}` })) })),
  })));
  await dropFiles(page, parts);
  await page.getByTestId('import-progress').waitFor();
  await page.evaluate(() => { window.stayed = true; });
  await page.getByTestId('nav-import').click();
  // The first load's bundle has no import page: it waits for the import to be saved, then
  // loads the page again with the whole app.
  assert.match(await page.getByTestId('opening-whole-app').textContent(), /once the import is saved/);
  await page.getByTestId('page-import').waitFor({ timeout: 60000 });
  assert.equal(await page.evaluate(() => window.stayed), undefined, 'loaded again');
  // Through the site's root (every host serves it), then at the page's own address.
  assert.equal(new URL(page.url()).pathname, '/import');
  assert.deepEqual(fetched.slice(2), ['aftermath-full', 'aftermath-full']);
  // Every file is in the report (50 lines a page), and every incident on the dashboard.
  await page.getByTestId('report-row').first().waitFor();
  assert.equal(await page.getByTestId('report-row').count(), 50);
  assert.equal((await page.getByTestId('report-page').textContent()).trim(), 'Page 1 of 2');
  await page.getByTestId('nav-dashboard').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=kpi-count] .big')?.textContent === '30000');
  // A deep link to a rarer page fetches the whole app only.
  const other = await openPage(browser);
  const direct = [];
  other.page.on('request', (r) => { const m = new URL(r.url()).pathname.match(/(aftermath-(?:web|full))-[0-9a-f]+(?:_bg\.wasm|\.js)$/); if (m) direct.push(m[1]); });
  await other.page.goto(server.origin + '/review');
  await other.page.getByTestId('page-review').waitFor();
  assert.deepEqual(direct, ['aftermath-full', 'aftermath-full']);
  assert.deepEqual(other.problems, []);
  await other.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('back from an import in the whole app, the first load\'s dashboard shows the new data', async () => {
  // With the back/forward cache on (Playwright turns it off), as in a user's Chrome: the
  // first load's page was replaced by the whole app's (never kept in memory), so back loads
  // it again from storage.
  const cached = await launch({ ignoreDefaultArgs: ['--disable-back-forward-cache'] });
  const { context, page, problems } = await openPage(cached);
  await page.goto(server.origin + '/');
  await page.getByTestId('kpi-count').waitFor();
  assert.equal((await page.getByTestId('kpi-count').locator('.big').textContent()).trim(), '300', 'the demo');
  await page.getByTestId('nav-import').click();
  await page.getByTestId('page-import').waitFor();
  await page.getByTestId('file-input').setInputFiles(path.join(fixtures, 'cstate/2024-03-05-queue-stall.md'));
  await page.getByTestId('notice').waitFor();
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[data-testid=kpi-count] .big')?.textContent.trim() === '1');
  assert.match(await page.evaluate(() => window.aftermathBundle[0]), /aftermath-web-/);
  assert.deepEqual(problems, []);
  await context.close();
  await cached.close();
});

test('a 10k-incident import shows progress, keeps the page responsive, and can be cancelled', async () => {
  const archive = demoArchive(10000, 365, 5);
  const parts = [];
  for (let i = 0; i < 20; i++) {
    parts.push({
      name: `part-${String(i).padStart(2, '0')}.json`, mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ aftermath: 1, incidents: archive.incidents.slice(i * 500, (i + 1) * 500) })),
    });
  }
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.origin + '/import');
  // Cancel first: nothing is added. (Three times the files, so that the import is still
  // running when cancel is pressed: the worker reads 10k incidents in a fraction of a second.)
  const many = [0, 1, 2].flatMap((k) => parts.map((p) => ({ ...p, name: `copy-${k}-${p.name}` })));
  await page.getByTestId('file-input').setInputFiles(many);
  await page.getByTestId('import-progress').waitFor();
  await page.getByTestId('import-cancel').click();
  await page.getByTestId('import-progress').waitFor({ state: 'detached' });
  assert.match(await page.getByTestId('notice').textContent(), /cancelled/);
  assert.equal(await page.getByTestId('report-row').count(), 0);
  // Then the whole import; while it runs, navigation and typing still work.
  await page.getByTestId('file-input').setInputFiles(parts);
  await page.getByTestId('import-progress').waitFor();
  assert.match(await page.getByTestId('import-progress').textContent(), /of 20 files/);
  await page.getByTestId('nav-about').click();
  await page.getByTestId('page-about').waitFor({ timeout: 2000 });
  assert.equal(await page.getByTestId('import-progress').count(), 1, 'progress stays visible on other pages');
  await page.getByTestId('notice').waitFor({ timeout: 120000 });
  await page.getByTestId('nav-dashboard').click();
  assert.equal(await page.getByTestId('kpi-count').locator('.big').textContent(), '10000');
  assert.deepEqual(problems, []);
  await context.close();
});

test('edits change the numbers, survive a reload, and export/import gives the same archive in a fresh profile', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftermath-export-'));
  const { context, page, problems } = await openPage(browser, { acceptDownloads: true });
  await page.goto(server.origin + '/import');
  await page.getByTestId('file-input').setInputFiles(['cstate/2024-03-05-queue-stall.md', 'statuspage/incidents.json', 'freetext/en-no-year.txt'].map((f) => path.join(fixtures, f)));
  await page.getByTestId('notice').waitFor();
  await page.getByTestId('nav-dashboard').click();
  const n0 = await kpi(page, 'kpi-ttr-n');
  // Review: the year-less postmortem is highlighted as inferred.
  await page.getByTestId('nav-review').click();
  const rows = page.getByTestId('review-row');
  await rows.first().waitFor();
  assert.ok(await page.locator('[data-testid=review-row] td.inferred').count() > 0, 'inferred fields highlighted');
  // Exclude an incident that has a duration (the queue stall), retitle it, raise its severity.
  const index = await rows.evaluateAll((trs) => trs.findIndex((tr) => tr.querySelector('[data-testid=edit-title]').value === 'Build queue stalled'));
  assert.ok(index >= 0, 'the queue stall is listed');
  const first = rows.nth(index);
  const id = await first.getAttribute('data-id');
  await first.getByTestId('edit-title').fill('Renamed by review');
  await first.getByTestId('edit-title').press('Tab');
  await first.getByTestId('edit-severity').selectOption('1');
  await first.getByTestId('edit-excluded').check();
  await page.getByTestId('nav-dashboard').click();
  const n1 = await kpi(page, 'kpi-ttr-n');
  assert.notEqual(n1, n0, 'excluding an incident changes n');
  assert.match(await page.getByTestId('kpi-ttr').textContent(), /1 excluded/);
  // Reload: incidents and edits are back from IndexedDB.
  await page.reload();
  await page.getByTestId('kpi-ttr-n').waitFor();
  assert.equal(await kpi(page, 'kpi-ttr-n'), n1);
  await page.goto(`${server.origin}/incidents/${id}`);
  assert.match(await page.getByTestId('page-incident').locator('h1').textContent(), /Renamed by review/);
  // Re-importing the same file keeps the edit (edits are keyed by the stable id).
  await page.goto(server.origin + '/import');
  await page.getByTestId('file-input').setInputFiles(path.join(fixtures, 'cstate/2024-03-05-queue-stall.md'));
  await page.getByTestId('notice').waitFor();
  await page.goto(`${server.origin}/incidents/${id}`);
  assert.match(await page.getByTestId('page-incident').locator('h1').textContent(), /Renamed by review/);
  // Export, then import into a fresh browser profile, then export again: identical.
  await page.goto(server.origin + '/import');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-archive').click()]);
  const exported = path.join(dir, 'first.json');
  await download.saveAs(exported);
  const fresh = await browser.newContext({ acceptDownloads: true });
  const other = await fresh.newPage();
  await other.goto(server.origin + '/import');
  await other.getByTestId('file-input').setInputFiles(exported);
  await other.getByTestId('notice').waitFor();
  const [again] = await Promise.all([other.waitForEvent('download'), other.getByTestId('export-archive').click()]);
  const second = path.join(dir, 'second.json');
  await again.saveAs(second);
  const a = JSON.parse(fs.readFileSync(exported, 'utf8'));
  const b = JSON.parse(fs.readFileSync(second, 'utf8'));
  assert.ok(a.incidents.some((i) => i.title === 'Renamed by review' && i.excluded && i.severity.level === 1), 'edits are in the export');
  assert.deepEqual(b, a);
  await fresh.close();
  // CSV exports download too.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-incidents-csv').click()]);
  await csv.saveAs(path.join(dir, 'incidents.csv'));
  assert.match(fs.readFileSync(path.join(dir, 'incidents.csv'), 'utf8'), /^id,title,started_at/);
  // Clear everything (confirmed): gone now and after a reload (the demo comes back).
  page.on('dialog', (d) => d.accept());
  await page.getByTestId('clear-all').click();
  await page.getByTestId('empty-import').waitFor();
  // Said once the browser's storage is cleared: a reload then starts afresh.
  await page.getByTestId('notice').filter({ hasText: 'Everything was cleared' }).waitFor();
  await page.reload();
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('demo-banner').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('paste, same-origin URL load, and a plain-words CORS failure', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.origin + '/import');
  await page.getByText('Load from a URL').click();
  await page.getByTestId('url-input').fill(server.origin + '/demo/archive.json');
  await page.getByTestId('url-load').click();
  await page.getByTestId('notice').waitFor();
  assert.match(await page.getByTestId('notice').textContent(), /300 incidents/);
  await page.getByTestId('url-input').fill('http://127.0.0.1:59999/blocked.json');
  await page.getByTestId('url-load').click();
  const error = page.getByTestId('error-banner');
  await error.waitFor();
  assert.match(await error.textContent(), /cross-origin requests \(CORS\).*download the file and drop it here/);
  // The failed request is the expected one; nothing else went wrong.
  assert.deepEqual(problems.filter((p) => !p.includes('59999') && !p.includes('ERR_CONNECTION_REFUSED')), []);
  await context.close();
});
