// When the browser refuses to store: the quota is full, storage is blocked (private mode), the
// database was written by a newer version, a saved record is corrupted. Each time what is on
// screen stays, a sentence says what happened and that an export keeps the data, and the
// export works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, openPage, dropFiles } from './browser.mjs';

const root = path.resolve(process.env.DIST || 'dist');
const fixture = path.resolve('tests/fixtures/cstate/2024-03-05-queue-stall.md');
const other = path.resolve('tests/fixtures/frontmatter/hugo-cache.md');
let server, browser;

before(async () => { server = await serve(root, '/'); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

async function importFile(page, file) {
  if (new URL(page.url()).origin === server.origin) await page.getByTestId('nav-import').click();
  else await page.goto(server.origin + '/import');
  await page.getByTestId('page-import').waitFor();
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('notice').waitFor();
}

/** The incidents on screen (moving within the app: a reload would start over), and that the
 * archive export still works. */
async function keptAndExportable(page, titles) {
  await page.getByTestId('nav-incidents').click();
  await page.getByTestId('incident-row').first().waitFor();
  assert.deepEqual((await page.getByTestId('incident-row').locator('td:first-child a').allTextContents()).sort(), titles);
  await page.getByTestId('nav-import').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-archive').click()]);
  const archive = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(archive.incidents.map((i) => i.title).sort(), titles);
}

const storageProblems = (problems) => problems.filter((p) => !/QuotaExceeded|VersionError|storage|IndexedDB/i.test(p));

test('the quota is full: the import stays on screen, a sentence says so, the export works', async () => {
  const { context, page, problems } = await openPage(browser, { acceptDownloads: true });
  await page.goto(server.origin + '/');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin, quotaSize: 1 });
  await importFile(page, fixture);
  const sentence = await page.getByTestId('storage-error').textContent();
  assert.match(sentence, /could not be saved in this browser: the browser's storage quota is full/);
  assert.match(sentence, /export an archive to keep it/);
  await keptAndExportable(page, ['Build queue stalled']);
  assert.deepEqual(storageProblems(problems), []);
  await context.close();
});

test('a page of the whole app opened while the tab holds an import that could not be saved: the user decides', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.getByTestId('kpi-count').waitFor();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin, quotaSize: 1 });
  // Dropped on the dashboard (the first load's bundle, which has no import page).
  await dropFiles(page, [{ name: 'queue-stall.md', bytes: fs.readFileSync(fixture) }]);
  await page.getByTestId('storage-error').waitFor();
  await page.evaluate(() => { window.stayed = true; });
  await page.getByTestId('nav-import').click();
  // Loading the whole app would lose the import: nothing happens until the user says so.
  await page.getByTestId('open-anyway').waitFor();
  assert.match(await page.getByTestId('opening-whole-app').textContent(), /could not be saved in this browser: it would be lost/);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.stayed), true, 'not loaded again');
  await page.getByTestId('open-anyway').click();
  await page.getByTestId('page-import').waitFor();
  assert.equal(await page.evaluate(() => window.stayed), undefined);
  assert.equal(new URL(page.url()).pathname, '/import');
  assert.deepEqual(storageProblems(problems), []);
  await context.close();
});

test('storage is blocked (private mode): imports work in the tab, a sentence says they will not last', async () => {
  const { context, page, problems } = await openPage(browser, { acceptDownloads: true });
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('storage is blocked', 'SecurityError'); } });
  });
  await page.goto(server.origin + '/');
  await page.getByTestId('storage-error').waitFor();
  assert.match(await page.getByTestId('storage-error').textContent(), /storage is not available: this browser does not allow storage here \(private mode\?\)\. Imports will last until the tab closes; export an archive to keep them\./);
  await importFile(page, fixture);
  await keptAndExportable(page, ['Build queue stalled']);
  assert.deepEqual(storageProblems(problems), []);
  await context.close();
});

