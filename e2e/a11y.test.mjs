// Accessibility in the release build: axe-core finds no violations in the states a user reaches
// (each view empty, events loaded with a filter on and a row selected, the tracking view with an
// error shown), in the light and the dark theme and in both languages; focus is always visible;
// results are announced once through the polite live region; the main flows work keyboard-only.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newPage, appReady, appInPlace, startEmulator, problems, generate, loaded, axeViolations, settled, act } from './harness.mjs';

let server, browser, emu, files;
before(async () => {
  [server, browser, emu] = await Promise.all([serveDist(), launch(), startEmulator()]);
  files = [await generate('a11y.ndjson', { events: 1500, format: 'ndjson', seed: 71, days: 3 })];
});
after(async () => { await browser?.close(); await server?.close(); emu?.close(); });
beforeEach(async () => { await emu.control('reset'); });

/** Fail with what axe found, readable. */
async function assertClean(page, state) {
  const found = await axeViolations(page);
  const report = found.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).join('\n    ')}`).join('\n');
  assert.deepEqual(found.map((v) => v.id), [], `${state}:\n${report}`);
}

const THEMES = ['light', 'dark'];
const LOCALES = [['en-US', 'en'], ['zh-CN', 'zh-CN']];

for (const [locale, htmlLang] of LOCALES) {
  for (const scheme of THEMES) {
    test(`axe: no violations in every state, ${scheme} theme, ${locale}`, async () => {
      const page = await newPage(browser, { colorScheme: scheme, locale, viewport: { width: 1400, height: 1000 } });
      await page.goto(`${server.origin}/#/tracking`);
      await appReady(page);
      assert.equal(await page.evaluate(() => document.documentElement.lang), htmlLang);
      // The theme is the system's: the page really is in that scheme.
      assert.equal(await page.getByTestId('theme-toggle').getAttribute('aria-pressed'), String(scheme === 'dark'));
      await assertClean(page, `${scheme} ${locale}: tracking, empty`);

      // The tracking view with an error shown (a wrong secret: the signature comparison).
      await page.getByTestId('use-emulator').click();
      await page.getByTestId('endpoint').fill(emu.endpoint);
      await page.getByTestId('cred-access-key-secret').fill('wrong-secret-value');
      await page.getByTestId('tracking-refresh').click();
      await page.getByTestId('signature-comparison').waitFor();
      await page.locator('[data-testid=request-log-entry] details').first().evaluate((d) => { d.open = true; });
      await assertClean(page, `${scheme} ${locale}: tracking, with an error`);

      await page.getByTestId('tab-events').click();
      await page.getByTestId('drop-zone').waitFor();
      await assertClean(page, `${scheme} ${locale}: events, empty`);

      // Loaded, a filter on, a row selected, and the panels a user opens.
      await page.getByTestId('file-input').setInputFiles(files);
      await loaded(page, 1500);
      await settled(page);
      await act(page, () => page.getByTestId('facet-acsRegion').locator('[data-value]').first().click());
      await act(page, () => page.getByTestId('preset-errors').click());
      await page.getByTestId('event-table').locator('[data-event-id]').nth(2).click();
      await page.getByTestId('event-detail-json').waitFor();
      await page.getByTestId('bridge-toggle').click();
      await page.getByTestId('sls-query').waitFor();
      await page.getByTestId('trail-source').click();
      await assertClean(page, `${scheme} ${locale}: events, loaded, filtered, a row selected`);
      await page.context().close();
    });
  }
}

test('focus is visible on every control the Tab key reaches, in both themes', async () => {
  for (const scheme of THEMES) {
    const page = await newPage(browser, { colorScheme: scheme });
    await page.goto(`${server.origin}/#/events`);
    await appReady(page);
    await page.getByTestId('file-input').setInputFiles(files);
    await loaded(page, 1500);
    await settled(page);
    await page.getByTestId('bridge-toggle').click();
    // Walk the whole tab order once, from the top; every stop must draw a focus indicator.
    await page.locator('h1').click();
    const seen = new Set();
    const invisible = [];
    let first = null;
    for (let i = 0; i < 800; i += 1) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        return {
          id: el.dataset.testid ?? `${el.tagName}#${el.id}.${el.className}`,
          key: [...el.parentNode.children].indexOf(el) + ':' + el.outerHTML.slice(0, 120),
          visible: outline && el.matches(':focus-visible'),
          inView: el.getBoundingClientRect().width > 1,
        };
      });
      if (!stop) continue;
      if (stop.key === first) break;
      first ??= stop.key;
      if (!stop.visible || !stop.inView) invisible.push(stop.id);
      seen.add(stop.id);
    }
    assert.ok(seen.size > 30, `the walk reached ${seen.size} controls`);
    for (const testid of ['lang-switch', 'theme-toggle', 'choose-files', 'search-input', 'preset-errors', 'event-table', 'copy-sls-query']) {
      assert.ok(seen.has(testid), `${testid} is reachable by Tab (${scheme})`);
    }
    assert.deepEqual(invisible, [], `${scheme}: controls focused without a visible indicator`);
    await page.context().close();
  }
});

