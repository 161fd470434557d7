// Loading a trail straight from its OSS bucket (the local emulator's seeded trail), and the two
// halves joined: bucket links, the bucket's history and its lifecycle rules. Release build,
// headless Chromium; every expectation comes from the emulator's own listing of what it seeded.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, newPage, appReady, startEmulator, problems, loaded, countOf, watchRecoveries } from './harness.mjs';

let server, browser, emu, seeded;
before(async () => {
  [server, browser, emu] = await Promise.all([serveDist(), launch(), startEmulator()]);
  seeded = await emu.control('trail', {}, 'GET');
});
after(async () => { await browser?.close(); await server?.close(); emu?.close(); });
beforeEach(async () => { await emu.control('reset'); await emu.control('requests/clear'); });

const trailOf = (name) => seeded.buckets.find((b) => b.name === name);
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

async function open() {
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 } });
  await page.goto(`${server.origin}/#/events`);
  await appReady(page);
  await page.getByTestId('trail-source').click();
  await page.getByTestId('trail-use-emulator').click();
  await page.getByTestId('trail-endpoint').fill(emu.endpoint);
  return page;
}

async function list(page) {
  await page.getByTestId('trail-list').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=trail-plan]') || document.querySelector('[data-testid=trail-error]'), null, { timeout: 60000 });
}

const plan = async (page) => {
  const el = page.getByTestId('trail-plan');
  return { files: Number(await el.getAttribute('data-files')), bytes: Number(await el.getAttribute('data-bytes')), events: Number(await el.getAttribute('data-events')) };
};

async function loadAll(page) {
  await page.getByTestId('trail-load').click();
  await page.getByTestId('trail-end').waitFor({ timeout: 120000 });
}

function expected(bucket, from, to) {
  const trail = trailOf(bucket).objects.filter((o) => o.kind === 'trail' && o.day >= from && o.day <= to);
  return { files: trail.length, bytes: trail.reduce((a, o) => a + o.size, 0), events: trail.reduce((a, o) => a + o.events, 0), keys: new Set(trail.map((o) => o.key)) };
}