test('a database written by a newer version: nothing is overwritten, the tab still works', async () => {
  const { context, page, problems } = await openPage(browser, { acceptDownloads: true });
  await page.goto(server.origin + '/about');
  await page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('aftermath', 9);
    req.onupgradeneeded = () => req.result.createObjectStore('future');
    req.onsuccess = () => { req.result.close(); resolve(); };
    req.onerror = () => reject(req.error);
  }));
  await page.reload();
  await page.getByTestId('storage-error').waitFor();
  assert.match(await page.getByTestId('storage-error').textContent(), /written by a newer version of Aftermath/);
  await importFile(page, fixture);
  await keptAndExportable(page, ['Build queue stalled']);
  const version = await page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('aftermath');
    req.onsuccess = () => { resolve(req.result.version); req.result.close(); };
  }));
  assert.equal(version, 9, 'the newer database is left as it is');
  assert.deepEqual(storageProblems(problems), []);
  await context.close();
});

test('a corrupted saved import: the rest is restored, the bad record is named and left as it is', async () => {
  const { context, page, problems } = await openPage(browser, { acceptDownloads: true });
  await importFile(page, fixture);
  await importFile(page, other);
  // Corrupt the first batch's bytes, as a disk or an extension might.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('aftermath', 1);
    req.onsuccess = () => {
      const tx = req.result.transaction('state', 'readwrite');
      tx.objectStore('state').put(new Uint8Array([1, 200, 3, 4]), 'batch-000000000001');
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  await page.reload();
  await page.getByTestId('storage-error').waitFor();
  assert.match(await page.getByTestId('storage-error').textContent(), /Part of your saved data could not be restored: import 1 \(.+\)\. It was left as it is; everything else is here/);
  await keptAndExportable(page, ['Cache cluster eviction storm']);
  // A new import does not overwrite the bad record.
  await importFile(page, fixture);
  const kept = await page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('aftermath', 1);
    req.onsuccess = () => {
      const get = req.result.transaction('state').objectStore('state').get('batch-000000000001');
      get.onsuccess = () => { resolve([...new Uint8Array(get.result)]); req.result.close(); };
    };
  }));
  assert.deepEqual(kept, [1, 200, 3, 4]);
  assert.deepEqual(storageProblems(problems), []);
  await context.close();
});

/** One transaction on the app's database (no code is evaluated from strings: the page's
 * Content-Security-Policy refuses that): `put` records (byte arrays become Uint8Array), then
 * `get` records, and every key. */
const inDb = (page, { put = [], get = [] } = {}) => page.evaluate(({ put, get }) => new Promise((resolve, reject) => {
  const req = indexedDB.open('aftermath', 1);
  req.onsuccess = () => {
    const tx = req.result.transaction('state', put.length ? 'readwrite' : 'readonly');
    const store = tx.objectStore('state');
    for (const [key, value] of put) store.put(Array.isArray(value) ? new Uint8Array(value) : value, key);
    const out = { records: {} };
    for (const key of get) {
      const r = store.get(key);
      r.onsuccess = () => { out.records[key] = r.result instanceof Uint8Array ? [...r.result] : r.result; };
    }
    const k = store.getAllKeys();
    k.onsuccess = () => { out.keys = k.result.map(String).sort(); };
    tx.oncomplete = () => { req.result.close(); resolve(out); };
    tx.onerror = () => reject(tx.error);
  };
  req.onerror = () => reject(req.error);
}), { put, get });

