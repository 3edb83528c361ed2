// A published site: the fixture folder published with `aftermath publish` over the prebuilt
// app (scripts/test.sh writes dist-pub/), served unchanged under two different base paths. The
// app finds its base at run time; each incident also has a static page that reads without
// JavaScript, which the app takes over when JavaScript runs; the feed is valid Atom.
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
const shots = path.resolve('tests/e2e/screenshots');
const servers = {};
let browser;

before(async () => {
  if (!available) return;
  for (const base of ['/postmortems/', '/a/b/']) servers[base] = await serve(root, base);
  // As GitHub Pages serves it: unknown addresses get 404.html (the site was published with
  // --site-url http://127.0.0.1/postmortems/).
  servers.pages = await serve(root, '/postmortems/', {}, { notFound: '404.html' });
  browser = await launch();
});
after(async () => { await browser?.close(); for (const s of Object.values(servers)) s.close(); });

const minutesText = (secs) => {
  const minutes = Math.floor(Math.round(secs) / 60);
  return minutes < 60 ? `${minutes}min` : (minutes % 60 ? `${Math.floor(minutes / 60)}h ${minutes % 60}min` : `${minutes / 60}h`);
};

test('one published site under two base paths: permalinks, assets and numbers match `aftermath stats`', { skip: !available && 'dist-pub/ or AFTERMATH_CLI missing (run scripts/test.sh)' }, async () => {
  const stats = JSON.parse(execFileSync(cli, ['stats', '--json', 'tests/fixtures/publish/postmortems'], { encoding: 'utf8' }));
  const archive = JSON.parse(fs.readFileSync(path.join(root, 'archive.json'), 'utf8'));
  const first = archive.incidents[0];
  for (const base of ['/postmortems/', '/a/b/']) {
    const server = servers[base];
    const { context, page, problems } = await openPage(browser);
    // A permalink of the app, directly, with no prior navigation.
    await page.goto(`${server.origin}${base}incidents/${first.id}`);
    await page.getByTestId('page-incident').waitFor();
    assert.equal(await page.locator('h1').first().textContent(), first.title);
    await page.getByTestId('published-banner').waitFor();
    await page.getByTestId('nav-dashboard').click();
    assert.equal(new URL(page.url()).pathname, base);
    await page.getByTestId('kpi-ttr-n').waitFor();
    assert.equal((await page.getByTestId('kpi-count').locator('.big').textContent()).trim(), String(stats.count));
    assert.equal((await page.getByTestId('kpi-ttr-n').textContent()).match(/n = (\d+)/)[1], String(stats.ttr.n));
    assert.equal((await page.getByTestId('kpi-ttd-n').textContent()).match(/n = (\d+)/)[1], String(stats.ttd.n));
    assert.equal((await page.getByTestId('kpi-ttr-median').textContent()).trim(), minutesText(stats.ttr.median_secs));
    assert.deepEqual(problems, [], `${base}: every asset loaded, no console error`);
    if (base === '/postmortems/') {
      await renderAll(page);
      await page.screenshot({ path: path.join(shots, 'published-dashboard.png'), fullPage: true });
    }
    await context.close();
  }
});

test('a static incident page reads without JavaScript, and the app takes it over with it', { skip: !available && 'dist-pub/ missing' }, async () => {
  const archive = JSON.parse(fs.readFileSync(path.join(root, 'archive.json'), 'utf8'));
  const inc = archive.incidents.find((i) => i.body) || archive.incidents[0];
  const server = servers['/a/b/'];
  const url = `${server.origin}/a/b/incidents/${inc.id}/`;
  const off = await openPage(browser, { javaScriptEnabled: false });
  await off.page.goto(url);
  assert.equal(await off.page.locator('#static h1').textContent(), inc.title);
  assert.match(await off.page.locator('#static').textContent(), /Time to resolve/);
  assert.equal(await off.page.title(), `${inc.title} · Example postmortems`);
  assert.ok(await off.page.locator('meta[property="og:title"]').count() === 1);
  // Styled by the app's stylesheet (found through the page's fixed base).
  const font = await off.page.locator('#static h1').evaluate((el) => getComputedStyle(el).fontFamily);
  assert.match(font, /system-ui|sans/);
  await off.page.goto(`${server.origin}/a/b/archive/`);
  assert.match(await off.page.locator('#static').textContent(), /Postmortems by quarter/);
  await off.page.locator('#static a', { hasText: inc.title }).click();
  assert.equal(await off.page.locator('#static h1').textContent(), inc.title);
  await off.page.screenshot({ path: path.join(shots, 'static-incident-nojs.png'), fullPage: true });
  // With JavaScript off the browser refuses the app's script preload (reported as `csp`):
  // nothing else may fail.
  assert.deepEqual(off.problems.filter((p) => !/\.js csp$/.test(p)), []);
  await off.context.close();
  const on = await openPage(browser);
  await on.page.goto(url);
  await on.page.getByTestId('page-incident').waitFor();
  assert.equal(await on.page.locator('#static').count(), 0, 'the app replaced the static text');
  assert.equal(await on.page.locator('h1').first().textContent(), inc.title);
  assert.deepEqual(on.problems, []);
  await on.context.close();
});

test('the feed is valid Atom with absolute links to each incident', { skip: !available && 'dist-pub/ missing' }, async () => {
  const { context, page } = await openPage(browser);
  const server = servers['/postmortems/'];
  await page.goto(`${server.origin}/postmortems/`);
  const feed = await (await page.request.get(`${server.origin}/postmortems/feed.xml`)).text();
  const check = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    if (doc.querySelector('parsererror')) return { error: 'not well-formed' };
    const root = doc.documentElement;
    const ns = 'http://www.w3.org/2005/Atom';
    const one = (el, name) => el.getElementsByTagNameNS(ns, name);
    const entries = [...one(root, 'entry')];
    const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
    return {
      root: `${root.namespaceURI} ${root.localName}`,
      feedOk: one(root, 'title').length > 0 && one(root, 'id').length > 0 && rfc3339.test(one(root, 'updated')[0]?.textContent || ''),
      entries: entries.length,
      entriesOk: entries.every((e) => one(e, 'title').length === 1 && one(e, 'id').length === 1
        && rfc3339.test(one(e, 'updated')[0]?.textContent || '')
        && /^https?:\/\//.test(one(e, 'link')[0]?.getAttribute('href') || '')
        && (one(e, 'author').length === 1 || one(root, 'author').length > 0)),
    };
  }, feed);
  assert.deepEqual(check, { root: 'http://www.w3.org/2005/Atom feed', feedOk: true, entries: 3, entriesOk: true });
  await context.close();
});

test('an unknown address under the site\'s path shows the app\'s not-found page', { skip: !available && 'dist-pub/ missing' }, async () => {
  const { context, page, problems } = await openPage(browser);
  const server = servers.pages;
  await page.goto(`${server.origin}/postmortems/no/such/page`);
  await page.getByTestId('not-found').waitFor();
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('kpi-count').waitFor();
  assert.equal(new URL(page.url()).pathname, '/postmortems/');
  // The document itself came with the host's 404 status (one response and its one console
  // line, which names no address); every asset loaded (an asset's 404 is its own response).
  assert.ok(problems.filter((p) => /status of 404/.test(p)).length <= 1, problems.join('\n'));
  assert.deepEqual(problems.filter((p) => !p.endsWith('/postmortems/no/such/page') && !/status of 404/.test(p)), []);
  await context.close();
});
