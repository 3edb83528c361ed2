// The quarterly review on a small archive whose figures were worked out by hand
// (tests/fixtures/review/quarter.csv: overlapping incidents on one service, planned
// maintenance, an incident over midnight, an empty quarter): the availability calendar and
// figures, the quarter-over-quarter table, when incidents start; and every page on a 360 px
// phone without sideways scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, openPage, renderAll } from './browser.mjs';

const root = path.resolve(process.env.DIST || 'dist');
const fixture = path.resolve('tests/fixtures/review/quarter.csv');
const shots = path.resolve('tests/e2e/screenshots');
let server, browser;

before(async () => {
  fs.mkdirSync(shots, { recursive: true });
  server = await serve(root, '/');
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

async function imported(options = {}) {
  const opened = await openPage(browser, options);
  await opened.page.goto(server.origin + '/import');
  await opened.page.getByTestId('file-input').setInputFiles(fixture);
  await opened.page.getByTestId('notice').waitFor();
  return opened;
}

const text = async (page, id) => (await page.getByTestId(id).textContent()).trim();

test('availability, the calendar and when incidents start, against figures worked out by hand', async () => {
  const { context, page, problems } = await imported();
  await page.goto(server.origin + '/?from=2026-03-01&to=2026-03-31');
  await renderAll(page);
  await page.getByTestId('calendar-chart').waitFor();
  // API: 60 min at 100 % + 30 min at 30 % (the overlap counts once) + 100 min at 30 % = 99 min;
  // DB: 120 min over midnight; the maintenance and the minor incident are not downtime.
  // 219 weighted minutes over 365 days: 99.958 %.
  assert.equal(await text(page, 'availability-summary'), '99.95 % over the twelve months to 31 Mar 2026: 3h 39min down (weighted).');
  const day = page.locator('#calendar-chart a[data-day="2026-03-02"]');
  assert.match(await day.getAttribute('aria-label'), /^2 Mar 2026: 1h 9min down \(weighted\), 3 incidents: /);
  assert.match(await page.locator('#calendar-chart a[data-day="2026-03-16"]').getAttribute('aria-label'), /1h down \(weighted\), 1 incident: Database down over midnight/);
  assert.match(await page.locator('#calendar-chart a[data-day="2026-03-06"]').getAttribute('aria-label'), /no downtime, 1 incident: Web database upgrade/);
  await day.focus();
  assert.match(await text(page, 'calendar-focus'), /^2 Mar 2026: 1h 9min down/);
  await page.getByTestId('availability').locator('summary').click();
  const march = page.getByTestId('availability-table').locator('tbody tr').first();
  assert.deepEqual(await march.locator('td').allTextContents(), ['Mar 2026', '99.50 %', '3h 39min']);
  // Top services: availability over the view's 31 days.
  const api = page.getByTestId('services-by-count').locator('tr', { hasText: 'API' });
  assert.match(await api.textContent(), /99\.77 % \(1h 39min down\)/);
  // When: five incidents (the maintenance left out); Tuesday 08:00 and Sunday 23:00 are
  // outside 09:00–18:00, Sunday 23:00 is at night and at a weekend.
  assert.equal(await text(page, 'when-outside'), 'Outside business hours2 of 5 (40 %)');
  assert.equal(await text(page, 'when-night'), 'At night (22:00–07:00)1 of 5 (20 %)');
  assert.equal(await text(page, 'when-weekend'), 'At weekends1 of 5 (20 %)');
  // Business hours from 08:00: Tuesday 08:00 is inside now, and the URL keeps it.
  await page.getByTestId('hours-start').selectOption('8');
  await page.waitForURL(/hours=8-18/);
  await page.waitForFunction(() => document.querySelector('[data-testid=when-outside]')?.textContent.includes('1 of 5'));
  // A click on a day opens that day's incidents.
  await day.click();
  await page.waitForURL(/\/incidents\?from=2026-03-02&to=2026-03-02/);
  await page.getByTestId('incident-count').waitFor();
  assert.equal(await text(page, 'incident-count'), '3 incidents');
  await page.goto(server.origin + '/?from=2026-03-01&to=2026-03-31');
  await renderAll(page);
  await page.getByTestId('calendar-chart').waitFor();
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByTestId('availability').screenshot({ path: path.join(shots, `availability-desktop-${scheme}.png`) });
    await page.getByTestId('when').screenshot({ path: path.join(shots, `when-desktop-${scheme}.png`) });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('quarter over quarter: empty quarters as zeros, changes in words, links to each quarter', async () => {
  const { context, page, problems } = await imported();
  await page.goto(server.origin + '/archive');
  await page.getByTestId('quarter-table').waitFor();
  const rows = page.getByTestId('quarter-row');
  assert.deepEqual(await rows.locator('th').allTextContents(), ['Q1 2026', 'Q4 2025', 'Q3 2025', 'Q2 2025']);
  const q1 = await rows.nth(0).locator('td').allTextContents();
  assert.match(q1[0], /^5 ↑ 4/);
  assert.match(q1[0], /2 critical, 2 major, 1 minor$/);
  assert.match(q1[1], /^1h 40min \(p90 n\/a \(under 10\), n = 5\)/);
  assert.equal(q1[2], 'n/a');
  assert.match(q1[3], /^99\.83 % \(3h 39min down\)↓ 0\.15 pts$/);
  assert.match(q1[4], /^API \(3\), DB \(1\), Web \(1\)$/);
  const q3 = await rows.nth(2).locator('td').allTextContents();
  assert.match(q3[0], /^0 ↓ 1/);
  assert.equal(q3[3], '100 %no change');
  assert.match((await rows.nth(1).locator('td').allTextContents())[3], /^99\.98 % \(18min down\)/);
  await rows.nth(0).getByRole('link', { name: 'Report' }).click();
  await page.waitForURL(/\/report\?from=2026-01-01&to=2026-03-31/);
  await page.getByTestId('report-period').waitFor();
  await page.waitForFunction(() => /· 6 incidents/.test(document.querySelector('[data-testid=report-period]')?.textContent));
  await page.goto(server.origin + '/archive');
  await page.getByTestId('quarter-table').waitFor();
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(shots, `quarters-desktop-${scheme}.png`), fullPage: true });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('every page on a 360 px phone: no sideways scroll, filters folded, figures first', async () => {
  const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true };
  const { context, page, problems } = await imported(phone);
  await page.goto(server.origin + '/incidents');
  const first = await page.getByTestId('incident-row').first().locator('a').getAttribute('href');
  const pages = ['/', '/incidents', first, '/import', '/review', '/report', '/archive', '/about'];
  for (const p of pages) {
    await page.goto(server.origin + p);
    await page.locator('main').waitFor();
    await page.waitForTimeout(300);
    await renderAll(page);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(widths.scroll <= widths.client, `${p}: the page is ${widths.scroll} px wide in a ${widths.client} px screen`);
  }
  // The dashboard: the filters behind one button, the figures right after it.
  await page.goto(server.origin + '/?sev=1');
  await page.getByTestId('kpi-count').waitFor();
  assert.equal(await text(page, 'filters-toggle'), 'Filters (1 active)');
  assert.equal(await page.getByTestId('filters').isVisible(), false);
  const kpiTop = await page.getByTestId('kpi-count').evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(kpiTop < 400, `the first figure is on the first screen (${kpiTop} px)`);
  await page.getByTestId('filters-toggle').click();
  assert.equal(await page.getByTestId('filters').isVisible(), true);
  // Table headers keep whole words.
  await page.goto(server.origin + '/');
  await renderAll(page);
  const broken = await page.evaluate(() => [...document.querySelectorAll('th')].filter((th) => {
    const r = document.createRange(); r.selectNodeContents(th);
    const words = th.textContent.trim().split(/\s+/).length;
    return th.offsetParent && r.getClientRects().length > words;
  }).map((th) => th.textContent));
  assert.deepEqual(broken, []);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, p] of [['dashboard', '/'], ['incidents', '/incidents'], ['quarters', '/archive']]) {
      await page.goto(server.origin + p);
      await page.locator('main').waitFor();
      await page.waitForTimeout(300);
      await renderAll(page);
      await page.screenshot({ path: path.join(shots, `phone360-${name}-${scheme}.png`), fullPage: true });
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('one time zone for every file that gives none, at once', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftermath-zones-'));
  fs.writeFileSync(path.join(dir, 'db.md'), '# Database outage on 3 March 2026\n\n## Timeline\n\n- 10:00 Alerts fire for the database\n- 11:00 Incident resolved\n');
  fs.writeFileSync(path.join(dir, 'queue.md'), '# Queue stuck on 5 March 2026\n\n## Timeline\n\n- 14:00 Outage began: jobs stop being picked up\n- 14:30 Incident resolved\n');
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.origin + '/import');
  await page.getByTestId('file-input').setInputFiles([path.join(dir, 'db.md'), path.join(dir, 'queue.md')]);
  await page.getByTestId('notice').waitFor();
  assert.match(await page.getByTestId('notice').textContent(), /2 files with warnings/);
  await page.goto(server.origin + '/review');
  await page.getByTestId('fix-all-zones').fill('+02:00');
  await page.getByTestId('fix-all-zones-apply').click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=fix-zone]')].every((i) => i.value === '+02:00'));
  await page.goto(server.origin + '/incidents');
  await page.getByRole('link', { name: 'Queue stuck on 5 March 2026' }).click();
  assert.match(await page.getByTestId('incident-resolved_at').textContent(), /5 Mar 2026, 14:30 \+02:00/);
  assert.deepEqual(problems, []);
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
