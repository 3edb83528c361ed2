// Figures a manager must be able to trust, as the page shows them after in-page changes:
// each checked against a fresh load of the same permalink (a cache or a kept memo must never
// show something a reload would not).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, openPage, renderAll, dropFiles } from './browser.mjs';

const root = path.resolve(process.env.DIST || 'dist');
const fixtures = path.resolve('tests/fixtures');
const shots = path.resolve('tests/e2e/screenshots');
let server, browser;

before(async () => {
  fs.mkdirSync(shots, { recursive: true });
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

/** Clicks `button` and returns the downloaded file's text. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return fs.readFileSync(await file.path(), 'utf8');
}

test('exports say what the screen says: the view as CSV under its definitions, framed charts, a clean printout', async () => {
  const { context, page, problems } = await openPage(browser, { acceptDownloads: true });
  // Critical incidents, time to resolve from detection (the demo archive).
  await page.goto(server.origin + '/?sev=1&ttr_from=detected');
  await renderAll(page);
  await page.getByTestId('kpi-ttr-n').waitFor();
  const n = Number((await page.getByTestId('kpi-ttr-n').textContent()).trim().replace('n = ', ''));
  const inView = Number((await page.getByTestId('view-exports').textContent()).match(/(\d+) incidents? in this view/)[1]);
  assert.ok(n > 0 && inView >= n, `${n} with a time to resolve of ${inView}`);

  const metrics = (await download(page, page.getByTestId('export-view-metrics'))).split('\r\n');
  const ttr = metrics.find((l) => l.startsWith('all,ttr,')).split(',');
  assert.equal(Number(ttr[2]), n, 'the CSV rests on the same incidents as the card');
  assert.equal(ttr[9], 'resolved_at − detected_at', 'and on the chosen definition');
  assert.ok(metrics.every((l) => !l.startsWith('severity ') || l.startsWith('severity critical')), 'the severity filter holds');

  const incidents = (await download(page, page.getByTestId('export-view-incidents'))).trim().split('\r\n');
  const header = incidents[0].split(',');
  for (const column of ['tta_secs', 'ttm_secs', 'ttr_secs', 'kind']) assert.ok(header.includes(column), column);
  assert.equal(incidents.length - 1, inView, 'one row per incident in the view');

  const svg = await download(page, page.getByRole('button', { name: 'Download the severity trend chart as SVG' }));
  assert.match(svg, />Incidents by severity, per month</);
  assert.match(svg, /Severity: critical · \d+ incidents? · time to resolve from the detection/);
  assert.match(svg, />critical<\/text>.*>major<\/text>.*>unknown<\/text>/, 'a legend');
  assert.doesNotMatch(svg, /: 1 incidents</);
  const heat = await download(page, page.getByRole('button', { name: 'Download the heatmap chart as SVG' }));
  assert.match(heat, /Incidents, trailing 13 weeks: \d+ [A-Z][a-z]{2} \d{4} – \d+ [A-Z][a-z]{2} \d{4}/);

  // The printed report: no on-screen instructions, no stray control labels, the window named.
  await page.goto(server.origin + '/report?weeks=2&end=2025-11-05');
  await page.getByTestId('heatmap-chart').waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByText('use the arrow keys').isVisible(), false);
  assert.equal(await page.locator('.panel-head .controls').first().isVisible(), false);
  assert.match(await page.locator('.heatmap h2').textContent(), /Trailing 2 weeks to 5 Nov 2025/);
  assert.deepEqual(await page.locator('#heatmap-chart text.wk').allTextContents(), ['27 Oct', '3 Nov']);
  await page.screenshot({ path: path.join(shots, 'report-print-desktop-light.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.getByText('use the arrow keys', { exact: false }).isVisible(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('dates, counts and summaries read as people write them', async () => {
  for (const [device, options] of [['desktop', {}], ['phone', { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true }]]) {
    const { context, page, problems } = await openPage(browser, options);
    await page.goto(server.origin + '/import');
    await page.getByTestId('page-import').waitFor();
    await dropFiles(page, [{ name: 'shop-status.json', bytes: fs.readFileSync(path.join(fixtures, 'statuspage/markdown-updates.json')) }]);
    await page.getByTestId('notice').waitFor();
    assert.match(await page.getByTestId('notice').textContent(), /Read 1 file: 2 incidents found/);

    await page.goto(server.origin + '/incidents?q=search');
    await page.waitForFunction(() => document.querySelector('[data-testid=incident-count]')?.textContent === '1 incident');
    await page.goto(server.origin + '/incidents');
    await page.getByRole('link', { name: 'Checkout errors in the EU' }).click();
    await page.getByTestId('page-incident').waitFor();
    const started = page.getByTestId('incident-started_at');
    assert.match(await started.textContent(), /5 Nov 2026, 03:20 UTC/);
    assert.equal(await started.locator('time').getAttribute('datetime'), '2026-11-05T03:20:00+00:00');
    // The first update is the summary: shown once, in the timeline, as plain text.
    assert.equal(await page.locator('.summary').count(), 0);
    const first = page.locator('.timeline li').filter({ hasText: 'runbook' });
    assert.equal(await first.count(), 1);
    const summary = await first.textContent();
    assert.match(summary, /investigating: Checkout fails for some customers in the EU\. See our runbook\./);
    assert.doesNotMatch(summary, /\*\*|\]\(/);
    assert.equal((await page.getByTestId('page-incident').textContent()).split('See our runbook').length, 2);
    const timeline = await page.locator('.timeline li').filter({ hasText: 'certificate' }).textContent();
    assert.match(timeline, /5 Nov 2026, 03:31 UTC identified: A certificate on the payment gateway expired; see the provider's notice\./);
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join(shots, `human-incident-${device}-${scheme}.png`), fullPage: true });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(server.origin + '/incidents');
    await page.getByRole('link', { name: 'Slow search' }).click();
    assert.match(await page.getByTestId('incident-started_at').textContent(), /10 Sep 2026, 14:00 \+02:00/);

    // Weekly trend: periods named by dates, never 2026-W45.
    await page.goto(server.origin + '/?period=week');
    await renderAll(page);
    await page.getByTestId('trend-chart').waitFor();
    const axis = await page.getByTestId('trend-chart').textContent();
    assert.doesNotMatch(axis, /W\d\d/);
    assert.match(axis, /\d{1,2} [A-Z][a-z]{2}/);
    assert.doesNotMatch(await page.getByTestId('trend-note').textContent(), /W\d\d|\b1 incidents\b/);

    // The report lists days as people read them.
    await page.goto(server.origin + '/report');
    await page.waitForFunction(() => /· 2 incidents/.test(document.querySelector('[data-testid=report-period]')?.textContent));
    assert.match(await page.locator('.listing').first().textContent(), /5 Nov 2026/);
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join(shots, `human-report-${device}-${scheme}.png`), fullPage: true });
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});
