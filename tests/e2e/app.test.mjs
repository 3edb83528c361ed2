// End-to-end tests of the release build: `dist/` served on loopback, driven in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, openPage, heatBoxes } from './browser.mjs';

const root = path.resolve(process.env.DIST || 'dist');
let server, browser;

before(async () => {
  server = await serve(root, '/');
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

const pages = [
  { nav: 'nav-dashboard', path: '/', id: 'page-dashboard', name: 'dashboard' },
  { nav: 'nav-incidents', path: '/incidents', id: 'page-incidents', name: 'incidents' },
  { nav: 'nav-archive', path: '/archive', id: 'page-archive', name: 'archive' },
  { nav: 'nav-report', path: '/report', id: 'page-report', name: 'report' },
  { nav: 'nav-import', path: '/import', id: 'page-import', name: 'import' },
  { nav: 'nav-review', path: '/review', id: 'page-review', name: 'review' },
  { nav: 'nav-about', path: '/about', id: 'page-about', name: 'about' },
];

test('dashboard loads the demo archive with zero console errors', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.getByTestId('demo-banner').waitFor();
  await page.getByTestId('kpi-ttr-median').waitFor();
  const count = await page.getByTestId('kpi-count').locator('.big').textContent();
  assert.equal(count.trim(), '300', 'the demo archive has 300 incidents');
  assert.match(await page.getByTestId('kpi-ttr-n').textContent(), /^n = \d+/);
  await page.getByTestId('heat-boxes').first().waitFor();
  assert.ok((await heatBoxes(page)).length > 0, 'heatmap has boxes');
  assert.deepEqual(problems, []);
  await context.close();
});

test('every nav link works and shows its page', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.getByTestId('page-dashboard').waitFor();
  const titles = new Set();
  for (const p of [...pages.slice(1), pages[0]]) {
    const prev = await page.title();
    await page.getByTestId(p.nav).click();
    await page.getByTestId(p.id).waitFor();
    assert.equal(new URL(page.url()).pathname, p.path);
    assert.equal(await page.getByTestId(p.nav).getAttribute('aria-current'), 'page');
    // Each page sets its own title and description.
    await page.waitForFunction((before) => document.title !== before && document.title.endsWith(' · Aftermath'), prev);
    titles.add(await page.title());
    assert.ok((await page.locator('meta[name=description]').last().getAttribute('content')).length > 20);
  }
  assert.equal(titles.size, pages.length, `one title per page: ${[...titles]}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('deep links load directly and survive a reload', async () => {
  const { context, page, problems } = await openPage(browser);
  for (const p of pages) {
    await page.goto(server.origin + p.path);
    await page.getByTestId(p.id).waitFor();
    await page.reload();
    await page.getByTestId(p.id).waitFor();
  }
  // An incident permalink, opened fresh.
  await page.goto(server.origin + '/incidents');
  const href = await page.getByTestId('incident-table').locator('tbody a').first().getAttribute('href');
  await page.goto(server.origin + href);
  await page.getByTestId('page-incident').waitFor();
  await page.goto(server.origin + '/no/such/page');
  await page.getByTestId('not-found').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bundle that does not arrive is said on the page, not left blank', async () => {
  const { context, page } = await openPage(browser);
  await page.route(/aftermath-full-[0-9a-f]+_bg\.wasm$/, (r) => r.abort('connectionfailed'));
  await page.goto(server.origin + '/review');
  const alert = page.getByTestId('load-failed');
  await alert.waitFor();
  assert.match(await alert.textContent(), /^Aftermath could not be loaded: .+\. Check the connection and reload the page\.$/);
  await context.close();
});

test('links are followed in the page, markup and SVG links too; back and forward work; the skip link is the browser\'s', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.getByTestId('kpi-ttr-median').waitFor();
  // A reload would lose this.
  await page.evaluate(() => { window.stayed = true; });
  const stayed = () => page.evaluate(() => window.stayed === true);
  // A link in a table written as markup (top services).
  const service = page.getByTestId('services-by-count').locator('tbody a').first();
  await service.scrollIntoViewIfNeeded();
  const name = (await service.textContent()).trim();
  await service.click();
  await page.waitForURL((u) => u.searchParams.get('service') === name);
  await page.getByTestId('page-dashboard').waitFor();
  assert.ok(await stayed(), 'no reload for a markup link');
  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has('service'));
  assert.equal((await page.getByTestId('kpi-count').locator('.big').textContent()).trim(), '300');
  // A day of the availability calendar (an SVG link) opens that day's incidents.
  const day = page.locator('#calendar-chart a').first();
  await page.getByTestId('availability').scrollIntoViewIfNeeded();
  await day.waitFor({ state: 'attached' });
  await day.dispatchEvent('click', { button: 0 });
  await page.getByTestId('page-incidents').waitFor();
  assert.match(new URL(page.url()).search, /from=\d{4}-\d{2}-\d{2}&to=/);
  assert.ok(await stayed(), 'no reload for an SVG link');
  assert.equal(await page.getByTestId('nav-incidents').getAttribute('aria-current'), 'page');
  assert.equal(await page.getByTestId('nav-dashboard').getAttribute('aria-current'), null);
  await page.goBack();
  await page.getByTestId('page-dashboard').waitFor();
  await page.goForward();
  await page.getByTestId('page-incidents').waitFor();
  // An incident's page marks the list in the navigation.
  await page.getByTestId('incident-table').locator('tbody a').first().click();
  await page.getByTestId('page-incident').waitFor();
  assert.equal(await page.getByTestId('nav-incidents').getAttribute('aria-current'), 'page');
  // The skip link moves to the content of this page (the page's <base> would send a plain
  // link to the site's root).
  const here = page.url();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main');
  assert.equal(page.url(), here);
  await page.getByTestId('page-incident').waitFor();
  assert.ok(await stayed());
  // "By quarter" is not in the first load's bundle: the page loads again with the whole app
  // (and from there on, every page is followed in the page).
  assert.match(await page.evaluate(() => window.aftermathBundle[0]), /aftermath-web-/);
  await page.getByTestId('nav-archive').click();
  await page.getByTestId('page-archive').waitFor();
  assert.equal(await stayed(), false, 'the whole app was loaded');
  assert.match(await page.evaluate(() => window.aftermathBundle[0]), /aftermath-full-/);
  await page.evaluate(() => { window.stayed = true; });
  // The quarter index's links go to a quarter on the same page.
  const quarter = page.locator('a[href^="#q-"]').last();
  const target = (await quarter.getAttribute('href')).slice(1);
  await quarter.click();
  await page.waitForFunction((id) => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }, target);
  assert.equal(new URL(page.url()).pathname, '/archive');
  await page.getByTestId('page-archive').waitFor();
  assert.ok(await stayed());
  // Back on a first-load page, the whole app stays: no reload.
  await page.getByTestId('nav-incidents').click();
  await page.getByTestId('page-incidents').waitFor();
  assert.ok(await stayed(), 'the whole app shows the first-load pages too');
  assert.deepEqual(problems, []);
  await context.close();
});

test('clicking a heatmap box opens the incident its tooltip names; so does Enter', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.getByTestId('heat-boxes').first().waitFor();
  await page.getByTestId('heatmap-chart').scrollIntoViewIfNeeded();
  const boxes = await heatBoxes(page);
  await page.mouse.move(boxes[0].cx, boxes[0].cy);
  const title = (await page.getByTestId('heat-tip').textContent()).split(' — ')[0];
  await page.mouse.click(boxes[0].cx, boxes[0].cy);
  await page.getByTestId('page-incident').waitFor();
  assert.equal((await page.getByTestId('page-incident').locator('h1').textContent()).trim(), title);
  // Keyboard only: Tab to the heatmap, arrows, Enter.
  await page.goto(server.origin + '/');
  await page.getByTestId('heat-boxes').first().waitFor();
  await page.getByTestId('heatmap-chart').focus();
  await page.keyboard.press('End');
  const last = (await page.getByTestId('heat-live').textContent()).split(' — ')[0];
  await page.keyboard.press('Enter');
  await page.getByTestId('page-incident').waitFor();
  assert.equal((await page.getByTestId('page-incident').locator('h1').textContent()).trim(), last);
  assert.deepEqual(problems, []);
  await context.close();
});

test('importing files in the worker reports every file, a bad one included', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.origin + '/import');
  const fx = (p) => path.resolve('tests/fixtures', p);
  await page.getByTestId('file-input').setInputFiles([
    fx('cstate/2024-03-05-queue-stall.md'), fx('pagerduty/incidents.json'), fx('hostile/truncated.json'),
  ]);
  await page.getByTestId('import-report').waitFor();
  await page.getByTestId('import-progress').waitFor({ state: 'detached' });
  const rows = page.getByTestId('report-row');
  assert.equal(await rows.count(), 3);
  const text = await page.getByTestId('import-report').textContent();
  assert.match(text, /truncated\.json.*rejected/s);
  assert.match(text, /3 files, 4 incidents, 0 with warnings, 1 rejected/);
  await page.getByTestId('nav-dashboard').click();
  assert.equal((await page.getByTestId('kpi-count').locator('.big').textContent()).trim(), '4');
  assert.equal(await page.getByTestId('demo-banner').count(), 0, 'no demo banner on user data');
  assert.deepEqual(problems, []);
  await context.close();
});
