// Loading ActionTrail files into the worker, in the release build: every format at once,
// gzip, dedup, bad files, cancel, paste, clear and the sample.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveDist, launch, newPage, appReady, problems, generate, readEvents, eventIdOf, loaded, countOf, ROOT } from './harness.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([serveDist(), launch()]); });
after(async () => { await browser?.close(); await server?.close(); });

async function open() {
  const page = await newPage(browser);
  await page.goto(`${server.origin}/#/events`);
  await appReady(page);
  await page.getByTestId('empty-state').waitFor();
  return page;
}

async function reportItems(page) {
  return page.getByTestId('load-report').locator(':scope > li').evaluateAll((lis) => lis.map((li) => ({
    file: li.dataset.file,
    format: li.dataset.format,
    events: Number(li.dataset.events),
    duplicates: Number(li.dataset.duplicates),
    skipped: Number(li.dataset.skipped),
    error: li.dataset.error,
  })));
}

test('several formats at once, plain and gzipped, with a duplicate file and bad files', async () => {
  const files = [
    await generate('a.json', { events: 3000, format: 'array', seed: 11 }),
    await generate('b.ndjson.gz', { events: 2000, format: 'ndjson', seed: 12, gzip: true }),
    await generate('c-lookup.json', { events: 500, format: 'lookup', seed: 13 }),
    await generate('d-sls.log.gz', { events: 800, format: 'sls', seed: 14, gzip: true }),
    await generate('e-cloudtrail.json.gz', { events: 400, format: 'cloudtrail', seed: 15, gzip: true }),
    // The same events as a.json, in another format: all duplicates.
    await generate('a-again.ndjson', { events: 3000, format: 'ndjson', seed: 11 }),
  ];
  const dir = path.dirname(files[0]);
  const binary = path.join(dir, 'photo.png');
  fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3, 4]));
  const truncated = path.join(dir, 'truncated.json');
  const full = fs.readFileSync(await generate('t.json', { events: 50, format: 'array', seed: 16 }), 'utf8');
  fs.writeFileSync(truncated, full.slice(0, Math.floor(full.length * 0.6)));
  const notEvents = path.join(dir, 'package.json');
  fs.writeFileSync(notEvents, JSON.stringify({ name: 'x', dependencies: { a: '1' } }));

  // What a plain reading of the good files says.
  const ids = new Set();
  let errors = 0;
  for (const f of files) {
    for (const e of await readEvents(f)) {
      if (!ids.has(eventIdOf(e))) {
        ids.add(eventIdOf(e));
        if (e.errorCode) errors += 1;
      }
    }
  }
  const truncatedEvents = (full.slice(0, Math.floor(full.length * 0.6)).match(/\{"eventId"/g) ?? []).length - 1;
  const truncatedIds = (await readEvents(path.join(dir, 't.json'))).slice(0, truncatedEvents);
  for (const e of truncatedIds) if (!ids.has(e.eventId)) { ids.add(e.eventId); if (e.errorCode) errors += 1; }

  const page = await open();
  await page.getByTestId('file-input').setInputFiles([...files, binary, truncated, notEvents]);
  await loaded(page, ids.size);
  assert.equal(await countOf(page, 'event-count'), ids.size);
  assert.equal(await countOf(page, 'error-count'), errors);

  const report = Object.fromEntries((await reportItems(page)).map((r) => [r.file, r]));
  assert.equal(Object.keys(report).length, 9);
  assert.deepEqual([report['a.json'].format, report['a.json'].events, report['a.json'].skipped], ['JSON array', 3000, 0]);
  assert.deepEqual([report['b.ndjson.gz'].format, report['b.ndjson.gz'].events], ['gzip, NDJSON', 2000]);
  assert.equal(report['c-lookup.json'].format, 'LookupEvents response');
  assert.equal(report['d-sls.log.gz'].format, 'gzip, SLS JSON lines');
  assert.equal(report['d-sls.log.gz'].events, 800);
  assert.equal(report['e-cloudtrail.json.gz'].format, 'gzip, CloudTrail Records');
  assert.equal(report['e-cloudtrail.json.gz'].events, 400);
  assert.deepEqual([report['a-again.ndjson'].events, report['a-again.ndjson'].duplicates], [0, 3000]);
  assert.match(report['photo.png'].error, /^binary data, not events \(a PNG image\)/);
  assert.equal(report['photo.png'].format, 'binary');
  assert.match(report['truncated.json'].error, /truncated/);
  assert.equal(report['truncated.json'].events, truncatedEvents);
  assert.match(report['package.json'].error, /not an ActionTrail event file/);
  // Skipped entries are listed with their position.
  await page.locator('[data-file="truncated.json"] details summary').click();
  assert.match(await page.locator('[data-file="truncated.json"] .skips').innerText(), /line \d+ \(byte \d+\): the file ends inside an event/);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('the sample loads, more files add to it, Clear empties it', async () => {
  const sample = await readEvents(path.join(ROOT, 'static', 'sample-trail.json.gz'));
  const page = await open();
  await page.getByTestId('load-sample').click();
  await loaded(page, sample.length);
  assert.equal(await countOf(page, 'event-count'), new Set(sample.map(eventIdOf)).size);
  assert.equal(await countOf(page, 'error-count'), sample.filter((e) => e.errorCode).length);
  const [item] = await reportItems(page);
  assert.deepEqual([item.file, item.format, item.events], ['sample-trail.json.gz', 'gzip, JSON array', sample.length]);

  const more = await generate('more.ndjson', { events: 700, format: 'ndjson', seed: 31 });
  await page.getByTestId('file-input').setInputFiles([more]);
  await loaded(page, sample.length + 700);
  assert.equal((await reportItems(page)).length, 2);

  await page.getByTestId('clear-events').click();
  await page.getByTestId('empty-state').waitFor();
  assert.equal(await countOf(page, 'event-count'), 0);
  assert.equal((await reportItems(page).catch(() => [])).length, 0);
  await page.context().close();
});

test('pasted JSON loads like a file', async () => {
  const page = await open();
  const events = (await readEvents(await generate('p.json', { events: 5, format: 'array', seed: 41 })));
  await page.locator('.drop-zone details.paste summary').click();
  await page.getByTestId('paste-events').fill(events.map((e) => JSON.stringify(e)).join('\n'));
  await page.getByTestId('paste-load').click();
  await loaded(page, 5);
  const [item] = await reportItems(page);
  assert.deepEqual([item.file, item.format, item.events], ['pasted.json', 'NDJSON', 5]);
  await page.context().close();
});

test('a long load shows progress, stays responsive, and can be cancelled keeping what was read', async () => {
  const big = await generate('big.ndjson', { events: 300000, format: 'ndjson', seed: 51 });
  const page = await open();
  await page.getByTestId('file-input').setInputFiles([big]);
  const progress = page.getByTestId('load-progress');
  await progress.waitFor();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=load-progress]')?.dataset.bytesRead ?? 0) > 0);
  // The main thread keeps drawing frames while the worker parses.
  const frame = await page.evaluate(() => new Promise((r) => {
    const t0 = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now() - t0)));
  }));
  assert.ok(frame < 250, `two frames took ${frame} ms while loading`);
  await page.getByTestId('load-cancel').click();
  await progress.waitFor({ state: 'detached' });
  const [item] = await reportItems(page);
  const n = await countOf(page, 'event-count');
  assert.ok(n > 0 && n < 300000, `kept ${n} events read before the cancel`);
  assert.equal(item.events, n);
  assert.equal(await page.locator('[data-file="big.ndjson"]').getAttribute('data-state'), 'cancelled');
  // The page is usable after a cancel: a tab round trip renders.
  await page.getByTestId('tab-tracking').click();
  await page.getByTestId('view-tracking').waitFor();
  await page.context().close();
});

