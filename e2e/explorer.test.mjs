// The explorer views against generated files, every expectation computed independently here
// from a plain reading of the same files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serveDist, launch, newPage, appReady, problems, generate, readEvents, loaded, countOf, ROOT } from './harness.mjs';

let server, browser, files, events;

// The indexed fields, read the plain way.
const FIELD = {
  eventName: (e) => e.eventName ?? '',
  serviceName: (e) => e.serviceName ?? '',
  identityType: (e) => e.userIdentity?.type ?? '',
  userName: (e) => e.userIdentity?.userName ?? e.userIdentity?.principalId ?? '',
  accessKeyId: (e) => e.userIdentity?.accessKeyId ?? '',
  sourceIpAddress: (e) => e.sourceIpAddress ?? '',
  acsRegion: (e) => e.acsRegion ?? '',
  bucket: (e) => e.referencedResources?.['ACS::OSS::Bucket']?.[0] ?? '',
  errorCode: (e) => e.errorCode ?? '',
  eventRW: (e) => e.eventRW ?? '',
  eventType: (e) => e.eventType ?? '',
  userAgent: (e) => e.userAgent ?? '',
};
const SENSITIVE = new Set(['DeleteBucket', 'PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketAccessMonitor', 'DeleteBucketLogging',
  'DeleteBucketEncryption', 'AbortBucketWorm', 'DeletePublicAccessBlock', 'PutBucketReplication']);
const sensitive = (e) => SENSITIVE.has(e.eventName) || String(e.eventAttributes?.SensitiveAction) === 'true'
  || (e.eventName === 'PutBucketAcl' && JSON.stringify(e.requestParameters ?? {}).includes('public-read'));
const time = (e) => Date.parse(e.eventTime);

before(async () => {
  [server, browser] = await Promise.all([serveDist(), launch()]);
  files = [
    await generate('x1.ndjson', { events: 5000, format: 'ndjson', seed: 61, days: 5 }),
    await generate('x2.json.gz', { events: 1500, format: 'array', seed: 62, days: 5, gzip: true }),
  ];
  events = [...(await readEvents(files[0])), ...(await readEvents(files[1]))];
  // Stable sort by time: equal times keep load order, as the app does.
  events = events.map((e, i) => [e, i]).sort((a, b) => time(a[0]) - time(b[0]) || a[1] - b[1]).map(([e]) => e);
});
after(async () => { await browser?.close(); await server?.close(); });

async function openLoaded(url = `${server.origin}/#/events`) {
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 } });
  await page.goto(url);
  await appReady(page);
  await page.getByTestId('file-input').setInputFiles(files);
  await loaded(page, events.length);
  await settled(page);
  return page;
}

/** Wait until the latest query's answer is shown. */
async function settled(page, after = 0) {
  await page.waitForFunction((a) => {
    const el = document.querySelector('[data-testid=filtered-count]');
    return el && el.dataset.pending === 'false' && Number(el.dataset.resultId) > a;
  }, after, { timeout: 20000 });
}
const queryId = async (page) => Number(await page.getByTestId('filtered-count').getAttribute('data-query-id'));
/** Do `action`, then wait for the query it causes. */
async function act(page, action) {
  const q = await queryId(page);
  await action();
  await settled(page, q);
}
const filtered = (page) => countOf(page, 'filtered-count');
/** A facet value's button, expanding the facet ("show more") when the value is not among the first shown. */
async function facetValue(page, field, value) {
  const item = page.getByTestId(`facet-${field}`).locator(`[data-value="${value}"]`);
  if ((await item.count()) === 0) await page.getByTestId(`facet-more-${field}`).click();
  return item;
}
const count = (pred) => events.filter(pred).length;

