import { serve } from './serve.mjs';
import { launch, openPage } from './browser.mjs';
const server = await serve(process.argv[2] || '/tmp/devdist', '/');
const browser = await launch();
const { page } = await openPage(browser);
await page.goto(server.origin + '/');
await page.getByTestId('heat-box').first().waitFor();
await page.waitForTimeout(500);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
const times = await page.evaluate(async () => {
  const out = [];
  const select = document.querySelector('[data-testid=filter-severity]');
  for (const v of ['3', '1', '', '2', '3', '1', '', '2']) {
    const t0 = performance.now();
    select.value = v; select.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    out.push(Math.round(performance.now() - t0));
    await new Promise((r) => setTimeout(r, 100));
  }
  return out;
});
const { profile } = await cdp.send('Profiler.stop');
console.log('script ms', times.join(' '));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const self = new Map(), total = new Map();
profile.samples.forEach((id, i) => {
  const d = profile.timeDeltas[i] || 0;
  const n = byId.get(id); const k = n.callFrame.functionName || '(anon)';
  self.set(k, (self.get(k) || 0) + d);
  const seen = new Set(); let cur = id;
  while (cur !== undefined) { const f = byId.get(cur).callFrame.functionName || '(anon)'; if (!seen.has(f)) { seen.add(f); total.set(f, (total.get(f) || 0) + d); } cur = parent.get(cur); }
});
const fmt = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k.slice(0, 150)}`).join('\n');
console.log('--- self\n' + fmt(self));
console.log('--- total (aftermath)\n' + [...total.entries()].filter(([k]) => /aftermath|leptos_router|reactive_graph::effect|tachys::view/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k.slice(0, 160)}`).join('\n'));
await browser.close(); server.close();
