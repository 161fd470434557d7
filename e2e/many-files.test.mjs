// A week of trail is thousands of small files: 20,000 one-event files dropped at once load
// completely, every event counted once, with the worker never dying on the way. Release build,
// headless Chromium; the expected events are read from the files themselves, not from the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, newPage, appReady, problems, generate, readEvents, eventIdOf, loaded, countOf, settled, watchRecoveries, ROOT } from './harness.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([serveDist(), launch()]); });
after(async () => { await browser?.close(); await server?.close(); });

const FILES = 20000;

/** `n` files of one event each, cut from one generated trail; returns their paths and ids. */
async function oneEventFiles(n) {
  const source = await generate('many-source.ndjson', { events: n, format: 'ndjson', seed: 2000 });
  const dir = path.join(ROOT, 'e2e', 'out', 'many');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const lines = fs.readFileSync(source, 'utf8').split('\n').filter((l) => l.trim());
  assert.equal(lines.length, n);
  const files = lines.map((line, i) => {
    const file = path.join(dir, `delivery-${String(i).padStart(5, '0')}.json`);
    fs.writeFileSync(file, `${line}\n`);
    return file;
  });
  const ids = new Set((await readEvents(source)).map(eventIdOf));
  return { files, ids };
}

test('20,000 one-event files dropped at once: every event once, every file loaded, the worker never dies', async () => {
  const { files, ids } = await oneEventFiles(FILES);
  assert.equal(ids.size, FILES, 'the source has distinct events');
  const page = await newPage(browser);
  await page.goto(`${server.origin}/#/events`);
  await appReady(page);
  // Any recovery at any point of the load is a failure: watch for it from the start.
  const restarts = await watchRecoveries(page);
  await page.getByTestId('file-input').setInputFiles(files);
  await loaded(page, FILES, 300000);
  assert.equal(await countOf(page, 'event-count'), FILES);
  const summary = page.getByTestId('load-summary');
  const attrs = await summary.evaluate((el) => ({ ...el.dataset }));
  assert.deepEqual(
    [attrs.loaded, attrs.problems, attrs.reading, attrs.waiting, attrs.cancelled, attrs.notRead].map(Number),
    [FILES, 0, 0, 0, 0, 0],
  );
  assert.equal(await page.getByTestId('load-report').locator(':scope > li').count(), 50, 'the first 50 are listed');
  assert.match(await page.getByTestId('load-report-more').innerText(), /19,950 more files, loaded without problems/);
  assert.deepEqual(restarts, [], 'the worker never had to be restarted');
  assert.equal(await page.locator('[data-testid=explorer-notice][data-notice=restarted]').count(), 0);
  // The events answer queries: all of them selected with no filter.
  await settled(page);
  assert.equal(await countOf(page, 'filtered-count'), FILES);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('cancelled part-way, then dropped again: the files not read are named, and the second load completes the set', async () => {
  const { files } = await oneEventFiles(FILES);
  // A big file first, so the cancel lands while it is read, with every small file still queued.
  const big = await generate('many-big.ndjson', { events: 300000, format: 'ndjson', seed: 2001 });
  const page = await newPage(browser);
  await page.goto(`${server.origin}/#/events`);
  await appReady(page);
  await page.getByTestId('file-input').setInputFiles([big, ...files]);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=event-count]')?.dataset.count ?? 0) > 0, null, { timeout: 120000 });
  await page.getByTestId('load-cancel').click();
  await page.getByTestId('load-progress').waitFor({ state: 'detached', timeout: 60000 });
  const kept = await countOf(page, 'event-count');
  const s = await page.getByTestId('load-summary').evaluate((el) => ({ ...el.dataset }));
  const [loadedFiles, notRead, cut, waiting] = [s.loaded, s.notRead, s.cancelled, s.waiting].map(Number);
  assert.ok(notRead > 0, `${kept} events, ${notRead} files not read`);
  // Every file is loaded, cut short by the cancel (listed as such), or named as not read.
  assert.equal(waiting, 0);
  assert.equal(loadedFiles + cut + notRead, FILES + 1);
  assert.equal(await page.locator('[data-testid=load-report] > li[data-state=cancelled]').count(), cut);
  const list = page.getByTestId('load-not-read');
  assert.equal(Number(await list.getAttribute('data-count')), notRead);
  const named = (await list.locator('pre').textContent()).split('\n').map((l) => l.split('\t')[0]);
  assert.equal(named.length, notRead);
  assert.equal(named[named.length - 1], path.basename(files[files.length - 1]));
  // The small files again: the rest load, those read before are duplicates, none counted twice.
  const bigState = await page.locator('[data-testid=load-report] > li[data-file="many-big.ndjson"]').getAttribute('data-state');
  const smallBefore = loadedFiles - (bigState === 'loaded' ? 1 : 0);
  await page.getByTestId('file-input').setInputFiles(files);
  const want = kept - smallBefore + FILES;
  await loaded(page, want, 300000);
  assert.equal(await countOf(page, 'event-count'), want);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});
