// Shared pieces of the end-to-end tests: a static server for dist/, and headless Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');

/** Serve `dir` on 127.0.0.1 at a free port, as `scripts/run.sh` serves it (the same headers). */
export function serveDist(dir = DIST) {
  return serve(dir);
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

/** Launch Debian's Chromium headless. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * A fresh page that records console messages and page errors, so tests can assert there are none
 * (and that no secret ever reaches the console).
 */
export async function newPage(browser, options = {}) {
  // English unless a test asks for another language (the app follows navigator.language).
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US', ...options });
  const page = await context.newPage();
  page.consoleMessages = [];
  page.errors = [];
  page.on('console', (m) => page.consoleMessages.push({ type: m.type(), text: m.text(), url: m.location()?.url ?? '' }));
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

/**
 * Console errors and uncaught exceptions seen by `page`. Not counted: the browser's own log line
 * for a 404 from GetBucketLifecycle, which is how OSS says a bucket has no lifecycle rules
 * (NoSuchLifecycle) and which the console reads as "no rules".
 */
export function problems(page) {
  const expected = (m) => /status of 404/.test(m.text) && /[?&]lifecycle$/.test(m.url);
  return [
    ...page.errors,
    ...page.consoleMessages.filter((m) => m.type === 'error' && !expected(m)).map((m) => m.text),
  ];
}

/** Wait until the Yew app has rendered its shell (at #/tracking, maybe still the first screen). */
export async function appReady(page) {
  await page.getByTestId('footer').waitFor({ timeout: 20000 });
}

/**
 * Wait until the app itself is on the page. At #/tracking the page starts on the first screen
 * (src/first.rs) and fetches the app at the first sign of use: the pointer moves over the page
 * here, as a person's would. A test that holds on to an element from the start (an observer on
 * the live region) needs the app's, not the first screen's.
 */
export async function appInPlace(page) {
  await appReady(page);
  await page.mouse.move(5, 5);
  await appArrived(page);
}

/** Wait until the app has taken the first screen's place (it draws in `window.ossAppRoot`). */
export async function appArrived(page) {
  await page.waitForFunction(() => !document.getElementById('first-screen') && window.ossAppRoot?.isConnected, null, { timeout: 20000 });
}

/**
 * The local OSS emulator; resolves to { port, endpoint, control, close }. `scripts/test.sh` starts
 * one for the whole suite and names its port in E2E_EMULATOR_PORT (each file resets it before
 * each test); without it, one is started on a free port for this file.
 */
export async function startEmulator() {
  const shared = Number(process.env.E2E_EMULATOR_PORT ?? 0);
  let child = null;
  const port = shared || await new Promise(async (resolve, reject) => {
    const { spawn } = await import('node:child_process');
    const bin = path.join(ROOT, 'target', 'debug', 'oss-emulator');
    // The console is served on 127.0.0.1 at a free port (serveDist): allow that origin, as a
    // bucket's CORS rule allows the console's.
    child = spawn(bin, ['--addr', '127.0.0.1:0', '--cors-origin', 'http://127.0.0.1:*'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`oss-emulator exited with ${code} (built? cargo build -p oss-emulator)`)));
  });
  const base = `http://127.0.0.1:${port}/__emulator`;
  const control = async (what, params = {}, method = 'POST') => {
    const qs = new URLSearchParams(params).toString().replace(/\+/g, '%20');
    // The emulator refuses control calls without this header (so pages cannot drive it).
    const res = await fetch(`${base}/${what}${qs ? `?${qs}` : ''}`, { method, headers: { 'x-emulator-control': '1' } });
    if (!res.ok) throw new Error(`emulator control ${what}: ${res.status}`);
    return res.json();
  };
  return {
    port,
    endpoint: `http://localhost:${port}`,
    control,
    state: () => control('state', {}, 'GET'),
    close: () => { child?.kill(); },
  };
}

/** Write a synthetic trail with the project's generator; returns its path. */
export async function generate(name, { events, format = 'array', seed = 1, days = 3, gzip = false }) {
  const { execFileSync } = await import('node:child_process');
  const dir = path.join(ROOT, 'e2e', 'out');
  fs.mkdirSync(dir, { recursive: true });
  const out = path.join(dir, name);
  const args = ['--events', String(events), '--format', format, '--seed', String(seed), '--days', String(days), '--out', out];
  if (gzip) args.push('--gzip');
  // The test profile's build (scripts/test.sh builds it); the bench may name a faster one.
  execFileSync(process.env.TRAIL_GEN ?? path.join(ROOT, 'target', 'debug', 'trail-gen'), args);
  return out;
}

/**
 * Read an event file the plain way (zlib + JSON.parse), independent of the app: the events
 * it holds, as objects.
 */
export async function readEvents(file) {
  const zlib = await import('node:zlib');
  let buf = fs.readFileSync(file);
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = zlib.gunzipSync(buf);
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  const unwrap = (o) => (typeof o.event === 'string' ? JSON.parse(o.event) : o);
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed).map(unwrap);
  if (trimmed.startsWith('{') && !trimmed.includes('\n')) {
    const o = JSON.parse(trimmed);
    if (Array.isArray(o.Events)) return o.Events.map(unwrap);
    if (Array.isArray(o.Records)) return o.Records;
    return [unwrap(o)];
  }
  try {
    const o = JSON.parse(trimmed);
    if (Array.isArray(o.Events)) return o.Events.map(unwrap);
    if (Array.isArray(o.Records)) return o.Records;
    return [unwrap(o)];
  } catch {
    return trimmed.split('\n').filter((l) => l.trim()).map((l) => unwrap(JSON.parse(l)));
  }
}

