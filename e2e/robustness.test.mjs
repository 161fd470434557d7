// Nothing a file or a click does may kill the worker or lose loaded events (release build, real
// Chromium): Clear during a load, a load during an export, hostile files beside good ones, safe
// CSV, and a worker that dies anyway coming back with the same view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serveDist, launch, newPage, appReady, problems, generate, readEvents, eventIdOf, loaded, countOf, watchRecoveries } from './harness.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([serveDist(), launch()]); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(query = '') {
  const page = await newPage(browser);
  await page.goto(`${server.origin}/${query}#/events`);
  await appReady(page);
  await page.getByTestId('empty-state').waitFor();
  return page;
}

const OUT = path.join(path.dirname(new URL(import.meta.url).pathname), 'out');

/** Wait until the latest query's answer is shown. */
async function settled(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid=filtered-count]');
    return el && el.dataset.pending === 'false';
  }, null, { timeout: 30000 });
}

test('Clear during a load empties the view; the next load is clean and complete', async () => {
  const big = await generate('clear-big.ndjson', { events: 300000, format: 'ndjson', seed: 71 });
  const small = await generate('clear-small.json', { events: 1234, format: 'array', seed: 72 });
  const page = await open();
  await page.getByTestId('file-input').setInputFiles([big]);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=load-progress]')?.dataset.bytesRead ?? 0) > 0);
  await page.getByTestId('clear-events').click();
  await page.getByTestId('empty-state').waitFor();
  assert.equal(await countOf(page, 'event-count'), 0);
  // The worker is alive and loads exactly the next file.
  await page.getByTestId('file-input').setInputFiles([small]);
  await loaded(page, 1234);
  await settled(page);
  assert.equal(await countOf(page, 'event-count'), 1234);
  assert.equal(await countOf(page, 'filtered-count'), 1234);
  assert.equal(await page.getByTestId('load-report').locator(':scope > li').count(), 1);
  assert.equal(await page.getByTestId('panic-panel').count(), 0);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('a new load during an export: the export holds exactly what was selected, the load completes', async () => {
  const a = await generate('export-a.json.gz', { events: 120000, format: 'array', seed: 73, gzip: true });
  const b = await generate('export-b.ndjson', { events: 3000, format: 'ndjson', seed: 74 });
  const eventsA = await readEvents(a);
  const page = await open();
  await page.getByTestId('file-input').setInputFiles([a]);
  await loaded(page, eventsA.length);
  await settled(page);
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 120000 }),
    (async () => {
      await page.getByTestId('export-ndjson').click();
      // The export is running (its buttons are disabled) when the next files arrive.
      assert.equal(await page.getByTestId('export-json').isDisabled(), true);
      await page.getByTestId('file-input').setInputFiles([b]);
    })(),
  ]);
  const lines = fs.readFileSync(await dl.path(), 'utf8').trim().split('\n');
  assert.equal(lines.length, eventsA.length);
  assert.deepEqual(new Set(lines.map((l) => JSON.parse(l).eventId)), new Set(eventsA.map(eventIdOf)));
  await loaded(page, eventsA.length + 3000);
  assert.equal(await countOf(page, 'event-count'), eventsA.length + 3000);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('hostile files beside good ones: every good event is kept, each bad file says what it is', async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const good = await generate('hostile-good.json', { events: 2000, format: 'array', seed: 75 });
  const goodEvents = await readEvents(good);
  const file = (name, bytes) => { const p = path.join(OUT, name); fs.writeFileSync(p, bytes); return p; };
  const ev = (id, extra) => ({ eventId: id, eventTime: '2025-11-02T10:00:00Z', eventName: 'GetBucketInfo', ...extra });
  const files = [
    good,
    // An eventTime whose zone suffix has non-ASCII characters (once panicked the worker).
    file('zone.json', JSON.stringify([ev('h-zone', { eventTime: '2025-11-02T10:00:00+中文:00' }), ev('h-ok')])),
    // A gzip header with a multi-megabyte file name field.
    file('long-name.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3]), Buffer.alloc(5 << 20, 0x6e)])),
    // A gzip bomb of spaces after two events.
    file('bomb.json.gz', zlib.gzipSync(Buffer.concat([Buffer.from(JSON.stringify(ev('h-bomb1')) + '\n' + JSON.stringify(ev('h-bomb2')) + '\n'), Buffer.alloc(300 << 20, 0x20)]))),
    file('archive.zip', Buffer.from('PK\x03\x04\x14\x00\x00\x00rest of a zip', 'binary')),
    file('huge-values.json', JSON.stringify([ev('h-huge', { userAgent: 'x'.repeat(3 << 20), errorCode: 'E'.repeat(100000) })])),
    file('empty.json', ''),
  ];
  const page = await open();
  await page.getByTestId('file-input').setInputFiles(files);
  const want = goodEvents.length + 1 /* h-ok */ + 2 /* bomb prefix */ + 1 /* huge */;
  await loaded(page, want);
  await settled(page);
  assert.equal(await countOf(page, 'event-count'), want);
  const report = Object.fromEntries(await page.getByTestId('load-report').locator(':scope > li').evaluateAll((lis) =>
    lis.map((li) => [li.dataset.file, { events: Number(li.dataset.events), skipped: Number(li.dataset.skipped), error: li.dataset.error, format: li.dataset.format }])));
  assert.equal(report['hostile-good.json'].events, goodEvents.length);
  assert.deepEqual([report['zone.json'].events, report['zone.json'].skipped], [1, 1]);
  assert.match(report['long-name.gz'].error, /gzip header is over 64 KB/);
  assert.equal(report['bomb.json.gz'].events, 2);
  assert.match(report['bomb.json.gz'].error, /gzip bomb/);
  assert.match(report['archive.zip'].error, /binary data, not events \(a ZIP archive/);
  assert.equal(report['huge-values.json'].events, 1);
  assert.equal(report['empty.json'].error, 'the file is empty');
  // Long values are cut for display (the facet shows a bounded label).
  const label = await page.getByTestId('facet-userAgent').locator('.facet-label').evaluateAll((els) => Math.max(...els.map((e) => e.textContent.length)));
  assert.ok(label <= 121, `facet label of ${label} chars`);
  assert.equal(await page.getByTestId('panic-panel').count(), 0);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('CSV cells are quoted and formula-like cells neutralized, whatever the separator', async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const p = path.join(OUT, 'csv-inject.json');
  const base = { eventTime: '2025-11-02T10:00:00Z', eventName: 'GetBucketInfo' };
  fs.writeFileSync(p, JSON.stringify([
    { ...base, eventId: 'c1', userAgent: 'x;=1+1' },
    { ...base, eventId: 'c2', userAgent: '=HYPERLINK("http://evil")' },
    { ...base, eventId: 'c3', userAgent: '+SUM(1)', errorMessage: '-2', errorCode: '@x' },
  ]));
  const page = await open();
  await page.getByTestId('file-input').setInputFiles([p]);
  await loaded(page, 3);
  await settled(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const text = fs.readFileSync(await dl.path(), 'utf8');
  const rows = text.trim().split('\r\n');
  // Every cell, header included, starts and ends with a quote.
  for (const row of rows) assert.match(row, /^"([^"]|"")*"(,"([^"]|"")*")*$/, row);
  assert.ok(text.includes('"x;=1+1"'));
  assert.ok(text.includes(`"'=HYPERLINK(""http://evil"")"`));
  assert.ok(text.includes(`"'+SUM(1)"`) && text.includes(`"'-2"`) && text.includes(`"'@x"`));
  await page.context().close();
});

test('if the worker dies anyway, the page says so and comes back with the same files, filters and selection', async () => {
  const a = await generate('crash-a.json', { events: 4000, format: 'array', seed: 76 });
  const b = await generate('crash-b.ndjson.gz', { events: 2500, format: 'ndjson', seed: 77, gzip: true });
  const events = [...(await readEvents(a)), ...(await readEvents(b))];
  const page = await open('?test-hooks');
  await page.getByTestId('file-input').setInputFiles([a, b]);
  await loaded(page, events.length);
  await settled(page);
  const include = page.getByTestId('facet-eventName').locator('.facet-include').first();
  const name = await include.getAttribute('data-value');
  // What the filter must keep, counted from the files, not read off the page.
  const filtered = events.filter((e) => e.eventName === name).length;
  assert.ok(filtered > 0 && filtered < events.length, `${filtered} ${name}`);
  await include.click();
  await settled(page);
  assert.equal(await countOf(page, 'filtered-count'), filtered);
  const row = page.locator('[data-testid=event-table] [data-pos="1"][data-event-id]');
  const id = await row.getAttribute('data-event-id');
  await row.click();
  await page.getByTestId('event-detail-json').waitFor();
  const url = page.url();

  await page.getByTestId('test-crash-worker').click();
  await page.getByTestId('worker-recovering').waitFor();
  await page.locator('[data-testid=explorer-notice][data-notice=restarted]').waitFor({ timeout: 60000 });
  await settled(page);
  assert.equal(await countOf(page, 'event-count'), events.length);
  assert.equal(await countOf(page, 'filtered-count'), filtered);
  assert.equal(page.url(), url);
  await page.getByTestId('event-detail-json').waitFor();
  assert.equal(JSON.parse(await page.getByTestId('event-detail-json').innerText()).eventId, id);
  assert.equal(await page.getByTestId('load-report').locator(':scope > li').count(), 2);
  // The crash was the test hook's, on purpose; nothing else went wrong.
  assert.deepEqual(problems(page).filter((p) => !/asked this worker to crash|unreachable|RuntimeError/.test(p)), []);
  await page.context().close();
});

test('a file that kills the worker twice is left out and named; a healthy worker starts the count over', async () => {
  const a = await generate('kill-a.json', { events: 3000, format: 'array', seed: 81 });
  const poison = await generate('poison.json', { events: 700, format: 'array', seed: 82 });
  const b = await generate('kill-b.ndjson', { events: 2000, format: 'ndjson', seed: 83 });
  const good = (await readEvents(a)).length + (await readEvents(b)).length;
  // Every worker of this page fails as a bug would when it reads poison.json.
  const page = await open('?test-hooks&crash-on-read=poison.json');
  const seen = await watchRecoveries(page);
  await page.getByTestId('file-input').setInputFiles([a, poison, b]);
  const notice = page.locator('[data-testid=explorer-notice][data-notice=restarted]');
  await notice.waitFor({ timeout: 60000 });
  await loaded(page, good);
  // Two deaths on the same file: the first restart reloads all three, the second leaves it out.
  assert.deepEqual(seen, ['', 'poison.json']);
  assert.equal(await countOf(page, 'event-count'), good, 'every event of the other files, counted from the files');
  assert.match(await notice.innerText(), /poison\.json/);
  const files = await page.getByTestId('load-report').locator(':scope > li').evaluateAll((lis) => lis.map((li) => li.dataset.file));
  assert.deepEqual(files, ['kill-a.json', 'kill-b.ndjson']);
  // The restarted worker answers a query: it works, so a later death is a first one again.
  await settled(page);
  await page.getByTestId('test-crash-worker').click();
  await page.getByTestId('worker-recovering').waitFor();
  await page.getByTestId('worker-recovering').waitFor({ state: 'detached', timeout: 60000 });
  await loaded(page, good);
  assert.deepEqual(seen, ['', 'poison.json', 'poison.json'], 'a third restart, the file still left out');
  assert.equal(await countOf(page, 'event-count'), good);
  assert.equal(await page.getByTestId('explorer-failure').count(), 0);
  assert.deepEqual(problems(page).filter((p) => !/asked this worker to crash|unreachable|RuntimeError/.test(p)), []);
  await page.context().close();
});

test('a worker that dies at every reload is given up on at the third death, and the page says to reload', async () => {
  const a = await generate('kill-a.json', { events: 3000, format: 'array', seed: 81 });
  const p1 = await generate('poison-1.json', { events: 700, format: 'array', seed: 82 });
  const p2 = await generate('poison-2.json', { events: 600, format: 'array', seed: 84 });
  // Every worker fails on reading either poison file: deaths one and two on poison-1.json (left
  // out), the third on poison-2.json during that reload, before any query could be answered.
  const page = await open('?test-hooks&crash-on-read=poison-');
  const seen = await watchRecoveries(page);
  await page.getByTestId('file-input').setInputFiles([a, p1, p2]);
  const failure = page.getByTestId('explorer-failure');
  await failure.waitFor({ timeout: 60000 });
  assert.match(await failure.innerText(), /stopped 3 times in a row.*Reload the page/s);
  assert.deepEqual(seen, ['', 'poison-1.json']);
  await page.context().close();
});
