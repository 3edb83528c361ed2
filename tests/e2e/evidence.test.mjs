// Evidence and kinds as a user sees them: the incident page says where each value was read
// (with human dates), the review table shows it on hover and keyboard focus, planned
// maintenance stays out of the KPIs with a toggle in the URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, openPage, dropFiles } from './browser.mjs';

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

const FILES = ['freetext/en-bold-bullets-utc.md', 'cstate/2025-02-11-update-end.md', 'cstate/2025-03-01-maintenance.md'];

async function drop(page, files) {
  await dropFiles(page, files.map((f) => ({ name: path.basename(f), bytes: fs.readFileSync(path.join(fixtures, f)) })));
}

async function imported(browser, options = {}) {
  const opened = await openPage(browser, options);
  await opened.page.goto(server.origin + '/import');
  await opened.page.getByTestId('page-import').waitFor();
  await drop(opened.page, FILES);
  await opened.page.getByTestId('notice').waitFor();
  return opened;
}

test('the incident page shows where each value was read, with dates as people read them', async () => {
  const { context, page, problems } = await imported(browser);
  await page.goto(server.origin + '/incidents');
  await page.getByRole('link', { name: 'Checkout API errors on 12 March 2025' }).click();
  await page.getByTestId('page-incident').waitFor();
  const resolved = page.getByTestId('incident-resolved_at');
  assert.match(await resolved.textContent(), /12 Mar 2025, 18:15 UTC/);
  assert.equal(await resolved.locator('time').getAttribute('datetime'), '2025-03-12T18:15:00+00:00');
  assert.match(await page.getByTestId('evidence-resolved_at').textContent(),
    /from: 18:15 - Incident resolved after the backlog of retries drained \(line 13\)/);
  assert.match(await page.getByTestId('evidence-started_at').textContent(), /outage began/);
  assert.match(await page.getByTestId('incident-ttr').textContent(), /^50min/);
  // The postmortem as the worker renders it (the raw text shows until then).
  await page.getByTestId('incident-body').waitFor();
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(shots, `incident-evidence-desktop-${scheme}.png`), fullPage: true });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the review table shows the evidence on hover and keyboard focus', async () => {
  const { context, page, problems } = await imported(browser);
  await page.goto(server.origin + '/review');
  await page.getByTestId('page-review').waitFor();
  const why = page.getByTestId('why-resolved_at').first();
  await why.waitFor();
  const said = await why.getAttribute('data-evidence');
  assert.match(said, /^read from line \d+: /);
  await why.focus();
  // The note is drawn from the attribute while focused: visible to sighted keyboard users.
  const shown = await why.evaluate((el) => getComputedStyle(el, '::after').content);
  assert.match(shown, /read from line/);
  await page.screenshot({ path: path.join(shots, 'review-evidence-desktop-light.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('planned maintenance stays out of the KPIs until the toggle counts it, in the URL', async () => {
  const { context, page, problems } = await imported(browser);
  await page.goto(server.origin + '/');
  await page.getByTestId('kpi-ttr-n').waitFor();
  assert.equal((await page.getByTestId('kpi-ttr-n').textContent()).trim(), 'n = 2');
  assert.match(await page.getByTestId('kpi-ttr-left-out').textContent(), /1 planned maintenance/);
  await page.getByTestId('include-planned').check();
  await page.waitForURL(/planned=include/);
  await page.waitForFunction(() => document.querySelector('[data-testid=kpi-ttr-n]')?.textContent.trim() === 'n = 3');
  // A reload of the permalink shows the same figures.
  await page.reload();
  await page.getByTestId('kpi-ttr-n').waitFor();
  assert.equal((await page.getByTestId('kpi-ttr-n').textContent()).trim(), 'n = 3');
  assert.equal(await page.getByTestId('include-planned').isChecked(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('phone screenshots of the incident page with evidence', async () => {
  const { context, page } = await imported(browser, { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true });
  await page.goto(server.origin + '/incidents');
  await page.getByRole('link', { name: 'Build jobs not starting' }).click();
  await page.getByTestId('page-incident').waitFor();
  assert.match(await page.getByTestId('evidence-resolved_at').textContent(), /operating properly again/);
  await page.getByTestId('incident-body').waitFor();
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(shots, `incident-evidence-phone-${scheme}.png`), fullPage: true });
  }
  await context.close();
});
