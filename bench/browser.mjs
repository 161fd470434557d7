// Browser benchmark: the release build in headless Chromium, fed generated trails through the
// real file input. Prints load time, memory (worker wasm memory and the tab's peak RSS), a query
// time from the worker, and — in the same page, on the same file — a plain-JavaScript baseline
// (TextDecoder + JSON.parse + counting eventName in a Map) with the ratios.
//
// Also: the first load of #/tracking (bytes and time to the form), 3M events, and a trail of
// 2,000+ small files loaded from the local emulator's bucket (files/s, events/s). The last lines
// are the table: each figure beside its target.
//
// Run with scripts/bench.sh (not part of the test command). BENCH_SIZES=100000,1000000 to choose;
// BENCH_BIG=0 skips the 3M-event file.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serveDist, newPage, appReady, generate, loaded, startEmulator, DIST, CHROMIUM_ARGS, ROOT, appArrived } from '../e2e/harness.mjs';
import { chromium } from 'playwright-core';

const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number).filter((n) => n > 0);
const big = process.env.BENCH_BIG !== '0';
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

/**
 * With the events loaded: time from a facet click, and from a keystroke in search, to the
 * redrawn view (summary, histogram, facets and first table page, at the frame that paints it); and
 * frames per second while scrolling the table.
 */
async function interactions(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=filtered-count]')?.dataset.pending === 'false');
  const redraw = (trigger) => page.evaluate((trigger) => new Promise((resolve) => {
    const el = () => document.querySelector('[data-testid=filtered-count]');
    const before = el().dataset.resultId;
    const obs = new MutationObserver(() => {
      if (el() && el().dataset.resultId !== before && el().dataset.pending === 'false') {
        obs.disconnect();
        // The next frame's callback: the frame that paints the update. A task posted from it
        // runs once that frame's style, layout and paint are done (the second figure).
        requestAnimationFrame(() => {
          const frame = performance.now() - t0;
          setTimeout(() => resolve({ frame, painted: performance.now() - t0 }), 0);
        });
      }
    });
    obs.observe(document.body, { subtree: true, attributes: true, childList: true });
    const t0 = performance.now();
    if (trigger === 'facet') {
      document.querySelectorAll('[data-testid=facet-eventName] .facet-include')[1].click();
    } else if (trigger === 'unfacet') {
      document.querySelector('[data-testid=facet-eventName] .included .facet-include').click();
    } else {
      const i = document.querySelector('[data-testid=search-input]');
      i.value = trigger;
      i.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }
  }), trigger);
  const workerMs = () => page.getByTestId('query-time').getAttribute('data-ms').then(Number);
  const facet = [];
  const facetWorker = [];
  for (let k = 0; k < 3; k++) {
    facet.push(await redraw('facet'));
    facetWorker.push(await workerMs());
    facet.push(await redraw('unfacet'));
  }
  const search = [];
  const searchWorker = [];
  for (const q of ['a', 'al', 'ali', '']) {
    search.push(await redraw(q));
    if (q) searchWorker.push(await workerMs());
  }
  const scroll = await page.evaluate(() => new Promise((resolve) => {
    const table = document.querySelector('[data-testid=event-table]');
    let frames = 0;
    let worst = 0;
    let last = performance.now();
    const t0 = last;
    const step = (now) => {
      frames += 1;
      worst = Math.max(worst, now - last);
      last = now;
      table.scrollTop += 400;
      if (now - t0 < 3000) requestAnimationFrame(step);
      else resolve({ fps: frames / ((now - t0) / 1000), worst_frame_ms: worst });
    };
    requestAnimationFrame(step);
  }));
  // Insights: click the tab → the list painted (and the worker's own time for them).
  const insightsPainted = await page.evaluate(() => new Promise((resolve) => {
    const t0 = performance.now();
    document.querySelector('[data-testid=insights-tab]').click();
    const check = () => {
      if (document.querySelector('[data-testid=insights][data-done=true]')) requestAnimationFrame(() => resolve(performance.now() - t0));
      else requestAnimationFrame(check);
    };
    check();
  }));
  const insightsWorker = Number(await page.getByTestId('insights').getAttribute('data-ms'));
  const insightsCount = Number(await page.getByTestId('insights').getAttribute('data-count'));
  await page.getByTestId('tab-events').click();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // Each redraw gives two times: to the frame that paints it, and to the end of that frame.
  const at = (xs, key) => xs.map((x) => x[key]);
  const painted = (xs) => Number(median(at(xs, 'painted')).toFixed(1));
  return {
    facet_click_painted_ms: painted(facet),
    search_painted_ms: painted(search),
    insights_ms: Number(insightsPainted.toFixed(1)),
    insights_in_worker_ms: Number(insightsWorker.toFixed(1)),
    insights_count: insightsCount,
    facet_click_ms: Number(median(at(facet, 'frame')).toFixed(1)),
    facet_query_in_worker_ms: Number(median(facetWorker).toFixed(1)),
    search_query_in_worker_ms: Number(median(searchWorker).toFixed(1)),
    facet_click_max_ms: Number(Math.max(...at(facet, 'frame')).toFixed(1)),
    facet_clicks_ms: at(facet, 'frame').map((x) => Number(x.toFixed(1))),
    search_ms: Number(median(at(search, 'frame')).toFixed(1)),
    search_max_ms: Number(Math.max(...at(search, 'frame')).toFixed(1)),
    scroll_fps: Number(scroll.fps.toFixed(1)),
    scroll_worst_frame_ms: Number(scroll.worst_frame_ms.toFixed(1)),
  };
}