test('a big file is read ahead on a thread of its own and arrives whole; without that thread, or when it stops or goes quiet, it still does', async () => {
  // 39 MB: a megabyte read in the worker, then the thread's pieces (a megabyte, then 4 MB each),
  // events cut across each boundary between them.
  const file = await generate('ahead.json', { events: 50000, format: 'array', seed: 90 });
  const size = fs.statSync(file).size;
  const events = await readEvents(file);
  // Loads the file; resolves to the bytes the worker took from the reader thread.
  const whole = async (page) => {
    await page.getByTestId('file-input').setInputFiles([file]);
    await loaded(page, events.length);
    assert.equal(await countOf(page, 'event-count'), events.length);
    assert.equal(await countOf(page, 'error-count'), events.filter((e) => e.errorCode).length);
    // Nothing unreadable: a byte lost or doubled where two pieces meet would break an event.
    const [item] = await reportItems(page);
    assert.deepEqual([item.events, item.duplicates, item.skipped, item.error], [events.length, 0, 0, '']);
    assert.deepEqual(problems(page), []);
    return Number(await page.getByTestId('event-count').getAttribute('data-read-ahead'));
  };
  const page = await open();
  // The first megabyte is read in the worker at once while the thread starts on the rest (its
  // first piece a megabyte too, then 4 MiB pieces).
  const FIRST = 1024 * 1024;
  const PIECE = 4 * 1024 * 1024;
  assert.equal(await whole(page), size - FIRST, 'every byte after the first megabyte came from the reader thread');
  // Loaded again after a Clear: read ahead the same way (by the spare thread started when the
  // first load's thread ended; the bytes counted are the same either way).
  await page.getByTestId('clear-events').click();
  await page.getByTestId('empty-state').waitFor();
  assert.equal(await whole(page), 2 * (size - FIRST), 'the second load read ahead the same way');
  await page.context().close();

  // A copy of the build whose reader thread is missing, stops after two pieces, or goes quiet
  // after two without a word (as a thread killed for memory would): the worker reads the rest
  // itself, the last after waiting ten seconds for a piece.
  const original = fs.readFileSync(path.join(ROOT, 'dist', 'file_reader.js'), 'utf8');
  const send = 'postMessage({ bytes: buffer, len, done }, [buffer]);';
  assert.ok(original.includes(send));
  const afterTwo = (then) => original.replace('let pumping = false;', 'let pumping = false;\nlet sent = 0;')
    .replace(send, `if (++sent > 2) { ${then} }\n      ${send}`);
  const stopping = afterTwo("postMessage({ error: 'stopped on purpose' }); reader = null; break;");
  const quiet = afterTwo('return;');
  for (const [reader, ahead] of [[null, 0], [stopping, FIRST + PIECE], [quiet, FIRST + PIECE]]) {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'dist-reader-'));
    fs.cpSync(path.join(ROOT, 'dist'), copy, { recursive: true, filter: (f) => path.basename(f) !== 'file_reader.js' });
    if (reader) fs.writeFileSync(path.join(copy, 'file_reader.js'), reader);
    const other = await serveDist(copy);
    try {
      const alone = await newPage(browser);
      await alone.goto(`${other.origin}/#/events`);
      await appReady(alone);
      assert.equal(await whole(alone), ahead, reader ? 'two pieces from the thread, the rest read here' : 'no thread');
      await alone.context().close();
    } finally {
      await other.close();
      fs.rmSync(copy, { recursive: true, force: true });
    }
  }
});
