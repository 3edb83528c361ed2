// Figures a manager must be able to trust, as the page shows them after in-page changes:
// each checked against a fresh load of the same permalink (a cache or a kept memo must never
// show something a reload would not).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, openPage, renderAll } from './browser.mjs';

const root = path.resolve(process.env.DIST || 'dist');
let server, browser;

before(async () => {
  server = await serve(root, '/');
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

/** The heatmap's week labels and day cells, as drawn. */
async function heatGrid(page) {
  return page.getByTestId('heatmap-chart').evaluate((svg) => ({
    weeks: [...svg.querySelectorAll('text.wk')].map((t) => t.textContent),
    first: svg.querySelector('rect.cell title')?.textContent,
    cells: svg.querySelectorAll('rect.cell').length,
  }));
}

test('heatmap week labels follow in-page changes of weeks and end date, as a reload shows them', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.origin + '/');
  await renderAll(page);
  await page.getByTestId('heat-boxes').first().waitFor();
  await page.getByTestId('heatmap-weeks').selectOption('2');
  await page.waitForURL(/weeks=2/);
  await page.getByTestId('heatmap-end').fill('2025-11-05');
  await page.getByTestId('heatmap-end').dispatchEvent('change');
  await page.waitForURL(/end=2025-11-05/);
  await page.waitForFunction(() => document.querySelectorAll('#heatmap-chart text.wk').length === 2);
  const inPage = await heatGrid(page);
  const fresh = await openPage(browser);
  await fresh.page.goto(page.url());
  await renderAll(fresh.page);
  await fresh.page.getByTestId('heatmap-chart').waitFor();
  await fresh.page.waitForFunction(() => document.querySelectorAll('#heatmap-chart text.wk').length === 2);
  const reloaded = await heatGrid(fresh.page);
  assert.deepEqual(inPage, reloaded);
  assert.deepEqual(inPage.weeks, ['27 Oct', '3 Nov'], 'two weeks ending Wed 5 Nov 2025 start on the Mondays 27 Oct and 3 Nov');
  assert.deepEqual(problems, []);
  await fresh.context.close();
  await context.close();
});
