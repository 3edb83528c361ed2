import fs from 'node:fs';
import { serve } from './serve.mjs';
import { launch, openPage } from './browser.mjs';
import { demoArchive } from './native.mjs';
const file = '/tmp/tenk.json';
if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify(demoArchive(10000, 365, 11)));
const server = await serve('/work/main/dist', '/');
const browser = await launch();
const { page } = await openPage(browser);
await page.goto(server.origin + '/import');
await page.getByTestId('file-input').setInputFiles(file);
await page.getByTestId('notice').waitFor({ timeout: 120000 });
for (const q of ['/', '/?weeks=2', '/?weeks=52']) {
  await page.goto(server.origin + q);
  await page.getByTestId('kpi-count').waitFor();
  await page.waitForTimeout(500);
  const res = [];
  for (const sev of ['1', '2', '3', '4', '']) {
    res.push(await page.evaluate(async (value) => {
      const select = document.querySelector('[data-testid=filter-severity]');
      const t0 = performance.now();
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
      const t1 = performance.now();
      await new Promise((r) => requestAnimationFrame(r));
      const t2 = performance.now();
      await new Promise((r) => setTimeout(r, 300));
      return `${(t1 - t0).toFixed(0)}/${(t2 - t0).toFixed(0)}`;
    }, sev));
  }
  console.log(q, res.join(' '), 'boxes', await page.getByTestId('heat-box').count());
}
await browser.close(); server.close();
