import { serve } from './serve.mjs';
import { launch, openPage } from './browser.mjs';
const server = await serve('/work/main/dist', '/');
const browser = await launch();
const { page } = await openPage(browser);
await page.goto(server.origin + '/import');
await page.getByTestId('file-input').setInputFiles('/tmp/tenk.json');
await page.getByTestId('notice').waitFor({ timeout: 120000 });
await page.getByTestId('nav-dashboard').click();
await page.getByTestId('kpi-count').waitFor();
console.log('count', await page.getByTestId('kpi-count').locator('.big').textContent());
await page.waitForTimeout(500);
const r = await page.evaluate(async () => {
  const P = CanvasRenderingContext2D.prototype; let arcs = 0, fillT = 0;
  const fill = P.fill; P.fill = function (...a) { const t = performance.now(); fill.apply(this, a); fillT += performance.now() - t; };
  const arc = P.arc; P.arc = function (...a) { arcs++; return arc.apply(this, a); };
  const out = [];
  for (const v of ['3', '1', '', '2', '3', '1', '', '2']) {
    arcs = 0; fillT = 0;
    const select = document.querySelector('[data-testid=filter-severity]');
    const t0 = performance.now();
    select.value = v; select.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    const t1 = performance.now();
    await new Promise((r) => requestAnimationFrame(r));
    const t2 = performance.now();
    out.push(`sev=${v || 'all'} script ${(t1 - t0).toFixed(0)}ms frame ${(t2 - t0).toFixed(0)}ms arcs ${arcs} fill ${fillT.toFixed(0)}ms dom ${document.getElementsByTagName('*').length}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return out;
});
console.log(r.join('\n'));
await browser.close(); server.close();
