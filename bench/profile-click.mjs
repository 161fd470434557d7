// Where a facet click's time goes on the page (a development aid, not part of the tests): loads
// a generated trail, clicks a facet value with Chrome tracing on, and sums the main thread's
// work by kind between the click and the frame that paints the answer.
// CPU_PROFILE=1 also samples the main thread with V8's profiler over six clicks and prints the
// functions under the click's tasks and under the answer's. Wasm functions have names only in a
// build that keeps them: add data-wasm-opt-params="-g" to the app's <link> in index.html for
// that build (not for a release).
import fs from 'node:fs';
import { serveDist, newPage, appReady, generate, loaded, CHROMIUM_ARGS } from '../e2e/harness.mjs';
import { chromium } from 'playwright-core';

const n = Number(process.env.PROFILE_EVENTS ?? 100000);
fs.mkdirSync('/tmp/prof', { recursive: true });
const server = await serveDist();
const file = await generate(`bench-${n}.json`, { events: n, format: 'array', seed: 7, days: 30 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const page = await newPage(browser);
await page.goto(`${server.origin}/#/events`);
await appReady(page);
await page.getByTestId('file-input').setInputFiles([file]);
await loaded(page, n, 300000);
await page.waitForFunction(() => document.querySelector('[data-testid=filtered-count]')?.dataset.pending === 'false');
const click = () => page.evaluate(() => new Promise((resolve) => {
  const el = () => document.querySelector('[data-testid=filtered-count]');
  const before = el().dataset.resultId;
  const obs = new MutationObserver(() => {
    if (el() && el().dataset.resultId !== before && el().dataset.pending === 'false') {
      obs.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
    }
  });
  obs.observe(document.body, { subtree: true, attributes: true, childList: true });
  const t0 = performance.now();
  document.querySelectorAll('[data-testid=facet-eventName] .facet-include')[1].click();
}));
await click();
await browser.startTracing(page, { path: '/tmp/prof/trace.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'] });
const ms = await click();
await browser.stopTracing();
console.log(`click → painted ${ms.toFixed(1)} ms`);
const trace = JSON.parse(fs.readFileSync('/tmp/prof/trace.json', 'utf8'));
const events = trace.traceEvents ?? trace;
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const tid = main?.tid;
const complete = events.filter((e) => e.tid === tid && e.ph === 'X' && e.dur);
const byName = new Map();
for (const e of complete) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
console.log([...byName].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1).padStart(7)} ms  ${k}`).join('\n'));
const tasks = complete.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
if (tasks.length) {
  const t0 = tasks[0].ts;
  console.log(tasks.filter((t) => t.dur > 1000).map((t) => `task +${((t.ts - t0) / 1000).toFixed(1)} ms: ${(t.dur / 1000).toFixed(1)} ms`).join('\n'));
}
if (process.env.CPU_PROFILE) {
  const categories = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.cpu_profiler'];
  await browser.startTracing(page, { path: '/tmp/prof/cpu.json', categories });
  const times = [];
  for (let k = 0; k < 6; k++) {
    times.push((await click()).toFixed(1));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  }
  await browser.stopTracing();
  console.log(`clicks: ${times.join(' ')} ms`);
  const cpu = JSON.parse(fs.readFileSync('/tmp/prof/cpu.json', 'utf8'));
  const evs = cpu.traceEvents ?? cpu;
  const mainTid = evs.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').tid;
  const prof = evs.find((e) => e.name === 'Profile' && e.tid === mainTid);
  // Samples, each with its time and stack (node ids; a node knows its parent).
  const nodes = new Map();
  const samples = [];
  let at = prof.args.data.startTime;
  for (const e of evs.filter((e) => e.name === 'ProfileChunk' && e.id === prof.id)) {
    const data = e.args.data;
    for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    (data.cpuProfile?.samples ?? []).forEach((id, i) => { at += data.timeDeltas?.[i] ?? 0; samples.push([at, id]); });
  }
  const name = (n) => (n.callFrame?.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}$/, '');
  for (const [kind, label] of [['EventDispatch', 'the click'], ['HandlePostMessage', 'the answer']]) {
    const spans = evs.filter((e) => e.tid === mainTid && e.ph === 'X' && e.name === kind && e.dur > 1000);
    const within = samples.filter(([t]) => spans.some((s) => t >= s.ts && t <= s.ts + s.dur));
    const inclusive = new Map();
    for (const [, id] of within) {
      const seen = new Set();
      for (let n = nodes.get(id); n; n = nodes.get(n.parent)) seen.add(name(n));
      for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + 1);
    }
    console.log(`\n${label}: ${spans.length} tasks, ${within.length} samples; functions in most samples:`);
    console.log([...inclusive].filter(([k]) => !k.startsWith('(')).sort((a, b) => b[1] - a[1]).slice(0, 30)
      .map(([k, c]) => `${String(c).padStart(5)}  ${k.slice(0, 140)}`).join('\n'));
  }
}
await browser.close();
await server.close();
