// Trunk's post-build step (Trunk.toml): prepares the built index.html so that one build serves
// under any path and under a strict Content-Security-Policy, then makes 404.html the app too.
//
// 0. One loader for the two app bundles Trunk builds (`aftermath-web`, the first load: the
//    dashboard and incidents; `aftermath-full`, the whole app): an inline script picks
//    the bundle from the address (the pages of WHOLE_APP_PAGES get the whole app, as
//    `domain::route::Route::in_first_load` says; a Rust test keeps the two lists in step),
//    preloads only that one, and a module script starts it. Trunk's own scripts and preloads
//    for the two are removed, so the browser never fetches the bundle it does not run. The
//    names between each bundle's wasm and JavaScript are shortened (wasm-opt) and its
//    JavaScript minified (terser).
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
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('usage: post-build.mjs DIR'); process.exit(2); }
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');

// The base-path script as written in the source index.html (minified there by hand): Trunk's
// minifier orders the names it hoists differently from one build to the next, which changed
// the page's script hash and its size by a few bytes from build to build.
{
  const source = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'index.html'), 'utf8');
  const written = source.match(/<script id="aftermath-base">([\s\S]*?)<\/script>/);
  const built = /(<script id="?aftermath-base"?>)[\s\S]*?(<\/script>)/;
  if (!written || !built.test(html)) { console.error('post-build: no base-path script (id=aftermath-base) in index.html'); process.exit(1); }
  html = html.replace(built, (_, open, close) => open + written[1] + close);
}