test('the plan and the load match the bucket exactly: every object in range fetched once, nothing else', async () => {
  const page = await open();
  const days = [seeded.firstDay, addDays(seeded.firstDay, seeded.days - 1)];
  // A narrower range: the last two days.
  const from = addDays(days[1], -1);
  await page.getByTestId('trail-from').fill(from);
  await list(page);
  const want = expected('demo-trail', from, days[1]);
  assert.ok(want.files > 1000, `${want.files} files`);
  assert.deepEqual(await plan(page), { files: want.files, bytes: want.bytes, events: want.events });
  // Nothing is downloaded before Load.
  let log = (await emu.control('requests', { bucket: 'demo-trail' }, 'GET')).requests;
  assert.ok(log.every((r) => r.method === 'GET' && r.key === ''), 'only listings so far');
  await emu.control('requests/clear');
  await loadAll(page);
  assert.equal(await page.getByTestId('trail-end').getAttribute('data-end'), 'complete');
  await loaded(page, want.events, 120000);
  assert.equal(await countOf(page, 'event-count'), want.events);
  const progress = page.getByTestId('trail-progress');
  assert.equal(Number(await progress.getAttribute('data-files-loaded')), want.files);
  assert.equal(Number(await progress.getAttribute('data-bytes')), want.bytes);
  log = (await emu.control('requests', { bucket: 'demo-trail' }, 'GET')).requests.filter((r) => r.key !== '');
  const fetched = log.map((r) => r.key);
  assert.equal(fetched.length, want.files, 'none twice');
  assert.deepEqual(new Set(fetched), want.keys, 'exactly the planned objects');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('regions can be narrowed; the multi-account layout is found too', async () => {
  const page = await open();
  await page.getByTestId('trail-bucket-name').fill('demo-trail-org');
  await page.getByTestId('trail-prefix').fill(trailOf('demo-trail-org').prefix);
  await page.getByTestId('trail-from').fill(seeded.firstDay);
  const last = addDays(seeded.firstDay, seeded.days - 1);
  await page.getByTestId('trail-to').fill(last);
  await list(page);
  const want = expected('demo-trail-org', seeded.firstDay, last);
  assert.deepEqual(await plan(page), { files: want.files, bytes: want.bytes, events: want.events });
  const regions = await page.locator('[data-testid=trail-plan] [data-region]').evaluateAll((els) => els.map((e) => e.dataset.region));
  assert.ok(regions.length >= 2 && regions.every((r) => /^\d+\/[a-z0-9-]+$/.test(r)), regions.join());
  // Leave one account/region out: the plan shrinks by exactly its files.
  const off = regions[0];
  const [account, region] = off.split('/');
  await page.locator(`[data-testid=trail-plan] [data-region="${off}"] input`).uncheck();
  const left = trailOf('demo-trail-org').objects.filter((o) => o.kind === 'trail' && o.day >= seeded.firstDay && o.day <= last && !(o.account === account && o.region === region));
  assert.equal((await plan(page)).files, left.length);
  await page.context().close();
});

test('a 5xx object is retried; one that keeps failing is reported while the rest load; cancel keeps what was read', async () => {
  const page = await open();
  const day = addDays(seeded.firstDay, seeded.days - 1);
  await page.getByTestId('trail-from').fill(day);
  await list(page);
  const want = expected('demo-trail', day, day);
  const keys = [...want.keys].sort();
  const flaky = keys[3].split('/').pop();
  const broken = keys[7].split('/').pop();
  await emu.control('faults', { status: '503', count: '2', path_contains: flaky });
  await loadAll(page);
  let log = (await emu.control('requests', { bucket: 'demo-trail' }, 'GET')).requests.filter((r) => r.key.endsWith(flaky));
  assert.deepEqual(log.map((r) => r.status), [503, 503, 200]);
  assert.equal(await page.getByTestId('trail-failures').count(), 0);
  // Now one object fails every time.
  await page.getByTestId('clear-events').click();
  await emu.control('requests/clear');
  await emu.control('faults', { status: '503', count: '50', path_contains: broken });
  await loadAll(page);
  const failures = page.getByTestId('trail-failures').locator('li');
  assert.equal(await failures.count(), 1);
  assert.equal(await failures.first().getAttribute('data-code'), 'InternalError');
  assert.equal(await failures.first().getAttribute('data-tries'), '3');
  assert.match(await failures.first().innerText(), new RegExp(broken.replace(/[.]/g, '\\.')));
  const brokenEvents = trailOf('demo-trail').objects.find((o) => o.key.endsWith(broken)).events;
  await loaded(page, want.events - brokenEvents, 60000);
  assert.equal(await countOf(page, 'event-count'), want.events - brokenEvents);
  // Cancel: slow every object down, cancel part-way, keep what arrived.
  await page.getByTestId('clear-events').click();
  await emu.control('faults', { delay_ms: '150', count: '100000' });
  await page.getByTestId('trail-load').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=trail-progress]')?.dataset.filesLoaded ?? 0) >= 8);
  await page.getByTestId('trail-cancel').click();
  await page.locator('[data-testid=trail-end][data-end=cancelled]').waitFor({ timeout: 30000 });
  const done = Number(await page.getByTestId('trail-progress').getAttribute('data-files-loaded'));
  assert.ok(done >= 8 && done < want.files, `${done} of ${want.files}`);
  await emu.control('faults', { count: '0' });
  await page.context().close();
});

test('Clear during a trail load stops it: nothing fetched before or after the Clear comes back', async () => {
  const page = await open();
  const day = addDays(seeded.firstDay, seeded.days - 1);
  await page.getByTestId('trail-from').fill(day);
  await list(page);
  await emu.control('faults', { delay_ms: '100', count: '100000' });
  await page.getByTestId('trail-load').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=event-count]')?.dataset.count ?? 0) > 0, null, { timeout: 30000 });
  await page.getByTestId('clear-events').click();
  await page.locator('[data-testid=trail-end][data-end=cancelled]').waitFor({ timeout: 30000 });
  // Long enough for anything the worker fetched or handed over around the Clear to arrive.
  await page.waitForTimeout(1500);
  assert.equal(await countOf(page, 'event-count'), 0);
  assert.equal(await page.getByTestId('trail-load').isEnabled(), true, 'the panel is free again');
  await emu.control('faults', { count: '0' });
  await page.context().close();
});

