// Time to the first chart: from navigation to the dashboard's KPI cards and heatmap painted
// (the demo archive, loopback), without throttling and with the CPU slowed 4× through the
// DevTools protocol to stand for a mid-range phone. A benchmark printed as `bench:` lines, not
// a timed test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, openPage } from './browser.mjs';

const root = path.resolve(process.env.DIST || 'dist');
let server, browser;

before(async () => { server = await serve(root, '/'); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds from navigation to the frame that shows the KPI cards, and the heatmap's boxes. */
async function firstLoad(throttle) {
  const { context, page, problems } = await openPage(browser);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.addInitScript(() => {
    window.__painted = {};
    const seen = (key, selector) => {
      if (window.__painted[key] || !document.querySelector(selector)) return;
      window.__painted[key] = -1;
      // The frame after the one that holds it: it is on screen.
      requestAnimationFrame(() => requestAnimationFrame((t) => { window.__painted[key] = t; }));
    };
    new MutationObserver(() => {
      seen('kpi', '[data-testid=kpi-ttr-median]');
      seen('heatmap', '[data-testid=heat-boxes]');
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(server.origin + '/');
  await page.waitForFunction(() => window.__painted.kpi > 0 && window.__painted.heatmap > 0, null, { timeout: 60000 });
  const r = await page.evaluate(() => window.__painted);
  assert.deepEqual(problems, []);
  await context.close();
  return r;
}

test('bench: time to the first chart, without throttling and with the CPU slowed 4×', { timeout: 300000 }, async () => {
  for (const throttle of [1, 4]) {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await firstLoad(throttle));
    const kpi = median(runs.map((r) => r.kpi));
    const heat = median(runs.map((r) => r.heatmap));
    console.log(`bench: first load on loopback${throttle > 1 ? ` with the CPU throttled ${throttle}×` : ''}: KPI cards painted ${kpi.toFixed(0)} ms after navigation, heatmap ${heat.toFixed(0)} ms (median of 5${throttle === 1 ? '; target: KPI cards ≤ 500 ms' : ''})`);
  }
});
