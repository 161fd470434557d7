// What a new user meets, in the release build: phone layouts, the table's size and columns,
// keyboard paths, local time, commands to copy, and credentials that are not replaced unasked.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { serveDist, launch, newPage, appReady, startEmulator, generate, readEvents, loaded, settled, act, countOf, problems, axeViolations, openWithFiles } from './harness.mjs';

let server, browser, emu, files, events;
const time = (e) => Date.parse(e.eventTime);
before(async () => {
  [server, browser, emu] = await Promise.all([serveDist(), launch(), startEmulator()]);
  files = [await generate('nu1.ndjson', { events: 3000, format: 'ndjson', seed: 71, days: 5 })];
  events = (await readEvents(files[0])).map((e, i) => [e, i]).sort((a, b) => time(a[0]) - time(b[0]) || a[1] - b[1]).map(([e]) => e);
});
after(async () => { await browser?.close(); await server?.close(); emu?.close(); });
beforeEach(async () => { await emu.control('reset'); });

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const openEvents = (options = {}) => openWithFiles(browser, server.origin, files, events.length, options);

/** How far the page can scroll sideways (0: not at all). */
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
const top = (page, testid) => page.getByTestId(testid).evaluate((el) => el.getBoundingClientRect().top + scrollY);

test('at 390 px wide neither view scrolls sideways; the switch is near the top; the table comes before the facets', async () => {
  const page = await newPage(browser, PHONE);
  await page.goto(`${server.origin}/#/tracking`);
  await appReady(page);
  await page.getByTestId('use-emulator').click();
  await page.getByTestId('endpoint').fill(emu.endpoint);
  await page.getByTestId('tracking-refresh').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=tracking-status]')?.dataset.status === 'Disabled');
  assert.equal(await sideways(page), 0, 'the tracking view scrolls sideways');
  // The switch is on the first screen, above the credentials.
  assert.ok(await top(page, 'tracking-toggle') < 500, `switch at ${await top(page, 'tracking-toggle')} px`);
  assert.ok(await top(page, 'tracking-toggle') < await top(page, 'cred-access-key-id'));
  assert.deepEqual(await axeViolations(page), []);

  await page.goto(`${server.origin}/#/events`);
  await page.getByTestId('file-input').setInputFiles(files);
  await loaded(page, events.length);
  await settled(page);
  assert.equal(await sideways(page), 0, 'the events view scrolls sideways');
  assert.ok(await top(page, 'event-table') < await top(page, 'facet-eventName'), 'the facets come before the table');
  // Facet counts are not cut off: each count ends inside the screen.
  const rights = await page.getByTestId('facet-eventName').locator('.facet-count').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
  assert.ok(rights.length > 0 && rights.every((r) => r <= 390), rights.join());
  // The other views too: insights over these events, and many buckets with a read done.
  await page.getByTestId('insights-tab').click();
  await page.locator('[data-testid=insights][data-done=true]').waitFor();
  assert.equal(await sideways(page), 0, 'the insights view scrolls sideways');
  await page.getByTestId('fleet-tab').click();
  await page.getByTestId('fleet-input').fill('fleet-01\nfleet-nocors\nfleet-sh-01');
  await page.getByTestId('fleet-add').click();
  await page.getByTestId('fleet-read').click();
  await page.locator('[data-testid=fleet-progress][data-done=true]').waitFor();
  assert.equal(await sideways(page), 0, 'the many-buckets view scrolls sideways');
  await page.context().close();
});