test('the only saved import is unreadable: it is said, the edits stay, and a new import is saved apart', async () => {
  const { context, page, problems } = await openPage(browser, { acceptDownloads: true });
  await importFile(page, fixture);
  // An edit, so that there is something to lose.
  await page.getByTestId('nav-review').click();
  const row = page.getByTestId('review-row').first();
  await row.waitFor();
  await row.getByTestId('edit-title').fill('Renamed before the damage');
  await row.getByTestId('edit-title').press('Tab');
  await page.waitForFunction(() => new Promise((resolve) => {
    const req = indexedDB.open('aftermath', 1);
    req.onsuccess = () => {
      const get = req.result.transaction('state').objectStore('state').get('edits');
      // Saved in the binary form, where texts are UTF-8 as they are.
      get.onsuccess = () => { resolve(new TextDecoder().decode(get.result || new Uint8Array()).includes('Renamed before the damage')); req.result.close(); };
    };
  }));
  const before = (await inDb(page, { put: [['batch-000000000001', [9, 9, 9]]], get: ['edits'] })).records;
  await page.reload();
  await page.getByTestId('storage-error').waitFor();
  const said = await page.getByTestId('storage-error').textContent();
  assert.match(said, /Your saved imports could not be restored: import 1 \(.+\)\. They were left as they are; what you import now is saved apart from them\./);
  assert.doesNotMatch(said, /everything else is here/);
  // Nothing on screen, but the saved data can still be deleted from the import page.
  await page.getByTestId('nav-import').click();
  await page.getByTestId('clear-all').waitFor();
  await importFile(page, other);
  // The new import is saved as batch 2; the damaged batch and the edits are as they were, and
  // the sentence is still there after the successful save.
  await page.waitForFunction(() => new Promise((resolve) => {
    const req = indexedDB.open('aftermath', 1);
    req.onsuccess = () => {
      const get = req.result.transaction('state').objectStore('state').get('batch-000000000002');
      get.onsuccess = () => { resolve(get.result !== undefined); req.result.close(); };
    };
  }));
  const after = (await inDb(page, { get: ['edits', 'batch-000000000001'] })).records;
  assert.ok(Buffer.from(before.edits).toString('utf8').includes('Renamed before the damage'));
  assert.deepEqual(after.edits, before.edits, 'the saved edits were not overwritten');
  assert.deepEqual(after['batch-000000000001'], [9, 9, 9]);
  assert.match(await page.getByTestId('storage-error').textContent(), /could not be restored: import 1/);
  await keptAndExportable(page, ['Cache cluster eviction storm']);
  assert.deepEqual(storageProblems(problems), []);
  await context.close();
});

test('the saved edits are unreadable: nothing is saved in this tab, and nothing saved is overwritten', async () => {
  const { context, page, problems } = await openPage(browser, { acceptDownloads: true });
  await importFile(page, fixture);
  const saved = (await inDb(page, { put: [['edits', '{not json']] })).keys;
  await page.reload();
  await page.getByTestId('storage-error').waitFor();
  assert.match(await page.getByTestId('storage-error').textContent(), /Your saved data could not be restored: .+\. It was left as it is, and nothing is saved in this tab so that it stays so: export an archive to keep what you import\./);
  await importFile(page, other);
  await keptAndExportable(page, ['Cache cluster eviction storm']);
  // Give a save the time it would take, then check nothing was written.
  await page.waitForTimeout(300);
  const now = await inDb(page, { get: ['edits'] });
  assert.deepEqual(now.keys, saved, 'no record added');
  assert.equal(now.records.edits, '{not json');
  // Clearing deletes the unreadable data too: from then on imports are saved again, and the
  // sentence is gone.
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('clear-all').click();
  await page.getByTestId('notice').filter({ hasText: 'Everything was cleared' }).waitFor();
  await importFile(page, other);
  await page.waitForFunction(() => new Promise((resolve) => {
    const req = indexedDB.open('aftermath', 1);
    req.onsuccess = () => {
      const keys = req.result.transaction('state').objectStore('state').getAllKeys();
      keys.onsuccess = () => { resolve(keys.result.some((k) => String(k).startsWith('batch-'))); req.result.close(); };
    };
  }));
  assert.equal(await page.getByTestId('storage-error').count(), 0);
  assert.deepEqual(storageProblems(problems), []);
  await context.close();
});

test('the only saved import is unreadable and there are no edits: the demo opens, the sentence stays, Start over deletes it', async () => {
  const { context, page, problems } = await openPage(browser);
  await importFile(page, fixture);
  await inDb(page, { put: [['batch-000000000001', [7, 7]]] });
  await page.reload();
  await page.getByTestId('demo-banner').waitFor();
  assert.match(await page.getByTestId('storage-error').textContent(), /Your saved imports could not be restored: import 1 \(.+\)\. They were left as they are/);
  assert.deepEqual((await inDb(page, { get: ['batch-000000000001'] })).records['batch-000000000001'], [7, 7], 'left as it is');
  await page.getByTestId('nav-import').click();
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('clear-all').click();
  await page.getByTestId('notice').filter({ hasText: 'Everything was cleared' }).waitFor();
  assert.deepEqual((await inDb(page)).keys, [], 'the unreadable import was deleted');
  assert.equal(await page.getByTestId('storage-error').count(), 0);
  assert.deepEqual(storageProblems(problems), []);
  await context.close();
});