test('objects sent with Content-Encoding: gzip are sniffed, not assumed', async () => {
  await emu.control('content-encoding', { gzip: '1' });
  const page = await open();
  const day = addDays(seeded.firstDay, seeded.days - 1);
  await page.getByTestId('trail-from').fill(day);
  await list(page);
  const want = expected('demo-trail', day, day);
  await loadAll(page);
  await loaded(page, want.events, 60000);
  assert.equal(await countOf(page, 'event-count'), want.events);
  await page.context().close();
});

test('an object the browser inflates past its cap is stopped in the worker and named; the rest load and the page survives', async () => {
  await emu.control('content-encoding', { gzip: '1' });
  const day = addDays(seeded.firstDay, seeded.days - 1);
  const want = expected('demo-trail', day, day);
  const bomb = trailOf('demo-trail').objects.find((o) => o.kind === 'trail' && o.day === day && o.events > 0);
  // 200 MB of zeros as about 200 KB of gzip: sent with Content-Encoding: gzip, the browser inflates it.
  await emu.control('bomb', { bucket: 'demo-trail', key: bomb.key, inflates_to: String(200 << 20) });
  const page = await open();
  const restarts = await watchRecoveries(page);
  await page.getByTestId('trail-from').fill(day);
  await list(page);
  await loadAll(page);
  assert.equal(await page.getByTestId('trail-end').getAttribute('data-end'), 'complete');
  const failed = page.getByTestId('trail-failures').locator('li');
  assert.equal(await failed.count(), 1);
  assert.equal(await failed.getAttribute('data-key'), bomb.key);
  assert.equal(await failed.getAttribute('data-code'), 'TooLarge');
  assert.match(await failed.innerText(), /64 MB/);
  // Every other object of the day, exactly.
  await loaded(page, want.events - bomb.events, 60000);
  assert.equal(await countOf(page, 'event-count'), want.events - bomb.events);
  assert.equal(Number(await page.getByTestId('trail-progress').getAttribute('data-files-loaded')), want.files - 1);
  assert.deepEqual(restarts, [], 'the worker never died');
  assert.deepEqual(problems(page).filter((p) => !/ERR_ABORTED|aborted/i.test(p)), []);
  await page.context().close();
});

test('a wrong secret gives its message before anything loads', async () => {
  const page = await open();
  await page.getByTestId('tab-tracking').click();
  await page.getByTestId('cred-access-key-secret').fill('wrong-secret');
  await page.getByTestId('tab-events').click();
  await list(page);
  const error = page.getByTestId('trail-error');
  assert.equal(await error.getAttribute('data-code'), 'SignatureDoesNotMatch');
  assert.match(await error.innerText(), /AccessKeySecret/);
  assert.equal(await page.getByTestId('trail-plan').count(), 0);
  await page.context().close();
});