// The pages only the whole app's bundle shows (see 0. above).
const WHOLE_APP_PAGES = 'import|review|report|archive|about';
const bundles = {};
let placed = false;
// The first load's bundle: Trunk's loader for the one `main` app (its module script and
// preloads) gives its files and their integrity.
html = html.replace(/<script type="?module"?>\s*import init, \* as bindings from '\.\/(aftermath-web-[0-9a-f]+\.js)';[\s\S]*?<\/script>/g, (script, js) => {
  const wasm = script.match(/module_or_path: '\.\/([^']+\.wasm)'/);
  if (!wasm) { console.error('post-build: no wasm in the loader of aftermath-web'); process.exit(1); }
  bundles.first = { js, wasm: wasm[1] };
  if (placed) return '';
  placed = true;
  return '\u0000LOADER\u0000';
});
html = html.replace(/<link\b[^>]*\bhref="?\.\/aftermath-web-[0-9a-f]+(\.js|_bg\.wasm)\b[^>]*>/g, '');
if (!bundles.first) { console.error('post-build: Trunk wrote no loader for aftermath-web'); process.exit(1); }
// Both bundles made smaller before their names and integrity are computed:
// - the names between the wasm and its JavaScript (wasm-bindgen's, each with a 16-digit hash)
//   shortened by wasm-opt, and the JavaScript rewritten to the same short names;
// - the JavaScript minified (Trunk's minifier gives up on ES-module bindings and leaves them
//   as they are).
const wasmOpt = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin', 'wasm-opt');
function shortNames(jsFile, wasmFile) {
  const fail = (why) => { console.error(`post-build: ${jsFile}: ${why}`); process.exit(1); };
  const wasm = path.join(dir, wasmFile);
  const map = JSON.parse(execFileSync(wasmOpt, [wasm, '--minify-imports-and-exports-and-modules',
    '--strip-producers', '--strip-target-features', '-o', wasm], { encoding: 'utf8' }));
  let js = fs.readFileSync(path.join(dir, jsFile), 'utf8');
  // The JavaScript classes whose exports are gone (wasm-streams' stream adapters, which
  // scripts/wasm-ld leaves out), each with its finalizer and dispose line: a class goes when
  // its `free` export is gone.
  const exported = new Set(map.exports.map(([name]) => name));
  for (const [line, name] of [...js.matchAll(/^export class (IntoUnderlying\w+) \{$/gm)]) {
    if (exported.has(`__wbg_${name.toLowerCase()}_free`)) continue;
    const start = js.indexOf(line);
    let depth = 0, end = start + line.length - 1;
    for (; end < js.length; end++) {
      if (js[end] === '{') depth++;
      else if (js[end] === '}' && --depth === 0) break;
    }
    if (depth !== 0) fail(`the class ${name} does not end`);
    js = js.slice(0, start) + js.slice(end + 1).replace(/^\n/, '');
    const parts = [
      new RegExp(`^if \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n`, 'm'),
      new RegExp(`^const ${name}Finalization = [^;]*;\\n`, 'm'),
    ];
    for (const part of parts) {
      if (!part.test(js)) fail(`no ${part} for the class ${name}`);
      js = js.replace(part, '');
    }
  }
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\$]/g, '\\$&');
  const modules = new Set(map.imports.map(([module]) => module));
  if (modules.size !== 1) fail(`expected the imports of one module, got ${[...modules].join(', ')}`);
  const [module] = modules;
  // The module's new name: wasm-opt names every module alike.
  const imported = WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(wasm)));
  const renamed = imported.length ? imported[0].module : module;
  const key = `"${module}": `;
  if (js.split(key).length !== 2) fail(`the imports object's key ${key} is not there once`);
  js = js.replace(key, () => `"${renamed}": `);
  // An import is a key of the imports object: `name: function…`, each name once.
  for (const [, name, short] of map.imports) {
    let n = 0;
    js = js.replace(new RegExp(`(?<![\\w$])${esc(name)}(?=: )`, 'g'), () => { n++; return short; });
    if (n !== 1) fail(`the import ${name} is defined ${n} times, not once`);
  }
  // An export is read as `wasm.name`.
  for (const [name, short] of map.exports) {
    js = js.replace(new RegExp(`\\bwasm\\.${esc(name)}(?![\\w$])`, 'g'), () => `wasm.${short}`);
  }
  for (const [, name] of map.imports) if (js.includes(name)) fail(`${name} is still used`);
  // Every export the JavaScript reads must be one of the new names.
  const shorts = new Set(map.exports.map(([, short]) => short));
  for (const [, name] of js.matchAll(/\bwasm\.([\w$]+)/g)) if (!shorts.has(name)) fail(`wasm.${name} is not an export`);
  fs.writeFileSync(path.join(dir, jsFile), js);
}
if (!fs.existsSync(path.join(dir, 'aftermath-full.js')) || !fs.existsSync(path.join(dir, 'aftermath-full_bg.wasm'))) {
  console.error('post-build: aftermath-full.js or its wasm is missing (index.html builds them)'); process.exit(1);
}
// The whole app's bundle: Trunk 0.21 builds one `main` app per page, so it is built as a
// "worker" with ES-module bindings (nothing injected, names without a hash). Both bundles are
// named here by their final content (Trunk's hash of the first load's predates the changes
// above), so that a cache never serves an old file under a current name.
const digest = (f, alg, enc) => crypto.createHash(alg).update(fs.readFileSync(path.join(dir, f))).digest(enc);
for (const [key, js, wasm] of [['first', bundles.first.js, bundles.first.wasm], ['whole', 'aftermath-full.js', 'aftermath-full_bg.wasm']]) {
  shortNames(js, wasm);
  const out = await minify(fs.readFileSync(path.join(dir, js), 'utf8'), { module: true, compress: { passes: 2 }, format: { comments: false } });
  if (!out.code) { console.error(`post-build: ${js} could not be minified`); process.exit(1); }
  fs.writeFileSync(path.join(dir, js), out.code);
  const base = key === 'first' ? 'aftermath-web' : 'aftermath-full';
  const named = (file, ext) => {
    const to = `${base}-${digest(file, 'sha256', 'hex').slice(0, 16)}${ext}`;
    fs.renameSync(path.join(dir, file), path.join(dir, to));
    return to;
  };
  bundles[key] = { js: named(js, '.js'), wasm: named(wasm, '_bg.wasm') };
}
for (const b of Object.values(bundles)) {
  b.jsIntegrity = `sha384-${digest(b.js, 'sha384', 'base64')}`;
  b.wasmIntegrity = `sha384-${digest(b.wasm, 'sha384', 'base64')}`;
}
const entry = (b) => JSON.stringify([`./${b.js}`, b.jsIntegrity, `./${b.wasm}`, b.wasmIntegrity]);
const loader =
  `<script id=aftermath-loader>(function(){var d=document,p=location.pathname,b=new URL(d.baseURI).pathname,` +
  `r=p.indexOf(b)===0?p.slice(b.length):"-",o=null;` +
  // A page of the whole app opened from the first load's bundle: it loads the site's root
  // (which every host serves) with the time and the address to show in session storage
  // (web::load_whole_app), honoured for a minute.
  `try{o=sessionStorage.getItem("aftermath-open");sessionStorage.removeItem("aftermath-open")}catch(x){}` +
  `if(o){var t=o.indexOf("|");o=t>0&&Date.now()-o.slice(0,t)<6e4&&/^(?:index\\.html)?$/.test(r)?o.slice(t+1):null}window.aftermathOpen=o;` +
  `var w=!!o||/^(?:${WHOLE_APP_PAGES})\\/?(?:index\\.html)?$/.test(r),` +
  `e=w?${entry(bundles.whole)}:${entry(bundles.first)};` +
  `function l(r,h,i,t){var k=d.createElement("link");k.rel=r;k.href=h;if(i)k.integrity=i;k.crossOrigin="anonymous";if(t){k.as="fetch";k.type=t}d.head.appendChild(k)}` +
  `l("modulepreload",e[0],e[1]);l("preload",e[2],e[3],"application/wasm");window.aftermathBundle=e})();</script>` +
  `<script type=module>try{const e=window.aftermathBundle,m=await import(e[0]),wasm=await m.default({module_or_path:e[2]});` +
  `window.wasmBindings=m;dispatchEvent(new CustomEvent("TrunkApplicationStarted",{detail:{wasm}}))}` +
  // A bundle that does not arrive (a dropped connection): said on the page, not a blank one.
  `catch(x){const p=document.createElement("p");p.className="banner error";p.setAttribute("role","alert");p.dataset.testid="load-failed";` +
  `p.textContent="Aftermath could not be loaded: "+(x&&x.message||x)+". Check the connection and reload the page.";document.body.prepend(p);throw x}</script>`;
html = html.replace('\u0000LOADER\u0000', loader);

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
console.log(`post-build: one loader for ${bundles.first.js} and ${bundles.whole.js}, asset links deferred, CSP with ${hashes.length} script hashes, 404.html written`);