test('what an earlier version saved as JSON is restored, and the edits and removals are saved again in the binary form', async () => {
  const { context, page, problems } = await openPage(browser, { acceptDownloads: true });
  await page.goto(server.origin + '/');
  await page.getByTestId('demo-banner').waitFor();
  // Three incidents of the demo, as an earlier version saved them: the imports as one JSON
  // document, the edits and removals as JSON text.
  const demo = JSON.parse(fs.readFileSync(path.join(root, 'demo/archive.json'), 'utf8'));
  const kept = demo.incidents.slice(0, 3).map((i) => ({ ...i, source: { ...i.source, file: 'old/' + i.id + '.md' } }));
  const gone = { ...demo.incidents[3], source: { ...demo.incidents[3].source, file: 'old/removed.md' } };
  const imports = JSON.stringify({ schema: 1, incidents: [...kept, gone], files: [] });
  const edits = JSON.stringify({ schema: 1, edits: { incidents: { [kept[0].id]: { title: 'Renamed by an earlier version' } }, files: {} } });
  const removals = JSON.stringify([{ path: 'old/removed.md', before: 1 }]);
  await inDb(page, { put: [['imports', imports], ['edits', edits], ['removals', removals]] });
  await page.reload();
  await page.getByTestId('kpi-count').filter({ hasText: '3' }).waitFor();
  assert.equal(await page.getByTestId('demo-banner').count(), 0);
  const titles = [...kept.slice(1).map((i) => i.title), 'Renamed by an earlier version'].sort();
  await keptAndExportable(page, titles);
  // The three records are now saved as bytes (read again without the worker).
  await page.waitForFunction(() => new Promise((resolve) => {
    const req = indexedDB.open('aftermath', 1);
    req.onsuccess = () => {
      const store = req.result.transaction('state').objectStore('state');
      const e = store.get('edits');
      const i = store.get('imports');
      const r = store.get('removals');
      r.onsuccess = () => { resolve([e, i, r].every((x) => x.result instanceof Uint8Array)); req.result.close(); };
    };
  }));
  const now = (await inDb(page, { get: ['edits', 'removals', 'imports'] })).records;
  assert.ok(Buffer.from(now.edits).toString('utf8').includes('Renamed by an earlier version'));
  assert.ok(Buffer.from(now.removals).toString('utf8').includes('old/removed.md'));
  assert.ok(Buffer.from(now.imports).toString('utf8').includes(kept[1].title));
  // A new visit (the page above is the import page).
  await page.goto(server.origin + '/');
  await page.getByTestId('kpi-count').filter({ hasText: '3' }).waitFor();
  await keptAndExportable(page, titles);
  assert.equal(await page.getByTestId('storage-error').count(), 0);
  assert.deepEqual(storageProblems(problems), []);
  await context.close();
});

test('when the worker cannot start, old records are said unreadable and left as they are: the page does not wait forever', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.getByTestId('demo-banner').waitFor();
  const demo = JSON.parse(fs.readFileSync(path.join(root, 'demo/archive.json'), 'utf8'));
  const imports = JSON.stringify({ schema: 1, incidents: demo.incidents.slice(0, 2), files: [] });
  const edits = JSON.stringify({ schema: 1, edits: { incidents: {}, files: {} } });
  await inDb(page, { put: [['imports', imports], ['edits', edits]] });
  // The worker's script cannot be fetched.
  await page.route('**/worker_loader.js', (r) => r.fulfill({ status: 404, body: 'gone' }));
  await page.reload();
  await page.getByTestId('storage-error').waitFor();
  assert.match(await page.getByTestId('storage-error').textContent(),
    /Your saved data could not be restored: the background worker stopped before answering\. It was left as it is/);
  const now = (await inDb(page, { get: ['imports', 'edits'] })).records;
  assert.equal(now.imports, imports);
  assert.equal(now.edits, edits);
  assert.deepEqual(problems.filter((p) => !/worker_loader|404/.test(p)), []);
  await context.close();
});
