// Hostile files and a strict page: the Content-Security-Policy refuses an injected inline
// script while the app runs with zero console errors; a batch of hostile files dropped at once
// gets a row and a reason for each, imports the good ones (the good entry beside a zip bomb
// too), runs none of their scripts, and keeps the page answering throughout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve } from './serve.mjs';
import { launch, openPage } from './browser.mjs';

const root = path.resolve(process.env.DIST || 'dist');
const fixtures = path.resolve('tests/fixtures');
let server, browser, dir;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftermath-hostile-'));
  server = await serve(root, '/');
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); fs.rmSync(dir, { recursive: true, force: true }); });

test('the Content-Security-Policy refuses an injected inline script; the app runs without a console error', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.origin + '/');
  await page.getByTestId('kpi-count').waitFor();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+' 'sha256-[^']+'/);
  assert.doesNotMatch(policy, /unsafe-inline'[^;]*;?\s*$|script-src[^;]*unsafe-inline/);
  assert.match(policy, /object-src 'none'/);
  assert.deepEqual(problems, [], 'the app itself loads and runs with zero console errors');
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = true';
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 100));
    return window.__pwned === true;
  });
  assert.equal(ran, false, 'an injected inline script does not run');
  assert.ok(problems.some((p) => /Content Security Policy/.test(p)), 'the refusal is reported');
  await context.close();
});

function writeBatch() {
  const files = [];
  const put = (name, content) => { const p = path.join(dir, name); fs.writeFileSync(p, content); files.push(p); return p; };
  put('scripts.md', [
    '---', 'title: "<script>window.__pwned = 1</script>Checkout down"', 'date: 2026-03-02T10:00:00Z',
    'resolvedWhen: 2026-03-02T11:00:00Z', 'resolved: true', 'severity: down', 'section: issue', '---',
    'It broke.<script>window.__pwned = 2</script><img src=x onerror="window.__pwned = 3">',
    '', '[click me](javascript:window.__pwned=4) and <a href="javascript:window.__pwned=5">this</a>.', '',
  ].join('\n'));
  put('statuspage.json', JSON.stringify({ page: { id: 'x' }, incidents: [{ id: 'h1', name: '<img src=x onerror="window.__pwned = 6">API errors', impact: 'major', status: 'resolved', created_at: '2026-03-05T10:00:00Z', resolved_at: '2026-03-05T10:30:00Z', incident_updates: [{ status: 'investigating', body: '<script>window.__pwned = 7</script>Looking', created_at: '2026-03-05T10:02:00Z' }] }] }));
  put('deep.json', '['.repeat(100000) + ']'.repeat(100000));
  for (const f of ['hostile/alias-bomb.md', 'hostile/binary.json', 'hostile/latin1.txt', 'hostile/truncated.json', 'hostile/years.md', 'hostile/empty.md']) {
    put(path.basename(f), fs.readFileSync(path.join(fixtures, f)));
  }
  put('one-line.txt', 'a'.repeat(20 * 1024 * 1024));
  put('backwards.md', '---\ntitle: Queue backwards\ndate: 2026-03-09T10:00:00Z\nresolvedWhen: 2026-03-08T10:00:00Z\nresolved: true\nseverity: disrupted\nsection: issue\n---\nOdd.\n');
  put('fake.zip', 'PK\x03\x04 this is not a zip at all');
  const bomb = path.join(dir, 'bomb.zip');
  execFileSync('python3', ['-c', `
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    with z.open('zeros.bin', 'w', force_zip64=True) as f:
        block = bytes(1024 * 1024)
        for _ in range(300):
            f.write(block)
    z.writestr('good.md', open(sys.argv[2]).read())
`, bomb, path.join(fixtures, 'cstate/2024-03-05-queue-stall.md')]);
  files.push(bomb);
  const many = path.join(dir, 'many.zip');
  execFileSync('python3', ['tests/bench/gen_zip.py', '20000', many]);
  files.push(many);
  return files;
}

test('a hostile batch dropped at once: a row and a reason for each file, the good ones read, nothing runs, the page answers', { timeout: 300000 }, async () => {
  const files = writeBatch();
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.origin + '/import');
  await page.getByTestId('page-import').waitFor();
  await page.waitForTimeout(1000);
  await page.evaluate(() => {
    window.__gaps = [];
    window.__done = false;
    document.addEventListener('change', () => {
      let last = performance.now();
      const tick = (t) => { window.__gaps.push(t - last); last = t; if (!window.__done) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    }, true);
  });
  await page.getByTestId('file-input').setInputFiles(files);
  await page.getByTestId('notice').waitFor({ timeout: 240000 });
  await page.waitForTimeout(500);
  const gap = await page.evaluate(() => { window.__done = true; return Math.max(0, ...window.__gaps); });
  assert.ok(gap <= 200, `the page answered within 200 ms throughout (longest frame gap ${gap.toFixed(0)} ms)`);
  // Every file has its row and reason (the zips' entries included).
  await page.getByTestId('report-problems-only').check();
  const report = await page.getByTestId('import-report').textContent();
  for (const [file, reason] of [
    ['deep.json', /not an incident format/],
    ['alias-bomb.md', /YAML front matter|alias|budget/i],
    ['binary.json', /binary file/],
    ['latin1.txt', /not UTF-8 text/],
    ['truncated.json', /EOF while parsing/],
    ['empty.md', /file is empty/],
    ['one-line.txt', /no incident date found/],
    ['fake.zip', /not a readable zip/],
    ['bomb.zip!/zeros.bin', /binary file/],
    ['backwards.md', /before started_at/],
    ['years.md', /implausible year/],
  ]) {
    assert.match(report, new RegExp(`${file.replace(/[.!/]/g, (c) => `\\${c}`)}[\\s\\S]*?${reason.source}`), `${file}: ${reason}`);
  }
  assert.match(report, /19,998 entries of many\.zip: no incident date found/);
  // The good files were read, the good entry beside the bomb among them.
  await page.getByTestId('report-problems-only').uncheck();
  assert.match(await page.getByTestId('import-report').textContent(), /bomb\.zip!\/good\.mdcstateok1/);
  // Nothing ran, on the incident pages either; the dashboard works.
  for (const title of ['Checkout down', 'API errors']) {
    await page.goto(server.origin + '/incidents');
    await page.getByTestId('incident-row').filter({ hasText: title }).locator('a').first().click();
    await page.getByTestId('page-incident').waitFor();
    await page.waitForTimeout(300);
  }
  assert.match(await page.locator('h1').first().textContent(), /<img src=x onerror=/, 'markup in a title is text');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.goto(server.origin + '/');
  await page.getByTestId('kpi-count').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