test('results are announced once, politely, through one live region', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.origin}/#/tracking`);
  // The live region watched below is the app's.
  await appInPlace(page);
  const announcer = page.getByTestId('announcer');
  assert.equal(await announcer.getAttribute('aria-live'), 'polite');
  // Nothing that changes at every progress notice is a live region of its own.
  const live = await page.evaluate(() => [...document.querySelectorAll('[aria-live], [role=status], [role=alert], [role=log]')]
    .filter((el) => !el.closest('[hidden]')).map((el) => el.dataset.testid ?? el.className));
  assert.deepEqual(live, ['announcer']);

  // Every announcement of the whole test, as it happens: a second one for an action shows up in
  // the count before the next action's, however late it comes.
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid=announcer]');
    window.said = [];
    new MutationObserver(() => {
      const seq = Number(el.dataset.seq);
      if (window.said.at(-1)?.seq !== seq) window.said.push({ seq, text: el.innerText });
    }).observe(el, { attributes: true, childList: true, subtree: true, characterData: true });
  });
  /** What the announcer said after its first `from` announcements, once it said at least `least`. */
  const since = async (from, least = 1) => {
    await page.waitForFunction((n) => window.said.length >= n, from + least);
    return page.evaluate((f) => window.said.slice(f).map((s) => s.text), from);
  };

  await page.getByTestId('use-emulator').click();
  await page.getByTestId('endpoint').fill(emu.endpoint);
  await page.getByTestId('tracking-refresh').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=tracking-status]')?.dataset.status);
  // One read, one announcement (the lifecycle read that follows is part of the same result).

  // A failure is announced, once, not also as an alert.
  await page.getByTestId('cred-access-key-secret').fill('wrong-secret-value');
  let read = await since(0);
  assert.equal(read.length, 1, `one read: ${JSON.stringify(read)}`);
  await page.getByTestId('tracking-refresh').click();
  await page.getByTestId('last-error').waitFor();
  assert.equal(await page.locator('[role=alert]').count(), 0);

  // Loading events: said when it starts and when it ends, not at each progress notice.
  await page.getByTestId('tab-events').click();
  const failed = await since(1);
  assert.equal(failed.length, 1, `one failure: ${JSON.stringify(failed)}`);
  assert.match(failed[0], /SignatureDoesNotMatch/);
  await page.getByTestId('file-input').setInputFiles(files);
  await loaded(page, 1500);
  await settled(page);
  await page.waitForFunction(() => /1,500/.test(window.said.at(-1)?.text ?? ''));

  // A filter's answer is said once.
  const load = await since(2);
  assert.ok(load.length >= 1 && load.length <= 2, `${load.length} announcements for one load: ${JSON.stringify(load)}`);
  assert.match(load.at(-1), /1,500/);
  await act(page, () => page.getByTestId('preset-errors').click());
  const filtered = await page.getByTestId('filtered-count').getAttribute('data-count');
  // The last action: nothing more may come in the next second either.
  await page.waitForTimeout(1000);
  const filter = await since(2 + load.length);
  assert.equal(filter.length, 1, `one announcement for one filter: ${JSON.stringify(filter)}`);
  assert.match(filter[0].replace(/,/g, ''), new RegExp(`\\b${filtered}\\b`));
  await page.context().close();
});

/**
 * Every file chooser the page opens, from the moment the page exists. Listening before acting
 * matters: `waitForEvent` registered in the same breath as the key press can miss the event
 * whatever the app does (a ten-line page without the app misses it too).
 */
function choosers(page) {
  const seen = [];
  const waiters = [];
  page.on('filechooser', (c) => {
    seen.push(c);
    waiters.splice(0).forEach((w) => w());
  });
  return {
    count: () => seen.length,
    /** The next chooser after `n` were seen. */
    next: (n, timeout = 10_000) => new Promise((resolve, reject) => {
      const check = () => { if (seen.length > n) { clearTimeout(t); resolve(seen[n]); } };
      const t = setTimeout(() => reject(new Error('no file chooser opened')), timeout);
      waiters.push(check);
      check();
    }),
  };
}

