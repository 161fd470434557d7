// Serve the built console (dist/) as a deployment should: static files with their types, and
// the security headers the page relies on. The Content-Security-Policy is the one scripts/csp.mjs
// wrote into index.html (with the hash of Trunk's inline loader), sent as a header too, plus what
// only a header can say: `frame-ancestors 'none'` (no page may frame the console).
//
//   node scripts/serve.mjs [--port 8080] [--dir dist]
//
// The e2e harness serves the app with this same module, so the tests run under these headers.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
  '.gz': 'application/gzip', '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json',
};

/** The policy in the built index.html's meta tag, with the directives only a header carries. */
export function policyOf(dir) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
  if (!meta) throw new Error(`no Content-Security-Policy in ${dir}/index.html: build with trunk (scripts/csp.mjs)`);
  return `${meta[1]}; frame-ancestors 'none'`;
}

/** The headers every answer carries. */
export function securityHeaders(dir) {
  return {
    'content-security-policy': policyOf(dir),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'x-frame-options': 'DENY',
  };
}

/** Serve `dir` on `host:port` (0: a free port); resolves to { origin, port, close }. */
export function serve(dir = path.join(ROOT, 'dist'), { host = '127.0.0.1', port = 0 } = {}) {
  const headers = securityHeaders(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file;
    try {
      file = path.join(dir, decodeURIComponent(url.pathname));
    } catch {
      res.writeHead(400, headers).end('bad path');
      return;
    }
    // Inside `dir` only (`/..%2Fdist-old/x` would otherwise reach a sibling folder).
    const inside = path.relative(dir, file);
    if (inside.startsWith('..') || path.isAbsolute(inside)) { res.writeHead(403, headers).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404, headers).end('not found'); return; }
      res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const bound = server.address().port;
      resolve({ origin: `http://${host}:${bound}`, port: bound, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const dir = path.resolve(arg('--dir', path.join(ROOT, 'dist')));
  const { origin } = await serve(dir, { port: Number(arg('--port', '8080')) });
  console.log(`serving ${dir} on ${origin}/`);
}
