// English and 中文: the language follows the browser and the header's switch (remembered), and the
// main flows of both views work the same in both. Everything is asserted through test ids and
// data attributes; text is only compared between the languages.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveDist, launch, newPage, appReady, startEmulator, problems, generate, readEvents, loaded, settled, act, countOf } from './harness.mjs';

let server, browser, emu, file, events;
before(async () => {
  [server, browser, emu] = await Promise.all([serveDist(), launch(), startEmulator()]);
  file = await generate('i18n.ndjson', { events: 2000, format: 'ndjson', seed: 81, days: 4 });
  events = await readEvents(file);
});
after(async () => { await browser?.close(); await server?.close(); emu?.close(); });
beforeEach(async () => { await emu.control('reset'); });

const LANGS = [['en-US', 'en', 'en'], ['zh-CN', 'zh', 'zh-CN']];
const HAN = /[\u4e00-\u9fff]/;
/** What each language showed, compared at the end. */
const shown = { en: {}, zh: {} };

async function open(locale, hash) {
  const page = await newPage(browser, { locale, acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  await page.goto(`${server.origin}/${hash}`);
  await appReady(page);
  return page;
}

const status = (page) => page.getByTestId('tracking-status').getAttribute('data-status');
/** Click `testid` and wait until its calls are logged and nothing is in flight. */
async function call(page, testid) {
  const n = await page.getByTestId('request-log-entry').count();
  await page.getByTestId(testid).click();
  await page.waitForFunction((k) => document.querySelectorAll('[data-testid=request-log-entry]').length > k
    && !document.querySelector('[data-testid=tracking-busy]'), n, { timeout: 15000 });
}

for (const [locale, code, htmlLang] of LANGS) {
  test(`tracking in ${code}: read and switch against the emulator, and an error shown`, async () => {
    const page = await open(locale, '#/tracking');
    assert.equal(await page.evaluate(() => document.documentElement.lang), htmlLang);
    assert.equal(await page.getByTestId('lang-switch').getAttribute('data-lang'), code);
    const texts = shown[code];
    texts.statusBefore = await page.getByTestId('tracking-status').innerText();
    texts.tab = await page.getByTestId('tab-tracking').innerText();

    await page.getByTestId('use-emulator').click();
    await page.getByTestId('endpoint').fill(emu.endpoint);
    await call(page, 'tracking-refresh');
    assert.equal(await status(page), 'Disabled');
    texts.statusRead = await page.getByTestId('tracking-status').innerText();
    await call(page, 'tracking-toggle');
    assert.equal(await status(page), 'Enabled');
    assert.equal((await emu.state()).buckets['demo-bucket'].status, 'Enabled');
    texts.announced = await page.getByTestId('announcer').innerText();
    await page.getByTestId('lifecycle-none').waitFor();
    assert.deepEqual(problems(page), []);

    // An error: the lifecycle-locked bucket refuses to turn tracking off (the browser logs its 400).
    await page.getByTestId('bucket-name').fill('demo-locked');
    await call(page, 'tracking-refresh');
    await call(page, 'tracking-toggle');
    assert.equal(await page.getByTestId('last-error').getAttribute('data-code'), 'AccessMonitorDisableNotAllowed');
    assert.equal(await page.getByTestId('last-error-code').innerText(), 'AccessMonitorDisableNotAllowed');
    assert.equal(await status(page), 'Enabled');
    assert.ok(await page.locator('[data-testid=lifecycle-rules] [data-access-time=true]').count() >= 1);
    texts.advice = await page.getByTestId('last-error-advice').innerText();
    texts.lifecycle = await page.getByTestId('lifecycle-card').innerText();
    if (code === 'zh') {
      assert.match(texts.advice, HAN);
      assert.match(texts.lifecycle, HAN);
    }
    await page.context().close();
  });

  test(`events in ${code}: load files, filter, select a row, export`, async () => {
    const page = await open(locale, '#/events');
    const texts = shown[code];
    texts.empty = await page.getByTestId('empty-state').innerText();
    await page.getByTestId('file-input').setInputFiles([file]);
    await loaded(page, events.length);
    await settled(page);
    assert.equal(await countOf(page, 'filtered-count'), events.length);
    assert.equal(await page.locator(`[data-file="i18n.ndjson"]`).getAttribute('data-state'), 'loaded');
    texts.report = await page.getByTestId('load-report').innerText();
    texts.summary = await page.getByTestId('summary').innerText();

    // Filter: one event name, and errors only.
    const name = await page.getByTestId('facet-eventName').locator('[data-value]').first().getAttribute('data-value');
    await act(page, () => page.getByTestId('facet-eventName').locator(`[data-value="${name}"]`).click());
    await act(page, () => page.getByTestId('preset-errors').click());
    const want = events.filter((e) => e.eventName === name && e.errorCode);
    assert.equal(await countOf(page, 'filtered-count'), want.length);
    assert.equal(await page.getByTestId('filter-chips').locator('[data-chip]').count(), 2);
    texts.chips = await page.getByTestId('filter-chips').innerText();

    // Select a row: its event in the detail.
    const row = page.getByTestId('event-table').locator('[data-event-id]').first();
    const id = await row.getAttribute('data-event-id');
    await row.click();
    await page.getByTestId('event-detail-json').waitFor();
    assert.equal(JSON.parse(await page.getByTestId('event-detail-json').innerText()).eventId, id);
    texts.detail = await page.getByTestId('event-detail').locator('.detail-fields').innerText();

    // Hover the histogram: the local time is written the language's way.
    const box = await page.getByTestId('time-histogram').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    texts.tooltip = await page.getByTestId('histogram-tooltip').innerText();

    // Export: exactly the filtered events.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ndjson').click()]);
    const lines = fs.readFileSync(await dl.path(), 'utf8').trim().split('\n').filter(Boolean);
    assert.deepEqual(new Set(lines.map((l) => JSON.parse(l).eventId)), new Set(want.map((e) => e.eventId)));
    await page.locator('[data-testid=explorer-notice][data-notice=exported]').waitFor();
    texts.notice = await page.getByTestId('explorer-notice').innerText();
    if (code === 'zh') {
      for (const k of ['empty', 'report', 'summary', 'chips', 'detail', 'tooltip', 'notice']) assert.match(texts[k], HAN, k);
    }
    assert.deepEqual(problems(page), []);
    await page.context().close();
  });
}

test('what the two languages showed differs, view by view', () => {
  for (const key of ['tab', 'statusBefore', 'statusRead', 'announced', 'advice', 'lifecycle', 'empty', 'report', 'summary',
    'chips', 'detail', 'tooltip', 'notice']) {
    assert.ok(shown.en[key] && shown.zh[key], `${key} was seen in both`);
    assert.notEqual(shown.en[key], shown.zh[key], key);
    assert.doesNotMatch(shown.en[key], HAN, `no Chinese in the English ${key}`);
  }
});

test('the language follows the browser; the switch changes it and is remembered', async () => {
  for (const [locale, lang] of [['zh-CN', 'zh-CN'], ['zh-TW', 'zh-CN'], ['en-GB', 'en'], ['fr-FR', 'en']]) {
    const page = await open(locale, '#/tracking');
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang, locale);
    await page.context().close();
  }

  const page = await open('en-US', '#/events');
  const before = { title: await page.title(), tab: await page.getByTestId('tab-events').innerText(),
    footer: await page.getByTestId('footer').innerText() };
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await page.getByTestId('lang-switch').getAttribute('data-lang'), 'zh');
  const after = { title: await page.title(), tab: await page.getByTestId('tab-events').innerText(),
    footer: await page.getByTestId('footer').innerText() };
  for (const k of Object.keys(before)) assert.notEqual(after[k], before[k], k);
  assert.match(after.footer, /v\d+\.\d+\.\d+/);
  assert.equal(await page.evaluate(() => localStorage.getItem('oss-console.lang')), 'zh');
  // Remembered over the browser's language.
  await page.reload();
  await appReady(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await page.getByTestId('tab-events').innerText(), after.tab);
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.getByTestId('tab-events').innerText(), before.tab);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('switching the language keeps the loaded events, the filter and the selection', async () => {
  const page = await open('en-US', '#/events');
  await page.getByTestId('file-input').setInputFiles([file]);
  await loaded(page, events.length);
  await settled(page);
  await act(page, () => page.getByTestId('preset-errors').click());
  const row = page.getByTestId('event-table').locator('[data-event-id]').first();
  const id = await row.getAttribute('data-event-id');
  await row.click();
  await page.getByTestId('event-detail-json').waitFor();
  const n = await countOf(page, 'filtered-count');
  const label = await page.getByTestId('preset-errors').innerText();
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.notEqual(await page.getByTestId('preset-errors').innerText(), label);
  assert.equal(await page.getByTestId('preset-errors').getAttribute('aria-pressed'), 'true');
  assert.equal(await countOf(page, 'filtered-count'), n);
  assert.equal(await page.getByTestId('event-detail').getAttribute('data-event-id'), id);
  assert.equal(await countOf(page, 'event-count'), events.length);
  await page.context().close();
});
