// Imports as the browser keeps them: each import saved by the worker as its own batch, merged
// on load with removals applied. What the page shows after in-page imports and removals must
// equal what a reload shows. And the report of a large zip: alike rejections grouped, pages,
// only problems.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve } from './serve.mjs';
import { launch, openPage, renderAll } from './browser.mjs';

const root = path.resolve(process.env.DIST || 'dist');
const fixtures = path.resolve('tests/fixtures');
let server, browser, dir;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftermath-storage-'));
  server = await serve(root, '/');
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); fs.rmSync(dir, { recursive: true, force: true }); });

/** What the page shows of the imports: incident titles (sorted) and report rows. */
async function shown(page) {
  await page.goto(server.origin + '/incidents');
  await page.getByTestId('incident-count').waitFor();
  const titles = (await page.getByTestId('incident-row').locator('td:first-child a').allTextContents()).sort();
  await page.goto(server.origin + '/import');
  await page.getByTestId('import-report').waitFor();
  const rows = await page.getByTestId('report-row').evaluateAll((trs) => trs.map((r) => `${r.cells[0].textContent} ${r.cells[2].textContent} ${r.cells[3].textContent}`));
  return { count: await page.getByTestId('import-report').locator('caption').textContent(), titles, rows };
}

async function importFiles(page, files) {
  await page.goto(server.origin + '/import');
  await page.getByTestId('page-import').waitFor();
  await page.getByTestId('file-input').setInputFiles(files);
  await page.getByTestId('notice').waitFor();
  return page.getByTestId('notice').textContent();
}

test('overlapping imports and a removal: the page after them equals the page after a reload', async () => {
  const { context, page, problems } = await openPage(browser);
  const august = path.join(fixtures, 'pagerduty/export-august.json');
  const q3 = path.join(fixtures, 'pagerduty/export-q3.json');
  assert.match(await importFiles(page, [august, path.join(fixtures, 'cstate/2024-03-05-queue-stall.md')]), /Read 2 files/);
  assert.match(await importFiles(page, [q3]), /already imported, updated/);
  // Remove the cState file imported first.
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Remove 2024-03-05-queue-stall.md' }).click();
  await page.waitForFunction(() => ![...document.querySelectorAll('[data-testid=report-row]')].some((r) => r.textContent.includes('queue-stall')));
  const before = await shown(page);
  assert.ok(before.titles.length > 0);
  assert.ok(!before.titles.some((t) => /Build queue stalled/.test(t)), 'the removed file is gone');
  assert.equal(before.rows.length, 2, 'one row per file: the later import of a file replaces its row');
  await page.reload();
  const after = await shown(page);
  assert.deepEqual(after, before);
  // The same in a new tab of this profile.
  const other = await context.newPage();
  const again = await shown(other);
  assert.deepEqual(again, before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a zip of many alike rejections: one grouped line that opens, pages, only problems', async () => {
  const zip = path.join(dir, 'posts.zip');
  execFileSync('python3', ['tests/bench/gen_zip.py', '130', zip, '62']);
  const { context, page, problems } = await openPage(browser);
  assert.match(await importFiles(page, [zip]), /Read 130 files: 62 incidents found, 68 files rejected/);
  // Entries in name order: a.md, the notes (one line), 60 posts, z.md: 63 lines, 50 a page.
  const group = page.getByTestId('report-group');
  assert.equal(await group.count(), 1);
  assert.equal(await page.getByTestId('report-row').count(), 49);
  assert.equal(await page.getByTestId('report-page').textContent(), 'Page 1 of 2');
  assert.match(await group.locator('summary').textContent(), /^68 entries of posts\.zip: no incident date found$/);
  await group.locator('summary').click();
  assert.equal(await group.locator('.group-files li').count(), 68);
  assert.equal(await group.locator('.group-files li').first().textContent(), 'posts.zip!/notes/00000.md');
  assert.match(await group.locator('p.muted').first().textContent(), /^no incident date found in the text/);
  await renderAll(page);
  await page.screenshot({ path: path.resolve('tests/e2e/screenshots/import-report-grouped-desktop-light.png'), fullPage: true });
  await page.getByTestId('report-next').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=report-page]')?.textContent === 'Page 2 of 2');
  assert.equal(await page.getByTestId('report-row').count(), 13);
  await page.getByTestId('report-problems-only').check();
  assert.equal(await page.getByTestId('report-row').count(), 0, 'no file with a problem but the grouped ones');
  assert.equal(await group.count(), 1);
  assert.equal(await page.getByTestId('report-next').count(), 0, 'one page');
  assert.deepEqual(problems, []);
  await context.close();
});
