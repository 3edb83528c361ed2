// Trunk's post-build step (Trunk.toml): prepares the built index.html so that one build serves
// under any path and under a strict Content-Security-Policy, then makes 404.html the app too.
//
// 1. Asset links (`<link href=./…>`) become `data-href`: the page's inline script sets `href`
//    once it knows the base path, so a browser's preload scanner fetches nothing against a deep
//    link's path.
// 2. A Content-Security-Policy `<meta>` first in the head: scripts only from this origin plus
//    the hashes of the page's own inline scripts (the base-path script and Trunk's loader,
//    computed here because they change with each build), WebAssembly allowed
//    ('wasm-unsafe-eval'), no plugins, `<base>` only to this origin. `connect-src *`: "Load
//    from a URL" fetches an address the user types (the other site must still allow it, CORS).
//    `style-src 'unsafe-inline'`: the app sets `style` attributes (sizes of charts), which
//    cannot run code.
// Usage: node scripts/post-build.mjs [DIR]  (default: $TRUNK_STAGING_DIR, as Trunk runs it)
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('usage: post-build.mjs DIR'); process.exit(2); }
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');

html = html.replace(/<link\b[^>]*>/g, (tag) => tag.replace(/ href=(\.\/)/, ' data-href=$1'));

const hashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
  if (/\bsrc=/.test(m[1])) continue;
  hashes.push(`'sha256-${crypto.createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
}
export const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "worker-src 'self'",
  "connect-src *",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
html = html.replace(/(<meta charset=[^>]*>)/i, `$1${meta}`);
if (!html.includes(meta)) { console.error('post-build: no <meta charset> to put the policy after'); process.exit(1); }

fs.writeFileSync(file, html);
fs.copyFileSync(file, path.join(dir, '404.html'));
console.log(`post-build: asset links deferred, CSP with ${hashes.length} script hashes, 404.html written`);