async function runOne(server, file, label) {
  const files = Array.isArray(file) ? file : [file];
  const before = renderers();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const page = await newPage(browser);
  await page.goto(`${server.origin}/#/events`);
  await appReady(page);
  const size = files.reduce((a, f) => a + fs.statSync(f).size, 0);
  // As a person would: the files are picked once the events view's worker is up (it warms its
  // loader before it says so, about half a second after it starts).
  await page.waitForFunction(() => document.querySelector('[data-testid=event-count]')?.dataset.workerReady === 'true');

  // Ours: through the app's file input; the worker measures the batch.
  const t0 = Date.now();
  await page.getByTestId('file-input').setInputFiles(files);
  await loaded(page, 1, 300000);
  await page.getByTestId('query-time').waitFor({ timeout: 120000 });
  const wall = Date.now() - t0;
  const stats = await page.getByTestId('event-count').evaluate((el) => ({ ...el.dataset }));
  const queryMs = Number(await page.getByTestId('query-time').getAttribute('data-ms'));
  const tabPeak = rendererPeak(before);
  const interaction = process.env.BENCH_INTERACTION === '0' ? null : await interactions(page);
  const oursHeap = await page.evaluate(() => performance.memory.usedJSHeapSize);

  // Baseline, same page, same file, through a plain <input type=file> (one file only).
  if (files.length > 1) {
    // The browser's own floor for as many files: a plain input, each file's bytes read in turn,
    // nothing done with them.
    await page.evaluate(() => {
      const i = document.createElement('input');
      i.type = 'file';
      i.multiple = true;
      i.id = 'floor-input';
      document.body.append(i);
    });
    await page.setInputFiles('#floor-input', files);
    const floorMs = await page.evaluate(async () => {
      const t = performance.now();
      for (const f of document.getElementById('floor-input').files) await f.arrayBuffer();
      return performance.now() - t;
    });
    await browser.close();
    const line = {
      read_floor_s: Number((floorMs / 1000).toFixed(2)),
      file: label, files: files.length, size_mb: Number(mb(size)), events: Number(stats.count),
      load_s: Number((Number(stats.loadMs) / 1000).toFixed(2)), wall_s: Number((wall / 1000).toFixed(2)),
      worker_wasm_mb: Number(mb(Number(stats.wasmBytes))), page_js_heap_mb: Number(mb(oursHeap)),
      tab_peak_rss_mb: Number(mb(tabPeak)), query_ms: queryMs, baseline: { skipped: 'many files' },
    };
    console.log(JSON.stringify(line));
    return line;
  }
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
  if (interaction) line.interaction = interaction;
  if (base.ok) {
    line.time_ratio = Number((Number(stats.loadMs) / base.ms).toFixed(2));
    line.memory_ratio = Number((oursMem / base.heap).toFixed(2));
  }
  console.log(JSON.stringify(line));
  return line;
}