test('the table is as tall as the window, newest first, with columns that fit and a chooser that is remembered', async () => {
  const page = await openEvents();
  const height = () => page.getByTestId('event-table').evaluate((el) => el.getBoundingClientRect().height);
  const tall = await height();
  assert.ok(tall > 1000 - 250, `table ${tall} px in a 1000 px window`);
  await page.setViewportSize({ width: 1400, height: 700 });
  await page.waitForFunction((h) => document.querySelector('[data-testid=event-table]').getBoundingClientRect().height < h - 200, tall);

  // Newest first.
  const first = page.getByTestId('event-table').locator('[data-pos="0"][data-event-id]');
  assert.equal(await first.getAttribute('data-event-id'), events.at(-1).eventId);

  // Every rendered result cell (error codes included) shows its whole value.
  const cut = await page.getByTestId('event-table').locator('.trow .c-errorCode').evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
  assert.deepEqual(cut, []);
  // A sensitive operation's tag is not drawn like an error.
  const tag = page.getByTestId('event-table').locator('.badge.sensitive').first();
  await tag.waitFor();
  const [tagBg, errColor] = await Promise.all([
    tag.evaluate((el) => getComputedStyle(el).backgroundColor),
    page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bad')),
  ]);
  assert.equal(tagBg, 'rgba(0, 0, 0, 0)', `sensitive tag background ${tagBg} (error colour ${errColor})`);

  // Add the AccessKey ID and request ID columns: the newest event's values are in its row.
  await page.getByTestId('column-chooser').locator('summary').click();
  await page.getByTestId('column-toggle-accessKeyId').check();
  await page.getByTestId('column-toggle-requestId').check();
  await page.getByTestId('column-toggle-sourceIpAddress').uncheck();
  const newest = events.at(-1);
  assert.equal(await first.locator('.c-accessKeyId').getAttribute('title'), newest.userIdentity?.accessKeyId ?? '');
  assert.equal(await first.locator('.c-requestId').innerText(), newest.requestId ?? '');
  assert.equal(await first.locator('.c-sourceIpAddress').count(), 0);
  // Remembered in this browser.
  await page.reload();
  await appReady(page);
  await page.getByTestId('file-input').setInputFiles(files);
  await loaded(page, events.length);
  assert.equal(await page.getByTestId('event-table').getAttribute('data-columns'), 'time,eventName,userName,accessKeyId,acsRegion,bucket,errorCode,requestId');
  await page.context().close();
});

test("a selected row's detail is in view beside the table, and in a drawer on a phone", async () => {
  for (const options of [{ viewport: { width: 1400, height: 900 } }, PHONE]) {
    const page = await openEvents(options);
    const row = page.getByTestId('event-table').locator('[data-pos="3"][data-event-id]');
    await page.getByTestId('event-table').scrollIntoViewIfNeeded();
    await row.click();
    await page.getByTestId('event-detail-json').waitFor();
    const inView = (loc) => loc.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight - 40 && r.bottom > 0; });
    assert.ok(await inView(page.getByTestId('event-detail')), `detail out of view at ${page.viewportSize().width} px`);
    assert.ok(await inView(page.getByTestId('event-detail-json')), 'the JSON starts on screen');
    if (page.viewportSize().width > 1000) assert.ok(await inView(row), 'the clicked row stays in view');
    // With the column chooser open too, nothing for axe to find.
    await page.getByTestId('column-chooser').locator('summary').click();
    assert.deepEqual(await axeViolations(page), []);
    await page.getByTestId('close-detail').click();
    await page.getByTestId('event-detail').waitFor({ state: 'detached' });
    assert.equal(await sideways(page), 0);
    await page.context().close();
  }
});

test('keyboard: a skip link reaches the table at once; each facet card is one tab stop with arrows inside', async () => {
  const page = await openEvents();
  await page.evaluate(() => document.activeElement?.blur());
  await page.locator('body').focus();
  let presses = 0;
  while (presses < 10 && await page.evaluate(() => document.activeElement?.dataset.testid) !== 'skip-to-table') {
    await page.keyboard.press('Tab');
    presses += 1;
  }
  assert.ok(presses < 10, 'the skip link is among the first stops');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'event-table');
  // `t` does the same from anywhere but a text field.
  await page.getByTestId('sort-time').focus();
  await page.keyboard.press('t');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'event-table');

  await page.getByTestId('facet-eventName').locator('.facet-include').first().focus();
  await page.keyboard.press('ArrowDown');
  const moved = await page.evaluate(() => ({ card: document.activeElement.closest('section.facet')?.dataset.testid, cls: document.activeElement.className }));
  assert.equal(moved.card, 'facet-eventName');
  assert.match(moved.cls, /facet-exclude/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement.closest('section.facet')?.dataset.testid ?? document.activeElement.outerHTML.slice(0, 300));
  assert.equal(next, 'facet-serviceName', 'Tab leaves the card for the next one');
  // Back with Shift+Tab: the control last used, not the card's first.
  await page.keyboard.press('Shift+Tab');
  const back = await page.evaluate(() => [...document.querySelectorAll('[data-testid=facet-eventName] button')].indexOf(document.activeElement));
  assert.equal(back, 2);
  await page.context().close();
});