test('a bucket in the explorer opens its tracking view; the view shows its history and lifecycle rules', async () => {
  // Known events for demo-locked: two changes of its tracking and one of its lifecycle.
  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'out');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'history.json');
  const ev = (id, t, name, extra = {}) => ({
    eventId: id, eventTime: t, eventName: name, acsRegion: 'cn-hangzhou', sourceIpAddress: '203.0.113.9',
    userIdentity: { type: 'ram-user', userName: 'alice' }, referencedResources: { 'ACS::OSS::Bucket': ['demo-locked'] }, ...extra,
  });
  const tracking = (status) => ({ requestParameters: { BucketName: 'demo-locked', AccessMonitorConfiguration: { Status: status } } });
  fs.writeFileSync(file, JSON.stringify([
    ev('H1', '2025-11-01T01:00:00Z', 'PutBucketAccessMonitor', tracking('Enabled')),
    ev('H2', '2025-11-02T01:00:00Z', 'GetBucketInfo'),
    ev('H3', '2025-11-03T01:00:00Z', 'PutBucketLifecycle', {
      requestParameters: { LifecycleConfiguration: { Rule: [{ ID: 'atime-to-ia', Status: 'Enabled' }, { ID: 'logs-expire' }] } },
    }),
    ev('H4', '2025-11-04T01:00:00Z', 'putbucketaccessmonitor', { errorCode: 'AccessMonitorDisableNotAllowed', ...tracking('Disabled') }),
    ev('H5', '2025-11-05T01:00:00Z', 'PutBucketAccessMonitor', { referencedResources: { 'ACS::OSS::Bucket': ['other-bucket'] } }),
    ev('H6', '2025-11-06T01:00:00Z', 'GetBucketLifecycle'),
    ev('H7', '2025-11-07T01:00:00Z', 'PutBucketAccessMonitor', tracking('Disabled')),
  ]));
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 } });
  await page.goto(`${server.origin}/#/events`);
  await appReady(page);
  await page.getByTestId('file-input').setInputFiles([file]);
  await loaded(page, 7);
  // The credentials for the tracking view's reads.
  await page.getByTestId('tab-tracking').click();
  await page.getByTestId('use-emulator').click();
  await page.getByTestId('endpoint').fill(emu.endpoint);
  await page.getByTestId('tab-events').click();
  const link = page.getByTestId('facet-bucket').locator('[data-testid=open-in-tracking][data-bucket=demo-locked]');
  assert.equal(await link.getAttribute('data-region'), 'cn-hangzhou');
  // Scrolled down the events view first, as a user reading the facets is.
  await page.setViewportSize({ width: 1400, height: 600 });
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  await link.click();
  await page.getByTestId('view-tracking').waitFor();
  // The link lands with its target in view: the bucket's status, not the page's old scroll.
  const inView = (testid) => page.evaluate((t) => {
    const r = document.querySelector(`[data-testid=${t}]`)?.getBoundingClientRect();
    return !!r && r.top >= 0 && r.bottom <= innerHeight;
  }, testid);
  await page.waitForFunction(() => scrollY === 0);
  assert.ok(await inView('tracking-refresh'), 'the status is in view');
  assert.equal(await page.getByTestId('bucket-name').inputValue(), 'demo-locked');
  assert.equal(await page.getByTestId('region').inputValue(), 'cn-hangzhou');
  const history = page.getByTestId('bucket-history');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=bucket-history] > li').length === 4);
  assert.deepEqual(await history.locator(':scope > li').evaluateAll((lis) => lis.map((li) => li.dataset.eventId)), ['H7', 'H4', 'H3', 'H1']);
  assert.match(await history.locator('[data-event-id=H4]').innerText(), /alice[\s\S]*203\.0\.113\.9[\s\S]*AccessMonitorDisableNotAllowed/);
  // What each change asked for, read back from the file: the refused one says what it asked for,
  // and the status before a switch comes from the last switch that went through.
  const changed = (id) => history.locator(`[data-event-id=${id}] [data-testid=history-change]`).innerText();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=history-change]').length === 4);
  assert.equal(await changed('H7'), 'Enabled → Disabled');
  assert.equal(await changed('H4'), 'asked for Disabled');
  assert.equal(await changed('H3'), 'rules now: atime-to-ia, logs-expire');
  assert.equal(await changed('H1'), '→ Enabled');
  // The changes by default; the reads on request.
  await page.getByTestId('history-show-reads').check();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=bucket-history] > li').length === 5);
  assert.equal(await history.locator(':scope > li').nth(1).getAttribute('data-event-id'), 'H6');
  await page.getByTestId('history-show-reads').uncheck();
  // The lifecycle rules, read from the bucket: one based on last access time.
  await page.getByTestId('tracking-refresh').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=lifecycle-rules] > li'));
  const rules = await page.getByTestId('lifecycle-rules').locator(':scope > li').evaluateAll((lis) => lis.map((li) => li.dataset.accessTime));
  assert.ok(rules.includes('true') && rules.length >= 1, rules.join());
  // Back to the explorer, filtered to the bucket, the event selected.
  await history.locator('[data-event-id=H3] [data-testid=history-open-event]').click();
  await page.getByTestId('event-detail').waitFor();
  assert.equal(await page.getByTestId('event-detail').getAttribute('data-event-id'), 'H3');
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-testid=event-detail]').getBoundingClientRect();
    return r.top < innerHeight && r.bottom > 0;
  }, null, { timeout: 5000 });
  await page.waitForFunction(() => document.querySelector('[data-testid=filtered-count]')?.dataset.count === '6');
  // A bucket in the table links the same way.
  const rowLink = page.getByTestId('event-table').locator('[data-testid=open-in-tracking]').first();
  assert.equal(await rowLink.getAttribute('data-bucket'), 'demo-locked');
  await page.context().close();
});