test('facet counts equal a plain reading of the files, for every field', async () => {
  const page = await openLoaded();
  assert.equal(await filtered(page), events.length);
  for (const [field, get] of Object.entries(FIELD)) {
    const items = await page.getByTestId(`facet-${field}`).locator('[data-value]').evaluateAll((els) =>
      els.map((el) => [el.dataset.value, Number(el.dataset.count)]));
    assert.ok(items.length > 0 || field === 'accessKeyId', field);
    for (const [value, n] of items) assert.equal(n, count((e) => get(e) === value), `${field}=${value}`);
    // Top values, most frequent first.
    assert.deepEqual(items.map((i) => i[1]), [...items.map((i) => i[1])].sort((a, b) => b - a), field);
  }
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('include, exclude and combined filters; chips; clear all', async () => {
  const page = await openLoaded();
  const facet = (f, v) => page.getByTestId(`facet-${f}`).locator(`[data-value="${v}"]`);
  await act(page, () => facet('eventName', 'GetBucketInfo').click());
  assert.equal(await filtered(page), count((e) => e.eventName === 'GetBucketInfo'));
  // OR within a field (a value beyond the first shown, through "show more").
  await act(page, async () => (await facetValue(page, 'eventName', 'PutBucketAcl')).click());
  assert.equal(await filtered(page), count((e) => e.eventName === 'GetBucketInfo' || e.eventName === 'PutBucketAcl'));
  await act(page, async () => (await facetValue(page, 'eventName', 'PutBucketAcl')).click());
  await act(page, () => facet('eventName', 'PutObject').click());
  const names = new Set(['GetBucketInfo', 'PutObject']);
  assert.equal(await filtered(page), count((e) => names.has(e.eventName)));
  // AND across fields.
  await act(page, () => facet('acsRegion', 'cn-hangzhou').click());
  assert.equal(await filtered(page), count((e) => names.has(e.eventName) && e.acsRegion === 'cn-hangzhou'));
  // Exclude (the − button), and Alt-click excludes too.
  await act(page, () => page.getByTestId('facet-identityType').locator('[data-exclude="system"]').click());
  await act(page, () => facet('eventRW', 'Read').click({ modifiers: ['Alt'] }));
  const expected = (e) => names.has(e.eventName) && e.acsRegion === 'cn-hangzhou' && e.userIdentity?.type !== 'system' && e.eventRW !== 'Read';
  assert.equal(await filtered(page), count(expected));
  const chips = await page.getByTestId('filter-chips').innerText();
  for (const text of ['Event = GetBucketInfo', 'Event = PutObject', 'Region = cn-hangzhou', 'Identity type ≠ system', 'Read/Write ≠ Read']) {
    assert.ok(chips.includes(text), `${text} in ${chips}`);
  }
  // Remove one chip.
  await act(page, () => page.getByRole('button', { name: 'Remove filter Region = cn-hangzhou' }).click());
  assert.equal(await filtered(page), count((e) => names.has(e.eventName) && e.userIdentity?.type !== 'system' && e.eventRW !== 'Read'));
  await act(page, () => page.getByTestId('clear-filters').click());
  assert.equal(await filtered(page), events.length);
  await page.context().close();
});

test('search, histogram range and both presets', async () => {
  const page = await openLoaded();
  // Search matches values anywhere in the event (here an object key in requestParameters).
  await act(page, () => page.getByTestId('search-input').fill('PART-0004'));
  assert.equal(await filtered(page), count((e) => JSON.stringify(e.requestParameters ?? {}).toLowerCase().includes('part-0004')));
  await act(page, () => page.getByTestId('search-input').fill('deploy-bot'));
  assert.equal(await filtered(page), count((e) => JSON.stringify(e).includes('deploy-bot')));
  await act(page, () => page.getByTestId('search-input').fill(''));
  assert.equal(await filtered(page), events.length);

  // Drag across the middle of the histogram.
  const box = await page.getByTestId('time-histogram').boundingBox();
  await act(page, async () => {
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
  });
  const params = new URLSearchParams(new URL(page.url()).hash.split('?')[1]);
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  assert.ok(from > time(events[0]) && to < time(events.at(-1)), `${from}..${to}`);
  assert.equal(await filtered(page), count((e) => time(e) >= from && time(e) < to));
  assert.equal(await page.getByTestId('filter-chips').locator('[data-chip=time]').count(), 1);
  assert.match(await page.getByTestId('filter-chips').innerText(), /Time/);
  // Hover shows a bucket's count and time.
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  assert.match(await page.getByTestId('histogram-tooltip').innerText(), /events[\s\S]*UTC[\s\S]*local/);
  await act(page, () => page.getByTestId('clear-filters').click());

  await act(page, () => page.getByTestId('preset-errors').click());
  assert.equal(await filtered(page), count((e) => e.errorCode));
  await act(page, () => page.getByTestId('preset-errors').click());
  await act(page, () => page.getByTestId('preset-sensitive').click());
  assert.equal(await filtered(page), count(sensitive));
  assert.ok(count(sensitive) > 0);
  await page.context().close();
});

test('the table shows the filtered rows in time order both ways; the detail shows the event', async () => {
  const page = await openLoaded();
  await act(page, async () => (await facetValue(page, 'eventName', 'PutBucketAcl')).click());
  const want = events.filter((e) => e.eventName === 'PutBucketAcl');
  const ids = () => page.getByTestId('event-table').locator('[data-event-id]').evaluateAll((els) => els.map((e) => e.dataset.eventId));
  // Newest first unless asked otherwise.
  assert.equal(await page.getByTestId('sort-time').getAttribute('data-desc'), 'true');
  const shown = await ids();
  assert.ok(shown.length >= 10);
  assert.deepEqual(shown, [...want].reverse().slice(0, shown.length).map((e) => e.eventId));
  await act(page, () => page.getByTestId('sort-time').click());
  const asc = await ids();
  assert.deepEqual(asc, want.slice(0, asc.length).map((e) => e.eventId));
  assert.match(page.url(), /order=asc/);

  // Scrolling deep into the table fetches those rows.
  await act(page, async () => (await facetValue(page, 'eventName', 'PutBucketAcl')).click());
  await page.getByTestId('event-table').evaluate((el) => { el.scrollTop = 3000 * 28; });
  await page.waitForFunction(() => document.querySelector('[data-testid=event-table] [data-pos="3000"][data-event-id]'));
  const deep = await page.locator('[data-testid=event-table] [data-pos="3000"]').getAttribute('data-event-id');
  assert.equal(deep, events[3000].eventId);

  await page.getByTestId('event-table').evaluate((el) => { el.scrollTop = 0; });
  await page.waitForFunction(() => document.querySelector('[data-testid=event-table] [data-pos="2"][data-event-id]'));
  const id = await page.locator('[data-testid=event-table] [data-pos="2"]').getAttribute('data-event-id');
  await page.locator(`[data-testid=event-table] [data-event-id="${id}"]`).click();
  await page.getByTestId('event-detail-json').waitFor();
  assert.equal(await page.getByTestId('event-detail').getAttribute('data-event-id'), id);
  const shownJson = JSON.parse(await page.getByTestId('event-detail-json').innerText());
  assert.deepEqual(shownJson, events.find((e) => e.eventId === id));
  // A field in the detail filters by its value.
  const ip = shownJson.sourceIpAddress;
  await act(page, () => page.getByTestId('event-detail').locator(`[data-field="sourceIpAddress"]`).click());
  assert.equal(await filtered(page), count((e) => e.sourceIpAddress === ip));
  await page.context().close();
});

/**
 * Each event's exact text in its file, in file order, for the two shapes the generator writes:
 * NDJSON (one compact event a line) and an array (`[\n  {…},\n  {…}\n]\n`).
 */
function rawEvents(file) {
  let buf = fs.readFileSync(file);
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = zlib.gunzipSync(buf);
  const text = buf.toString('utf8');
  const raws = text.startsWith('[')
    ? text.slice('[\n  '.length, text.length - '\n]\n'.length).split(',\n  ')
    : text.split('\n').filter((l) => l.length > 0);
  return raws.map((raw) => ({ raw, event: JSON.parse(raw) }));
}

test('exports contain exactly the filtered events', async () => {
  const page = await openLoaded();
  await act(page, () => page.getByTestId('preset-errors').click());
  await act(page, async () => (await facetValue(page, 'acsRegion', 'cn-hangzhou')).click());
  const want = new Set(events.filter((e) => e.errorCode && e.acsRegion === 'cn-hangzhou').map((e) => e.eventId));
  assert.ok(want.size > 5);
  const download = async (testid) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
    const text = fs.readFileSync(await dl.path(), 'utf8');
    await page.locator('[data-testid=explorer-notice][data-notice=exported]').waitFor();
    return { text, name: dl.suggestedFilename() };
  };
  // Each event as it was in its file, byte for byte, in file order (the files in load order).
  const raw = files.flatMap(rawEvents).filter(({ event }) => want.has(event.eventId)).map(({ raw }) => raw);
  assert.equal(raw.length, want.size);
  const json = await download('export-json');
  // The name says what the export holds: errors only, filtered.
  assert.equal(json.name, 'actiontrail-events-errors-filtered.json');
  assert.equal(json.text, `[\n${raw.join(',\n')}\n]\n`);
  const nd = await download('export-ndjson');
  // The generator writes compact events, so minifying changes nothing.
  assert.equal(nd.text, `${raw.join('\n')}\n`);
  const csv = await download('export-csv');
  const rows = csv.text.trim().split('\r\n');
  // Every cell is quoted (so no reader's separator can split one).
  assert.match(rows[0], /^"eventTime","eventId","eventName"/);
  assert.equal(rows.length, want.size + 1);
  assert.deepEqual(new Set(rows.slice(1).map((r) => r.split('","')[1])), want);
  // "Exported … events" is about the events loaded: after Clear it gives way to what was cleared,
  // and Undo loads the same files again.
  await page.getByTestId('clear-events').click();
  const notice = page.locator('[data-testid=explorer-notice][data-notice=cleared]');
  await notice.waitFor();
  assert.equal(await countOf(page, 'event-count'), 0);
  assert.match(await notice.innerText(), /^Cleared 6,500 events from 2 files\./);
  await page.getByTestId('undo-clear').click();
  await loaded(page, events.length);
  await notice.waitFor({ state: 'detached' });
  await page.context().close();
});

test('a copied link restores the view once the same files are loaded; back/forward work', async () => {
  const page = await openLoaded();
  await act(page, async () => (await facetValue(page, 'bucket', 'prod-logs')).click());
  await act(page, () => page.getByTestId('search-input').fill('alice'));
  await act(page, () => page.getByTestId('sort-time').click());
  const row = page.getByTestId('event-table').locator('[data-event-id]').first();
  const id = await row.getAttribute('data-event-id');
  await row.click();
  await page.getByTestId('event-detail-json').waitFor();
  const url = page.url();
  const n = await filtered(page);
  // Copy link copies exactly this view's address.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await page.getByTestId('copy-link').click();
  await page.locator('[data-testid=copy-link][data-copied=done]').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
  assert.match(url, /in\.bucket=prod-logs/);
  assert.match(url, /q=alice/);
  assert.match(url, new RegExp(`sel=${id}`));

  // Back, step by step: the selection, the order, the search; forward brings them again.
  await page.goBack();
  await page.getByTestId('event-detail').waitFor({ state: 'detached' });
  await act(page, () => page.goBack());
  await act(page, () => page.goBack());
  assert.equal(await filtered(page), count((e) => FIELD.bucket(e) === 'prod-logs'));
  assert.equal(await page.getByTestId('search-input').inputValue(), '');
  await act(page, () => page.goForward());
  await act(page, () => page.goForward());
  assert.equal(await filtered(page), n);
  await page.goForward();
  assert.equal(await page.getByTestId('event-detail').getAttribute('data-event-id'), id);
  await page.context().close();

  // Opened before its files are loaded, the link says which filters wait for them.
  const waiting = await newPage(browser, { viewport: { width: 1400, height: 1000 } });
  await waiting.goto(url);
  await appReady(waiting);
  await waiting.getByTestId('link-waiting').waitFor();
  assert.match(await waiting.getByTestId('link-waiting').innerText(), /Bucket = prod-logs[\s\S]*alice/);
  await waiting.context().close();

  const again = await openLoaded(url);
  assert.equal(await filtered(again), n);
  assert.equal(await again.getByTestId('event-detail').getAttribute('data-event-id'), id);
  await again.getByTestId('event-detail-json').waitFor();
  assert.equal(await again.getByTestId('search-input').inputValue(), 'alice');
  assert.match(await again.getByTestId('filter-chips').innerText(), /Bucket = prod-logs/);
  assert.equal(await again.getByTestId('event-table').locator('[data-event-id]').first().getAttribute('data-event-id'), id);
  await again.context().close();
});

test('a link with more values than the console reads says what it left out, and the notice goes with the link', async () => {
  const names = [...new Set(events.map(FIELD.eventName))].filter(Boolean);
  // 150 values: the first 100 are read (the real names among them), the 50 made-up ones after are not.
  const values = [...names, ...Array.from({ length: 150 - names.length }, (_, i) => `Made-up-${i}`)];
  const url = `${server.origin}/#/events?in.eventName=${values.map(encodeURIComponent).join(',')}`;
  const page = await openLoaded(url);
  const notice = page.getByTestId('link-trimmed');
  await notice.waitFor();
  assert.match(await notice.innerText(), /50 more values of Event were left out/);
  const kept = new Set(values.slice(0, 100));
  assert.equal(await filtered(page), count((e) => kept.has(FIELD.eventName(e))));
  // Once the view changes, the link is the console's own: the notice is gone.
  await act(page, () => page.getByTestId('preset-errors').click());
  await notice.waitFor({ state: 'detached' });
  await page.context().close();
});

test('the time range can be set from the keyboard alone: typed UTC ends, and presets', async () => {
  const page = await openLoaded();
  const times = events.map(time);
  const day = new Date((Math.min(...times) + Math.max(...times)) / 2).toISOString().slice(0, 10);
  const [start, noon] = [Date.parse(`${day}T00:00:00Z`), Date.parse(`${day}T12:00:00Z`)];
  await page.getByTestId('range-from').focus();
  await page.keyboard.type(day);
  await act(page, () => page.keyboard.press('Enter'));
  assert.equal(await filtered(page), count((e) => time(e) >= start));
  // Tab to To, type a minute, Enter.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'range-to');
  await page.keyboard.type(`${day} 12:00`);
  await act(page, () => page.keyboard.press('Enter'));
  assert.equal(await filtered(page), count((e) => time(e) >= start && time(e) < noon));
  assert.equal(await page.getByTestId('filter-chips').locator('[data-chip=time]').count(), 1);
  // Something that is not a time says how to type one, and changes nothing.
  await page.getByTestId('range-from').fill('yesterday');
  await page.getByTestId('range-from').press('Enter');
  await page.getByTestId('range-error').waitFor();
  assert.equal(await filtered(page), count((e) => time(e) >= start && time(e) < noon));
  // A preset, by keyboard: every loaded event again.
  await page.getByTestId('range-all').focus();
  await act(page, () => page.keyboard.press('Enter'));
  assert.equal(await filtered(page), events.length);
  assert.equal(await page.getByTestId('range-from').inputValue(), '');
  await page.context().close();
});

test('keyboard: / focuses search, j/k move, Enter opens, Esc clears', async () => {
  const page = await openLoaded();
  await page.locator('.explorer h2').click();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'search-input');
  // The shortcut only focuses the box: it does not type a slash into it.
  assert.equal(await page.getByTestId('search-input').inputValue(), '');
  await page.keyboard.press('Escape');
  assert.notEqual(await page.evaluate(() => document.activeElement?.dataset.testid), 'search-input');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  // The cursor row after the last key, once rendered.
  await page.waitForFunction(() => document.querySelector('[data-testid=event-table] .trow.cursor')?.dataset.pos === '1', null, { timeout: 5000 });
  await page.keyboard.press('Enter');
  await page.getByTestId('event-detail-json').waitFor();
  assert.equal(await page.getByTestId('event-detail').getAttribute('data-event-id'), [...events].reverse()[1].eventId);
  await page.keyboard.press('Escape');
  await page.getByTestId('event-detail').waitFor({ state: 'detached' });
  // Escape in the search box empties it and drops its filter too.
  const all = await filtered(page);
  await act(page, () => page.getByTestId('search-input').fill('alice'));
  assert.ok(await filtered(page) < all);
  await act(page, () => page.getByTestId('search-input').press('Escape'));
  assert.equal(await page.getByTestId('search-input').inputValue(), '');
  assert.equal(await filtered(page), all);
  // Everything is reachable by Tab, with names for screen readers.
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, input, select, [role=switch]')]
    .filter((el) => !el.closest('[hidden]') && !(el.getAttribute('aria-label') || el.textContent.trim() || el.labels?.length))
    .map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
  await page.context().close();
});