test('the time range can be typed in local time, and says which', async () => {
  const page = await openEvents({ timezoneId: 'Asia/Shanghai' });
  await page.getByTestId('range-local').check();
  assert.equal(await page.getByTestId('time-range').getAttribute('data-zone'), 'local');
  assert.match(await page.getByTestId('time-range').innerText(), /local time, UTC\+08:00/);
  const day = new Date((time(events[0]) + time(events.at(-1))) / 2).toISOString().slice(0, 10);
  // 08:00 in Shanghai is midnight UTC.
  await act(page, async () => {
    await page.getByTestId('range-from').fill(`${day} 08:00`);
    await page.getByTestId('range-from').press('Enter');
  });
  const start = Date.parse(`${day}T00:00:00Z`);
  assert.equal(await countOf(page, 'filtered-count'), events.filter((e) => time(e) >= start).length);
  // Back to UTC: the same instant, written in UTC.
  await page.getByTestId('range-local').uncheck();
  await page.waitForFunction((d) => document.querySelector('[data-testid=range-from]').value === `${d} 00:00:00`, day);
  await page.context().close();
});

test('the request log copies each call as curl and ossutil with no secret in them, and the curl command works', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.origin}/#/tracking`);
  await appReady(page);
  await page.getByTestId('use-emulator').click();
  await page.getByTestId('endpoint').fill(emu.endpoint);
  await page.getByTestId('tracking-refresh').click();
  const entry = page.locator('[data-testid=request-log-entry][data-operation=GetBucketAccessMonitor]').first();
  await entry.waitFor();
  await entry.getByTestId('log-commands').locator('summary').click();
  const [curl, ossutil] = await Promise.all([entry.getByTestId('log-curl').innerText(), entry.getByTestId('log-ossutil').innerText()]);
  const secret = await page.getByTestId('cred-access-key-secret').inputValue();
  const token = await page.getByTestId('cred-security-token').inputValue();
  for (const text of [curl, ossutil]) {
    assert.ok(!text.includes(secret) && !text.includes(token), text);
  }
  assert.match(curl, /"x-oss-security-token: \$OSS_SESSION_TOKEN"/);
  assert.match(ossutil.replace(/ \\\n\s*/g, ' '), /^ossutil api get-bucket-access-monitor --bucket demo-bucket --region cn-hangzhou -e http:\/\/localhost:\d+$/);
  // Run as copied, the token from the environment: the emulator answers it as it answered the page.
  const { stdout } = await promisify(execFile)('sh', ['-c', `${curl} --silent --show-error`], { env: { ...process.env, OSS_SESSION_TOKEN: token } });
  assert.match(stdout, /<Status>Disabled<\/Status>/);
  await page.context().close();
});

test('the demo credentials do not replace typed ones unasked', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.origin}/#/events`);
  await appReady(page);
  await page.getByTestId('tab-tracking').click();
  await page.getByTestId('cred-access-key-id').fill('LTAI5tMyOwnKeyId');
  await page.getByTestId('tab-events').click();
  await page.getByTestId('trail-source').click();
  await page.getByTestId('trail-use-emulator').click();
  const ask = page.getByTestId('demo-confirm');
  await ask.waitFor();
  assert.match(await ask.innerText(), /LTAI5tMyOwnKeyId/);
  assert.deepEqual(await axeViolations(page), []);
  await page.getByTestId('demo-keep').click();
  await ask.waitFor({ state: 'detached' });
  await page.getByTestId('tab-tracking').click();
  assert.equal(await page.getByTestId('cred-access-key-id').inputValue(), 'LTAI5tMyOwnKeyId');
  await page.getByTestId('tab-events').click();
  await page.getByTestId('trail-use-emulator').click();
  await page.getByTestId('demo-replace').click();
  await page.getByTestId('tab-tracking').click();
  assert.match(await page.getByTestId('cred-access-key-id').inputValue(), /^STS\./);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});