/**
 * Enter on the focused "Choose files…" button opens the file picker: the app clicks its file
 * input once, with the user activation of the key press (a browser opens no picker without it),
 * and the chooser comes.
 */
async function chooserByEnter(page, pickers) {
  const at = await page.evaluate(() => document.activeElement?.dataset.testid);
  assert.equal(at, 'choose-files', 'focus left "Choose files…" before Enter');
  await page.evaluate(() => {
    window.pickerClicks = [];
    document.querySelector('[data-testid=file-input]').addEventListener('click', () => {
      window.pickerClicks.push(navigator.userActivation.isActive);
    }, { once: true });
  });
  const before = pickers.count();
  await page.keyboard.press('Enter');
  const chooser = await pickers.next(before);
  assert.deepEqual(await page.evaluate(() => window.pickerClicks), [true], 'one click on the file input, with user activation');
  return chooser;
}

test('keyboard only: read access tracking, then load, filter, pick a row and export', async () => {
  const page = await newPage(browser, { acceptDownloads: true });
  const pickers = choosers(page);
  await page.goto(`${server.origin}/#/tracking`);
  await appReady(page);
  /** Press Tab (or Shift+Tab) until the control `testid` has focus. */
  const tabTo = async (testid, { back = false, max = 600 } = {}) => {
    for (let i = 0; i < max; i += 1) {
      if (await page.evaluate((t) => document.activeElement?.dataset.testid === t, testid)) return;
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`${testid} not reached by Tab`);
  };
  const focused = () => page.evaluate(() => ({ id: document.activeElement?.dataset.testid, visible: document.activeElement?.matches(':focus-visible') }));

  // Tracking: the emulator's demo, this run's endpoint, Read status.
  await tabTo('use-emulator');
  await page.keyboard.press('Enter');
  await tabTo('endpoint');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(emu.endpoint);
  await tabTo('tracking-refresh');
  assert.deepEqual(await focused(), { id: 'tracking-refresh', visible: true });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=tracking-status]')?.dataset.status === 'Disabled');
  // The switch, by keyboard too.
  await tabTo('tracking-toggle');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('[data-testid=tracking-status]')?.dataset.status === 'Enabled');
  assert.equal((await emu.state()).buckets['demo-bucket'].status, 'Enabled');

  // Events: the tab, then "Choose files…" opens the file picker.
  await tabTo('tab-events');
  await page.keyboard.press('Enter');
  await page.getByTestId('view-events').waitFor();
  await tabTo('choose-files');
  const chooser = await chooserByEnter(page, pickers);
  await chooser.setFiles(files);
  await loaded(page, 1500);
  await settled(page);

  // Filter: the first value of the region breakdown, by Tab and Enter.
  const region = await page.getByTestId('facet-acsRegion').locator('[data-value]').first().getAttribute('data-value');
  const q = Number(await page.getByTestId('filtered-count').getAttribute('data-query-id'));
  for (let i = 0; i < 600; i += 1) {
    const at = await page.evaluate(() => document.activeElement?.closest('[data-testid=facet-acsRegion]') && document.activeElement.dataset.value);
    if (at === region) break;
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await settled(page, q);
  assert.equal(await page.getByTestId('facet-acsRegion').locator(`[data-value="${region}"]`).getAttribute('aria-pressed'), 'true');

  // A row: focus the grid, move with the arrows, open with Enter.
  await tabTo('event-table');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('[data-testid=event-table] .trow.cursor')?.dataset.pos === '1');
  const active = await page.getByTestId('event-table').getAttribute('aria-activedescendant');
  assert.equal(active, 'event-row-1', 'the cursor row is the grid\'s active descendant');
  const id = await page.locator('#event-row-1').getAttribute('data-event-id');
  await page.keyboard.press('Enter');
  await page.getByTestId('event-detail-json').waitFor();
  assert.equal(await page.getByTestId('event-detail').getAttribute('data-event-id'), id);

  // Export what the filter keeps.
  await tabTo('export-json', { back: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(download.suggestedFilename(), 'actiontrail-events-filtered.json');
  const exported = JSON.parse(await (await import('node:fs')).promises.readFile(await download.path(), 'utf8'));
  assert.equal(exported.length, Number(await page.getByTestId('filtered-count').getAttribute('data-count')));
  assert.ok(exported.every((e) => e.acsRegion === region));
  assert.deepEqual(problems(page), []);
  await page.context().close();
});