/** First visit of #/tracking in a fresh browser: what is fetched (gzipped sizes) and when the form shows. */
async function firstLoad(server) {
  const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(DIST, file)), { level: 9 }).length;
  const times = [];
  const handOver = [];
  let fetched = [];
  let later = [];
  // Seven fresh browsers: on two cores one start-up can take half again as long as the next.
  for (let k = 0; k < 7; k++) {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const page = await newPage(browser);
    const urls = [];
    page.on('request', (r) => urls.push(new URL(r.url()).pathname.slice(1)));
    await page.addInitScript(() => {
      const seen = () => {
        if (document.querySelector('[data-testid=cred-access-key-id]')) {
          window.__formAt = performance.now();
          return true;
        }
        return false;
      };
      new MutationObserver((_, obs) => { if (seen()) obs.disconnect(); }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(`${server.origin}/#/tracking`);
    await page.waitForFunction(() => window.__formAt !== undefined);
    times.push(await page.evaluate(() => window.__formAt));
    await page.waitForTimeout(500);
    fetched = urls.filter((u) => /\.(wasm|js|css)$/.test(u));
    const before = urls.length;
    // Then the first use (a click in the form): until the app has taken the first screen's place.
    const clickAt = await page.evaluate(() => performance.now());
    await page.getByTestId('cred-access-key-id').click();
    await appArrived(page);
    handOver.push((await page.evaluate(() => performance.now())) - clickAt);
    later = urls.slice(before).filter((u) => /\.(wasm|js)$/.test(u) && !u.startsWith('worker'));
    await browser.close();
  }
  const bytes = fetched.reduce((a, f) => a + gz(f), 0);
  const median = (xs) => Number(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(0));
  return {
    files: fetched, gz_kb: Number((bytes / 1024).toFixed(0)),
    app_gz_kb: Number((later.reduce((a, f) => a + gz(f), 0) / 1024).toFixed(0)), worker_fetched: fetched.some((f) => f.startsWith('worker')),
    form_visible_ms: median(times), app_in_place_ms: median(handOver),
  };
}

/** The local emulator's seeded trail (2,000+ small files) loaded from its bucket. */
async function trailFromBucket(server) {
  const before = renderers();
  const emu = await startEmulator();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const page = await newPage(browser);
  try {
    await page.goto(`${server.origin}/#/events`);
    await appReady(page);
    await page.getByTestId('trail-source').click();
    await page.getByTestId('trail-use-emulator').click();
    await page.getByTestId('trail-endpoint').fill(emu.endpoint);
    await page.getByTestId('trail-list').click();
    await page.getByTestId('trail-plan').waitFor({ timeout: 120000 });
    const files = Number(await page.getByTestId('trail-plan').getAttribute('data-files'));
    const events = Number(await page.getByTestId('trail-plan').getAttribute('data-events'));
    const t0 = Date.now();
    await page.getByTestId('trail-load').click();
    await page.getByTestId('trail-end').waitFor({ timeout: 300000 });
    await loaded(page, events, 300000);
    const s = (Date.now() - t0) / 1000;
    // Load it again into the same tab (every event a duplicate): the count must stay.
    const t1 = Date.now();
    await page.getByTestId('trail-load').click();
    await page.getByTestId('trail-end').waitFor({ state: 'detached' });
    await page.getByTestId('trail-end').waitFor({ timeout: 300000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid=load-progress]'), null, { timeout: 300000 });
    const again = (Date.now() - t1) / 1000;
    const after = Number(await page.getByTestId('event-count').getAttribute('data-count'));
    // The browser's own floor: as many cross-origin GETs with a header that needs a preflight
    // (as a signed GetObject does), six at a time, and nothing done with the bodies.
    const floorMs = await page.evaluate(async ({ origin, n }) => {
      const t = performance.now();
      let i = 0;
      const one = async () => {
        while (i < n) {
          const key = `floor/${i++}`;
          const r = await fetch(`${origin}/${key}`, { headers: { authorization: 'x' } }).catch(() => null);
          if (r) await r.arrayBuffer();
        }
      };
      await Promise.all(Array.from({ length: 6 }, one));
      return performance.now() - t;
    }, { origin: emu.endpoint.replace('://', '://demo-trail.'), n: files });
    return {
      files, events, load_s: Number(s.toFixed(1)), files_per_s: Math.round(files / s), events_per_s: Math.round(events / s),
      fetch_floor_s: Number((floorMs / 1000).toFixed(1)),
      again_s: Number(again.toFixed(1)), events_after_again: after, tab_peak_rss_mb: Number(mb(rendererPeak(before))),
    };
  } finally {
    await browser.close();
    emu.close();
  }
}

const server = await serveDist();
const results = [];
const first = await firstLoad(server);
console.log(JSON.stringify({ first_load: first }));
const bucket = await trailFromBucket(server);
console.log(JSON.stringify({ trail_from_bucket: bucket }));
for (const n of sizes) {
  const plain = await generate(`bench-${n}.json`, { events: n, format: 'array', seed: 7, days: 30 });
  const gz = await generate(`bench-${n}.json.gz`, { events: n, format: 'array', seed: 7, days: 30, gzip: true });
  results.push(await runOne(server, plain, `${n} events, JSON array`));
  results.push(await runOne(server, gz, `${n} events, JSON array, gzip`));
}
// Many small files against one file of the same bytes: 10,000 files of 100 events.
const manyN = Number(process.env.BENCH_MANY ?? 10000);
let many = null;
let manyOne = null;
if (manyN > 0) {
  const source = await generate('bench-many-source.ndjson', { events: manyN * 100, format: 'ndjson', seed: 8, days: 7 });
  const dir = path.join(ROOT, 'e2e', 'out', 'bench-many');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Cut the NDJSON every 100 lines (as bytes: the whole text is past V8's longest string).
  const buf = fs.readFileSync(source);
  const parts = [];
  let at = 0;
  for (let i = 0; i < manyN && at < buf.length; i++) {
    let end = at;
    for (let k = 0; k < 100 && end < buf.length; k++) {
      const nl = buf.indexOf(10, end);
      end = nl < 0 ? buf.length : nl + 1;
    }
    const f = path.join(dir, `part-${String(i).padStart(5, '0')}.json`);
    fs.writeFileSync(f, buf.subarray(at, end));
    parts.push(f);
    at = end;
  }
  process.env.BENCH_INTERACTION = '0';
  many = await runOne(server, parts, `${manyN} files of 100 events (NDJSON)`);
  manyOne = await runOne(server, source, `the same ${manyN * 100} events as one NDJSON file`);
  delete process.env.BENCH_INTERACTION;
}
let huge = null;
if (big) {
  const file = await generate('bench-3000000.json', { events: 3000000, format: 'array', seed: 7, days: 30 });
  process.env.BENCH_INTERACTION = '0';
  huge = await runOne(server, file, '3000000 events, JSON array');
  results.push(huge);
}
await server.close();
for (const r of results.filter((r) => r.interaction)) {
  const i = r.interaction;
  console.log(`${r.file}: facet click → redrawn ${i.facet_click_ms} ms (each: ${i.facet_clicks_ms.join(', ')}; worker query ${i.facet_query_in_worker_ms} ms; that frame's layout and paint done ${i.facet_click_painted_ms} ms); keystroke → results ${i.search_ms} ms (max ${i.search_max_ms}; worker query ${i.search_query_in_worker_ms} ms; painted ${i.search_painted_ms} ms); table scroll ${i.scroll_fps} fps (worst frame ${i.scroll_worst_frame_ms} ms)`);
}
console.log('\n| file | size | load | tab peak RSS | worker wasm | query | JS baseline | time ratio | memory ratio |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const b = r.baseline.failed ? `failed: ${r.baseline.failed.slice(0, 60)}` : `${r.baseline.load_s} s, ${r.baseline.heap_mb} MB`;
  console.log(`| ${r.file} | ${r.size_mb} MB | ${r.load_s} s | ${r.tab_peak_rss_mb} MB | ${r.worker_wasm_mb} MB | ${r.query_ms} ms | ${b} | ${r.time_ratio ?? '–'} | ${r.memory_ratio ?? '–'} |`);
}
const find = (label) => results.find((r) => r.file === label);
const m1 = find('1000000 events, JSON array');
const m1gz = find('1000000 events, JSON array, gzip');
const k100 = find('100000 events, JSON array');
const k100gz = find('100000 events, JSON array, gzip');
// Each row: what, the figure, the target, and whether this run met it (`ok` omitted: no verdict).
const row = (what, got, target, ok) => console.log(`| ${what} | ${got} | ${target}${ok === undefined ? '' : ok ? ': met' : ': **not met**'} |`);
console.log('\n| | measured | target |\n|---|---|---|');
if (m1) row('1,000,000 events, JSON array, drop → query-ready', `${m1.load_s} s`, '≤ 3 s', m1.load_s <= 3);
if (m1gz) row('the same file gzipped', `${m1gz.load_s} s`, '≤ 5 s', m1gz.load_s <= 5);
if (k100) row('100,000 events, time vs the plain-JS baseline in the same page', `${k100.time_ratio}× (gzip ${k100gz?.time_ratio}×)`, '≤ 0.5×', k100.time_ratio <= 0.5);
if (m1) row('tab memory with 1M events loaded (peak RSS)', `${m1.tab_peak_rss_mb} MB (gzip ${m1gz?.tab_peak_rss_mb} MB)`, '≤ 450 MB', Number(m1.tab_peak_rss_mb) <= 450);
if (m1?.interaction) row('facet click → summary, histogram, facets, first table page painted (1M)', `${m1.interaction.facet_click_ms} ms median to the frame that paints it (worker query ${m1.interaction.facet_query_in_worker_ms} ms; that frame's layout and paint done at ${m1.interaction.facet_click_painted_ms} ms)`, '≤ 16 ms', m1.interaction.facet_click_ms <= 16);
if (m1?.interaction) row('keystroke in search → results painted (1M)', `${m1.interaction.search_ms} ms median (worker query ${m1.interaction.search_query_in_worker_ms} ms; painted ${m1.interaction.search_painted_ms} ms)`, '≤ 50 ms', m1.interaction.search_ms <= 50);
if (m1?.interaction) row('insights at 1M: tab click → list painted', `${m1.interaction.insights_ms} ms (worker ${m1.interaction.insights_in_worker_ms} ms; ${m1.interaction.insights_count} insights)`, '≤ 1 s', m1.interaction.insights_ms <= 1000);
if (huge) row('3,000,000 events (JSON array)', `${huge.load_s} s, tab peak ${huge.tab_peak_rss_mb} MB, worker wasm ${huge.worker_wasm_mb} MB`, 'loads within the wasm 4 GB ceiling');
row('first load of #/tracking (wasm + js + css, gzipped): the first screen', `${first.gz_kb} KB (${first.files.join(', ')}); the worker ${first.worker_fetched ? 'is' : 'is not'} fetched`, '≤ 250 KB', first.gz_kb <= 250 && !first.worker_fetched);
row('the app, fetched at the first use (wasm + js, gzipped)', `${first.app_gz_kb} KB`, 'no target');
row('first load → tracking form visible (the first screen\'s; median of 7)', `${first.form_visible_ms} ms`, '≤ 200 ms', first.form_visible_ms <= 200);
row("then a click in the form → the app in the first screen's place (median of 7)", `${first.app_in_place_ms} ms`, 'no target (fetched at first use)');
if (many && manyOne) row(`${many.files} files of 100 events vs one file of the same ${manyOne.size_mb} MB`, `${many.events} events in ${many.load_s} s, tab peak ${many.tab_peak_rss_mb} MB, worker wasm ${many.worker_wasm_mb} MB vs ${manyOne.load_s} s, ${manyOne.tab_peak_rss_mb} MB, ${manyOne.worker_wasm_mb} MB; the browser alone reads the ${many.files} files in ${many.read_floor_s} s`, 'every event; little more than one file plus the browser\'s per-file read');
row('the emulator\'s trail loaded a second time into the same tab', `${bucket.again_s} s; ${bucket.events_after_again} events after (${bucket.events} planned); tab peak ${bucket.tab_peak_rss_mb} MB`, 'every event counted once');
row('a trail of 2,000+ small files from the emulator\'s bucket', `${bucket.files} files in ${bucket.load_s} s: ${bucket.files_per_s} files/s, ${bucket.events_per_s} events/s (the browser's own preflight + GET floor for as many: ${bucket.fetch_floor_s} s)`, '< 30 s');
