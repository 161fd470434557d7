// Insights in the release build: an injected burst of deletes and an injected call-rate spike
// are found over a generated week, applied as a filter with the right count, and each identity's
// activity is one click away. English and 中文; axe finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, newPage, appReady, generate, readEvents, loaded, settled, act, countOf, axeViolations, problems, ROOT, openWithFiles } from './harness.mjs';

let server, browser, files, events;
const DAY = 86_400_000;
/** The generator's first day (2025-11-01T00:00:00Z). */
const START = Date.parse('2025-11-01T00:00:00Z');
const BURST_AT = START + 4 * DAY + 9 * 3_600_000 + 17 * 60_000;
const SPIKE_AT = START + 5 * DAY + 14 * 3_600_000;

function injected() {
  const ev = (id, t, name, user, extra = {}) => ({
    eventId: id, eventTime: new Date(t).toISOString().replace('.000Z', 'Z'), eventName: name, eventRW: name.startsWith('Delete') ? 'Write' : 'Read',
    acsRegion: 'cn-hangzhou', sourceIpAddress: '203.0.113.66', userIdentity: { type: 'ram-user', userName: user },
    referencedResources: { 'ACS::OSS::Bucket': ['prod-logs'] }, ...extra,
  });
  const out = [];
  for (let k = 0; k < 150; k += 1) out.push(ev(`burst-${k}`, BURST_AT + k * 2000, 'DeleteObject', 'eve'));
  for (let k = 0; k < 400; k += 1) out.push(ev(`spike-${k}`, SPIKE_AT + 60_000 + k * 6000, 'ListObjects', 'mallory'));
  return out;
}

before(async () => {
  [server, browser] = await Promise.all([serveDist(), launch()]);
  const flat = await generate('ins-flat.ndjson', { events: 6000, format: 'ndjson', seed: 91, days: 7 });
  const extra = path.join(ROOT, 'e2e', 'out', 'ins-injected.json');
  fs.writeFileSync(extra, JSON.stringify(injected()));
  files = [flat, extra];
  events = [...(await readEvents(flat)), ...(await readEvents(extra))];
});
after(async () => { await browser?.close(); await server?.close(); });

const openWithEvents = (options = {}) => openWithFiles(browser, server.origin, files, events.length, options);

async function openInsights(page) {
  await page.getByTestId('insights-tab').click();
  await page.locator('[data-testid=insights][data-done=true]').waitFor({ timeout: 30000 });
  return page.getByTestId('insights');
}

test('an injected burst of deletes and a call-rate spike are found, and applying one filters to its events', async () => {
  const page = await openWithEvents();
  const list = await openInsights(page);
  assert.ok(Number(await list.getAttribute('data-count')) >= 2);
  assert.equal(Number(await list.getAttribute('data-count')), await list.getByTestId('insight').count());

  const burst = list.locator('[data-testid=insight][data-kind=destructive-burst][data-value=eve]');
  assert.equal(await burst.count(), 1);
  assert.equal(await burst.getAttribute('data-field'), 'userName');
  assert.equal(await burst.getAttribute('data-severity'), 'high');
  const [from, to] = [Date.parse(await burst.getAttribute('data-from')), Date.parse(await burst.getAttribute('data-to'))];
  assert.ok(from >= BURST_AT && to <= BURST_AT + 10 * 60_000 + 1000, `${new Date(from).toISOString()} → ${new Date(to).toISOString()}`);
  assert.match(await burst.innerText(), /eve made 1\d\d deletes in 10 minutes/);

  const spike = list.locator('[data-testid=insight][data-kind=call-rate][data-value=mallory]');
  assert.equal(await spike.count(), 1);
  assert.equal(await spike.getAttribute('data-from'), new Date(SPIKE_AT).toISOString().replace('.000Z', 'Z'));
  // Most severe first.
  const severities = await list.getByTestId('insight').evaluateAll((els) => els.map((e) => e.dataset.severity));
  const rank = { high: 0, medium: 1, low: 2 };
  assert.deepEqual(severities, [...severities].sort((a, b) => rank[a] - rank[b]));

  // Apply the burst: the explorer shows exactly its events (whole seconds: the window's ends).
  await burst.getByTestId('insight-apply').click();
  await page.getByTestId('view-events').waitFor();
  await settled(page);
  const want = events.filter((e) => e.userIdentity?.userName === 'eve' && e.eventName === 'DeleteObject'
    && Date.parse(e.eventTime) >= from && Date.parse(e.eventTime) < to).length;
  assert.ok(want >= 100, `${want}`);
  await page.waitForFunction((n) => document.querySelector('[data-testid=filtered-count]')?.dataset.count === String(n), want);
  assert.match(await page.getByTestId('filter-chips').innerText(), /eve/);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test("an identity's activity is one click from the insight and from the explorer", async () => {
  const page = await openWithEvents();
  const list = await openInsights(page);
  await list.locator('[data-testid=insight][data-value=mallory] [data-testid=insight-who]').click();
  const view = page.getByTestId('identity-view');
  await page.waitForFunction(() => document.querySelector('[data-testid=identity-view]')?.dataset.events === '400');
  assert.equal(await view.getAttribute('data-identity'), 'mallory');
  assert.match(await view.getByTestId('identity-summary').innerText(), /^400 events \(0 failed, 0 writes, 0 sensitive\)/);
  assert.match(await view.locator('[data-field=eventName]').innerText(), /ListObjects\s+400/);
  assert.deepEqual(await axeViolations(page), []);

  // From an event's detail in the explorer (one of eve's: the explorer filtered to her).
  await act(page, () => page.evaluate(() => { location.hash = '#/events?in.userName=eve'; }));
  const row = page.getByTestId('event-table').locator('[data-event-id^="burst-"]').first();
  await row.click();
  await page.getByTestId('event-detail-json').waitFor();
  const who = page.getByTestId('event-detail').locator('[data-testid=open-identity][data-field=userName]');
  const name = await who.getAttribute('data-identity');
  await who.click();
  await page.waitForFunction((n) => document.querySelector('[data-testid=identity-view]')?.dataset.identity === n
    && document.querySelector('[data-testid=identity-view]')?.dataset.events !== '', name);
  const expected = events.filter((e) => (e.userIdentity?.userName ?? e.userIdentity?.principalId) === name).length;
  assert.equal(Number(await view.getAttribute('data-events')), expected);
  await page.context().close();
});

test('in Chinese, with no events first and then a flat-enough list, and no axe findings', async () => {
  const page = await newPage(browser, { locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
  await page.goto(`${server.origin}/#/insights`);
  await appReady(page);
  assert.equal(await page.getByTestId('insights-tab').innerText(), '异常洞察');
  assert.match(await page.getByTestId('insights').innerText(), /请先在“事件”标签页加载事件/);
  await page.getByTestId('tab-events').click();
  await page.getByTestId('file-input').setInputFiles(files);
  await loaded(page, events.length);
  const list = await openInsights(page);
  assert.match(await list.locator('[data-testid=insight][data-kind=destructive-burst]').innerText(), /eve 在 10 分钟内删除 1\d\d 次/);
  assert.deepEqual(await axeViolations(page), []);
  assert.ok(await countOf(page, 'event-count') === events.length);
  await page.context().close();
});
