// Launches Debian's Chromium through playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';

export async function launch(options = {}) {
  return chromium.launch({
    ...options,
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A page that records console errors and failed requests. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // A request cancelled by the next navigation (net::ERR_ABORTED) is not a failure.
  page.on('requestfailed', (r) => {
    if (!(r.failure()?.errorText || '').includes('ERR_ABORTED')) problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.url()}`); });
  return { context, page, problems };
}

/**
 * Renders the panels below the fold too. The app skips rendering panels out of view
 * (`content-visibility: auto`); a user sees each as it scrolls in. Full-page screenshots, the
 * overflow check and axe's colour checks look at the whole page at once, so they render it all.
 */
export async function renderAll(page) {
  await page.addStyleTag({ content: '.panel { content-visibility: visible !important; }' });
}

/** Runs axe-core (from node_modules, never fetched) and returns serious and critical violations. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The browser's "today" (local date), as the app reads it. */
export async function browserToday(page) {
  return page.evaluate(() => {
    const d = new Date();
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  });
}

/** The heatmap's drawn boxes, read from its paths: view-box rectangles and client centres. */
export async function heatBoxes(page) {
  return page.getByTestId('heatmap-chart').evaluate((svg) => {
    const vb = svg.viewBox.baseVal; const r = svg.getBoundingClientRect(); const k = r.width / vb.width;
    const out = [];
    for (const p of svg.querySelectorAll('[data-testid=heat-boxes]')) {
      for (const m of p.getAttribute('d').matchAll(/M(-?\d+) (-?\d+)h(\d+)/g)) {
        const [x, y, side] = [+m[1], +m[2], +m[3]];
        out.push({ x, y, side, cx: r.left + (x + side / 2) * k, cy: r.top + (y + side / 2) * k });
      }
    }
    return out;
  });
}

/**
 * Drops files on the page as a user would (drag and drop). `files`: `{ name, bytes }` with
 * `bytes` a Buffer.
 */
export async function dropFiles(page, files) {
  const payload = files.map(({ name, bytes }) => ({ name, b64: bytes.toString('base64') }));
  await page.evaluate((items) => {
    const dt = new DataTransfer();
    for (const { name, b64 } of items) dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
    document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
}

/**
 * Picks `files` through the input `input` and measures, from the input's change until the
 * import's notice appears (and `after` ms more, for what is drawn after it): the time to the
 * notice, the longest gap between two frames, and the notice's text.
 */
export async function timedImport(page, input, files, after = 0) {
  await page.evaluate(() => {
    window.__bench = { gaps: [], t0: 0, t1: 0, stop: false };
    document.addEventListener('change', () => {
      window.__bench.t0 = performance.now();
      let last = performance.now();
      const tick = (t) => {
        window.__bench.gaps.push(t - last); last = t;
        if (!window.__bench.stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, true);
    new MutationObserver(() => {
      const notice = document.querySelector('[data-testid=notice]');
      if (notice && !window.__bench.t1) { window.__bench.t1 = performance.now(); window.__bench.text = notice.textContent; }
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByTestId(input).setInputFiles(files);
  await page.waitForFunction(() => window.__bench.t1 > 0, null, { timeout: 600000 });
  if (after) await page.waitForTimeout(after);
  return page.evaluate(() => {
    window.__bench.stop = true;
    return { ms: window.__bench.t1 - window.__bench.t0, gap: Math.max(0, ...window.__bench.gaps), text: window.__bench.text };
  });
}
