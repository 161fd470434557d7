// Browser benchmark: the release build in headless Chromium, fed generated trails through the
// real file input. Prints load time, memory (worker wasm memory and the tab's peak RSS), a query
// time from the worker, and — in the same page, on the same file — a plain-JavaScript baseline
// (TextDecoder + JSON.parse + counting eventName in a Map) with the ratios.
//
// Run with scripts/bench.sh (not part of the test command). BENCH_SIZES=100000,1000000 to choose.
import fs from 'node:fs';
import { serveDist, newPage, appReady, generate, loaded, CHROMIUM_ARGS } from '../e2e/harness.mjs';
import { chromium } from 'playwright-core';

const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const mb = (b) => (b / 1048576).toFixed(0);

/** Renderer processes of Chromium now running: pid → cmdline. */
function renderers() {
  const out = new Map();
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes('--type=renderer')) out.set(Number(pid), cmd);
    } catch { /* gone */ }
  }
  return out;
}

/** Peak resident memory (VmHWM) among renderers not in `before`, in bytes. */
function rendererPeak(before) {
  let peak = 0;
  for (const pid of renderers().keys()) {
    if (before.has(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+) kB/.exec(stat)[1]) * 1024);
    } catch { /* gone */ }
  }
  return peak;
}

async function runOne(server, file, label) {
  const before = renderers();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const page = await newPage(browser);
  await page.goto(`${server.origin}/#/events`);
  await appReady(page);
  const size = fs.statSync(file).size;

  // Ours: through the app's file input; the worker measures the batch.
  const t0 = Date.now();
  await page.getByTestId('file-input').setInputFiles([file]);
  await loaded(page, 1, 300000);
  await page.getByTestId('query-time').waitFor({ timeout: 120000 });
  const wall = Date.now() - t0;
  const stats = await page.getByTestId('event-count').evaluate((el) => ({ ...el.dataset }));
  const queryMs = Number(await page.getByTestId('query-time').getAttribute('data-ms'));
  const tabPeak = rendererPeak(before);
  const oursHeap = await page.evaluate(() => performance.memory.usedJSHeapSize);

  // Baseline, same page, same file, through a plain <input type=file>.
  await page.evaluate(() => {
    const i = document.createElement('input');
    i.type = 'file';
    i.id = 'baseline-input';
    document.body.append(i);
  });
  await page.setInputFiles('#baseline-input', [file]);
  const base = await page.evaluate(async () => {
    const f = document.getElementById('baseline-input').files[0];
    globalThis.gc?.();
    const before = performance.memory.usedJSHeapSize;
    const t = performance.now();
    try {
      let stream = f.stream();
      const head = new Uint8Array(await f.slice(0, 2).arrayBuffer());
      if (head[0] === 0x1f && head[1] === 0x8b) stream = stream.pipeThrough(new DecompressionStream('gzip'));
      const buf = await new Response(stream).arrayBuffer();
      const text = new TextDecoder().decode(buf);
      const data = JSON.parse(text);
      const counts = new Map();
      for (const e of data) counts.set(e.eventName, (counts.get(e.eventName) ?? 0) + 1);
      const ms = performance.now() - t;
      const heap = performance.memory.usedJSHeapSize - before + buf.byteLength;
      return { ok: true, ms, heap, events: data.length, names: counts.size };
    } catch (e) {
      return { ok: false, ms: performance.now() - t, error: String(e) };
    }
  });
  await browser.close();
  const events = Number(stats.count);
  const oursMem = Number(stats.wasmBytes) + oursHeap;
  const line = {
    file: label,
    size_mb: Number(mb(size)),
    events,
    load_s: Number((Number(stats.loadMs) / 1000).toFixed(2)),
    wall_s: Number((wall / 1000).toFixed(2)),
    worker_wasm_mb: Number(mb(Number(stats.wasmBytes))),
    page_js_heap_mb: Number(mb(oursHeap)),
    tab_peak_rss_mb: Number(mb(tabPeak)),
    query_ms: queryMs,
    baseline: base.ok
      ? { load_s: Number((base.ms / 1000).toFixed(2)), heap_mb: Number(mb(base.heap)), events: base.events }
      : { failed: base.error, after_s: Number((base.ms / 1000).toFixed(2)) },
  };
  if (base.ok) {
    line.time_ratio = Number((Number(stats.loadMs) / base.ms).toFixed(2));
    line.memory_ratio = Number((oursMem / base.heap).toFixed(2));
  }
  console.log(JSON.stringify(line));
  return line;
}

const server = await serveDist();
const results = [];
for (const n of sizes) {
  const plain = await generate(`bench-${n}.json`, { events: n, format: 'array', seed: 7, days: 30 });
  const gz = await generate(`bench-${n}.json.gz`, { events: n, format: 'array', seed: 7, days: 30, gzip: true });
  results.push(await runOne(server, plain, `${n} events, JSON array`));
  results.push(await runOne(server, gz, `${n} events, JSON array, gzip`));
}
await server.close();
console.log('\n| file | size | load | tab peak RSS | worker wasm | query | JS baseline | time ratio | memory ratio |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const b = r.baseline.failed ? `failed: ${r.baseline.failed.slice(0, 60)}` : `${r.baseline.load_s} s, ${r.baseline.heap_mb} MB`;
  console.log(`| ${r.file} | ${r.size_mb} MB | ${r.load_s} s | ${r.tab_peak_rss_mb} MB | ${r.worker_wasm_mb} MB | ${r.query_ms} ms | ${b} | ${r.time_ratio ?? '–'} | ${r.memory_ratio ?? '–'} |`);
}
