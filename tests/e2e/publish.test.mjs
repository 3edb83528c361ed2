// A published site: the fixture folder built with `aftermath build-archive` into a trunk build
// with base path /postmortems/ (scripts/test.sh makes dist-pub/), served under that path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve } from './serve.mjs';
import { launch, openPage, renderAll } from './browser.mjs';

const root = path.resolve(process.env.DIST_PUB || 'dist-pub');
const cli = process.env.AFTERMATH_CLI;
const available = fs.existsSync(path.join(root, 'index.html')) && cli;
let server, browser;

before(async () => {
  if (!available) return;
  server = await serve(root, '/postmortems/');
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

test('published site: permalink opened fresh, assets load, numbers match `aftermath stats`', { skip: !available && 'dist-pub/ or AFTERMATH_CLI missing (run scripts/test.sh)' }, async () => {
  const stats = JSON.parse(execFileSync(cli, ['stats', '--json', 'tests/fixtures/publish/postmortems'], { encoding: 'utf8' }));
  const archive = JSON.parse(fs.readFileSync(path.join(root, 'archive.json'), 'utf8'));
  const first = archive.incidents[0];
  const { context, page, problems } = await openPage(browser);
  // A permalink, directly, with no prior navigation.
  await page.goto(`${server.origin}/postmortems/incidents/${first.id}`);
  await page.getByTestId('page-incident').waitFor();
  assert.equal(await page.locator('h1').first().textContent(), first.title);
  await page.getByTestId('published-banner').waitFor();
  // Navigate to the dashboard through the app and compare with the CLI.
  await page.getByTestId('nav-dashboard').click();
  assert.equal(new URL(page.url()).pathname, '/postmortems/');
  await page.getByTestId('kpi-ttr-n').waitFor();
  assert.equal((await page.getByTestId('kpi-count').locator('.big').textContent()).trim(), String(stats.count));
  assert.equal((await page.getByTestId('kpi-ttr-n').textContent()).match(/n = (\d+)/)[1], String(stats.ttr.n));
  assert.equal((await page.getByTestId('kpi-ttd-n').textContent()).match(/n = (\d+)/)[1], String(stats.ttd.n));
  // The app's duration format (render::format::duration): "45min", "1h 40min", "2h".
  const minutes = Math.floor(Math.round(stats.ttr.median_secs) / 60);
  const shown = minutes < 60 ? `${minutes}min` : (minutes % 60 ? `${Math.floor(minutes / 60)}h ${minutes % 60}min` : `${minutes / 60}h`);
  assert.equal((await page.getByTestId('kpi-ttr-median').textContent()).trim(), shown);
  // The feed is published beside the site.
  const feed = await (await page.request.get(`${server.origin}/postmortems/feed.xml`)).text();
  assert.equal((feed.match(/<entry>/g) || []).length, stats.count);
  assert.deepEqual(problems, [], 'every asset loaded, no console error');
  await renderAll(page);
  await page.screenshot({ path: path.resolve('tests/e2e/screenshots/published-dashboard.png'), fullPage: true });
  await context.close();
});
