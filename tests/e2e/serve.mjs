// A static file server with SPA fallback for the e2e tests: serves a trunk `dist/` folder on
// loopback, optionally under a base path (as a static host would for a project site).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/atom+xml', '.ico': 'image/x-icon',
};

/**
 * Starts a server for `root` under `base` (e.g. "/" or "/postmortems/"); resolves to its origin.
 * `extra` maps more URL paths to files (benchmarks serve generated data and a bare page).
 */
export function serve(root, base = '/', extra = {}, { notFound = null } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let p = decodeURIComponent(url.pathname);
    if (extra[p]) {
      res.writeHead(200, { 'content-type': TYPES[path.extname(extra[p])] || 'application/octet-stream' });
      fs.createReadStream(extra[p]).pipe(res);
      return;
    }
    if (!p.startsWith(base)) { res.writeHead(404); res.end('outside base'); return; }
    p = p.slice(base.length);
    let file = path.join(root, p);
    if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
    // A folder with an index.html (a published static page) is served as static hosts do:
    // redirected to its trailing slash, then its index.html.
    if (fs.existsSync(file) && fs.statSync(file).isDirectory() && fs.existsSync(path.join(file, 'index.html'))) {
      if (!url.pathname.endsWith('/')) { res.writeHead(301, { location: url.pathname + '/' + url.search }); res.end(); return; }
      file = path.join(file, 'index.html');
    }
    if (notFound && (!fs.existsSync(file) || fs.statSync(file).isDirectory())) {
      // As a static host does: the site's 404 page, with the 404 status.
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      fs.createReadStream(path.join(root, notFound)).pipe(res);
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      // SPA fallback: unknown paths without an extension get index.html.
      file = path.extname(p) ? null : path.join(root, 'index.html');
    }
    if (!file || !fs.existsSync(file)) { res.writeHead(404); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() });
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(process.argv[2] || 'dist');
  serve(root, process.argv[3] || '/').then(({ origin }) => console.log(`serving ${root} at ${origin}`));
}