/** The id ActionTrail (eventId) or CloudTrail (eventID) gives an event. */
export const eventIdOf = (e) => e.eventId ?? e.eventID;

/** Wait until no load is in progress and the event count is at least `min`. */
export async function loaded(page, min = 1, timeout = 60000) {
  await page.waitForFunction(
    (m) => Number(document.querySelector('[data-testid=event-count]')?.dataset.count ?? 0) >= m
      && !document.querySelector('[data-testid=load-progress]'),
    min,
    { timeout },
  );
}

export const countOf = async (page, testid) => Number(await page.getByTestId(testid).getAttribute('data-count'));

const AXE_SOURCE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * axe-core's violations on the page as it is now: each { id, impact, help, nodes: [selector :: why] }.
 * The source is evaluated through the DevTools protocol (the page's CSP would refuse an inline
 * <script>), then axe runs every rule it enables by default, best practices included.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(fs.readFileSync(AXE_SOURCE, 'utf8'));
  }
  return page.evaluate(async () => {
    const result = await window.axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} :: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    }));
  });
}

/** Wait until the latest query's answer is shown (`after`: a query id it must be newer than). */
export async function settled(page, after = 0) {
  await page.waitForFunction((a) => {
    const el = document.querySelector('[data-testid=filtered-count]');
    return el && el.dataset.pending === 'false' && Number(el.dataset.resultId) > a;
  }, after, { timeout: 20000 });
}

/**
 * A page on the events view with `files` loaded (at least `count` events) and the first query
 * answered; 1400 × 1000 unless `options` say otherwise.
 */
export async function openWithFiles(browser, origin, files, count, options = {}) {
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 }, ...options });
  await page.goto(`${origin}/#/events`);
  await appReady(page);
  await page.getByTestId('file-input').setInputFiles(files);
  await loaded(page, count);
  await settled(page);
  return page;
}

/** Do `action`, then wait for the query it causes. */
export async function act(page, action) {
  const q = Number(await page.getByTestId('filtered-count').getAttribute('data-query-id'));
  await action();
  await settled(page, q);
}

/**
 * Every worker restart the page shows from now on: the `data-dropped` of each recovery notice
 * (the files left out so far, one a line), in order. A load that must not lose the worker checks
 * the list stays empty.
 */
export async function watchRecoveries(page) {
  const seen = [];
  await page.exposeFunction('__sawRecovering', (dropped) => seen.push(dropped));
  await page.evaluate(() => {
    let last = null;
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid=worker-recovering]');
      const now = el ? el.dataset.dropped : null;
      if (now !== null && now !== last) window.__sawRecovering(now);
      last = now;
    }).observe(document.body, { childList: true, subtree: true, attributes: true });
  });
  return seen;
}
