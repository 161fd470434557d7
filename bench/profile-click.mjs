// Where a facet click's time goes on the page (a development aid, not part of the tests): loads
// a generated trail, clicks a facet value with Chrome tracing on, and sums the main thread's
// work by kind between the click and the frame that paints the answer.
import fs from 'node:fs';
import { serveDist, newPage, appReady, generate, loaded, CHROMIUM_ARGS } from '../e2e/harness.mjs';
import { chromium } from 'playwright-core';

const n = Number(process.env.PROFILE_EVENTS ?? 100000);
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
await browser.close();
await server.close();