/** The whole seeded trail of demo-trail: every day. */
async function wholeTrail(page) {
  const last = addDays(seeded.firstDay, seeded.days - 1);
  await page.getByTestId('trail-from').fill(seeded.firstDay);
  await page.getByTestId('trail-to').fill(last);
  await list(page);
  const want = expected('demo-trail', seeded.firstDay, last);
  assert.deepEqual(await plan(page), { files: want.files, bytes: want.bytes, events: want.events });
  return want;
}

async function summaryOf(page) {
  const d = await page.getByTestId('load-summary').evaluate((el) => ({ ...el.dataset }));
  return Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'testid').map(([k, v]) => [k, Number(v)]));
}

test('the whole trail loaded twice: every event counted once, every file read to its end, no restart', async () => {
  const page = await open();
  const want = await wholeTrail(page);
  assert.ok(want.files > 2000, `${want.files} files`);
  const restarts = await watchRecoveries(page);
  await loadAll(page);
  await loaded(page, want.events, 120000);
  assert.equal(await countOf(page, 'event-count'), want.events);
  // Load again: the same objects, the same events (duplicates, counted once).
  await page.getByTestId('trail-load').click();
  await page.getByTestId('trail-end').waitFor({ state: 'detached' });
  await page.getByTestId('trail-end').waitFor({ timeout: 120000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid=load-progress]'), null, { timeout: 120000 });
  assert.equal(await countOf(page, 'event-count'), want.events);
  assert.deepEqual(await summaryOf(page), { loaded: 2 * want.files, problems: 0, reading: 0, waiting: 0, cancelled: 0, notRead: 0 });
  assert.equal(await page.getByTestId('trail-end').getAttribute('data-reading'), 'false');
  assert.equal(await page.getByTestId('trail-end').innerText(), 'Loaded.');
  assert.deepEqual(restarts, [], 'the worker never had to be restarted');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('the whole trail, cancelled part-way then loaded again: every event counted once; what was not read is named', async () => {
  const page = await open();
  const want = await wholeTrail(page);
  const restarts = await watchRecoveries(page);
  // Slow objects down so the cancel lands mid-load.
  await emu.control('faults', { delay_ms: '20', count: '100000' });
  await page.getByTestId('trail-load').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=trail-progress]')?.dataset.filesLoaded ?? 0) >= 300, null, { timeout: 60000 });
  await page.getByTestId('trail-cancel').click();
  await page.locator('[data-testid=trail-end][data-end=cancelled]').waitFor({ timeout: 30000 });
  await emu.control('faults', { count: '0' });
  await page.waitForFunction(() => !document.querySelector('[data-testid=load-progress]'), null, { timeout: 60000 });
  const first = await countOf(page, 'event-count');
  assert.ok(first > 0 && first < want.events, `${first} of ${want.events} before the cancel`);
  // Files handed to the worker but not read before the cancel are named, each with its reason.
  const cut = await summaryOf(page);
  if (cut.notRead > 0) {
    const list = page.getByTestId('load-not-read');
    assert.equal(Number(await list.getAttribute('data-count')), cut.notRead);
    assert.equal((await list.locator('pre').textContent()).split('\n').length, cut.notRead);
  }
  // Load again: the rest arrives, nothing is counted twice.
  await loadAll(page);
  assert.equal(await page.getByTestId('trail-end').getAttribute('data-end'), 'complete');
  await loaded(page, want.events, 120000);
  assert.equal(await countOf(page, 'event-count'), want.events);
  assert.deepEqual(restarts, [], 'the worker never had to be restarted');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});
