import fs from 'node:fs';
import { serve } from './serve.mjs';
import { launch, openPage } from './browser.mjs';
const server = await serve('/work/main/dist', '/');
const browser = await launch();
const { page } = await openPage(browser);
await page.goto(server.origin + '/import');
await page.getByTestId('file-input').setInputFiles('/tmp/tenk.json');
await page.getByTestId('notice').waitFor({ timeout: 120000 });
await page.goto(server.origin + '/?weeks=2');
await page.getByTestId('kpi-count').waitFor();
await page.waitForTimeout(500);
const r = await page.evaluate(async () => {
  const sec = document.querySelector('[data-testid=page-dashboard]');
  sec.__mark = 1;
  const fb = document.querySelector('[data-testid=filters]'); fb.__mark = 1;
  const kp = document.querySelector('[data-testid=kpis]'); kp.__mark = 1;
  const select = document.querySelector('[data-testid=filter-severity]');
  select.value = '2'; select.dispatchEvent(new Event('change', { bubbles: true }));
  await new Promise((r) => setTimeout(r, 500));
  return [document.querySelector('[data-testid=page-dashboard]').__mark, document.querySelector('[data-testid=filters]').__mark, document.querySelector('[data-testid=kpis]').__mark, location.search];
});
console.log(r);
// Profile one change.
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await page.evaluate(async () => {
  const select = document.querySelector('[data-testid=filter-severity]');
  for (const v of ['3', '1', '', '2']) {
    select.value = v; select.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 50));
  }
});
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const dt = profile.timeDeltas; const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`; self.set(k, (self.get(k) || 0) + (dt[i] || 0)); });
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
await browser.close(); server.close();
