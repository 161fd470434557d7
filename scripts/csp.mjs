// Trunk post-build hook: put the page's loader in place of Trunk's (scripts/first-load.mjs), then
// write the Content-Security-Policy into the built index.html, right after the charset (before
// any script), allowing exactly that inline loader (by hash).
// Scripts come only from this origin (plus wasm compilation), workers only from this origin,
// connections only to this origin, https endpoints and loopback; no objects, no base URI changes.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { firstLoad } from './first-load.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp.mjs: TRUNK_STAGING_DIR is not set (run it as a Trunk post_build hook)');
  process.exit(1);
}
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');
// The page's own loader first (scripts/first-load.mjs), so its hash is the one allowed.
try {
  html = firstLoad(html, process.env.TRUNK_SOURCE_DIR ?? '.', dir);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
export const POLICY = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  // Yew sets style attributes (bar widths, virtual table heights); no <style> elements.
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:* http://*.localhost:*",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, '');
html = html.replace(/(<meta charset="utf-8" \/>)/, `$1\n  <meta http-equiv="Content-Security-Policy" content="${POLICY}" />`);
if (!html.includes('http-equiv="Content-Security-Policy"')) {
  console.error('csp.mjs: no <meta charset="utf-8" /> in index.html to put the policy after');
  process.exit(1);
}
fs.writeFileSync(file, html);
console.log(`csp.mjs: policy written (${hashes.length} inline script hash${hashes.length === 1 ? '' : 'es'})`);
