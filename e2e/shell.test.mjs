// The app shell in the release build: loads cleanly, tabs and hash routes, theme, fallback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newPage, problems, appReady } from './harness.mjs';

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('release build loads with no console errors and shows the shell', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.origin}/`);
  await appReady(page);
  assert.equal(await page.locator('h1').innerText(), 'OSS Console');
  assert.match(await page.getByTestId('footer').innerText(), /v\d+\.\d+\.\d+/);
  // An empty hash lands on a real view, written into the URL.
  await page.getByTestId('view-tracking').waitFor();
  assert.equal(new URL(page.url()).hash, '#/tracking');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('tabs and the URL hash switch views, and back/forward follow', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.origin}/#/events`);
  await appReady(page);
  await page.getByTestId('view-events').waitFor();
  assert.equal(await page.getByTestId('tab-events').getAttribute('aria-selected'), 'true');

  await page.getByTestId('tab-tracking').click();
  await page.getByTestId('view-tracking').waitFor();
  assert.equal(new URL(page.url()).hash, '#/tracking');
  assert.equal(await page.getByTestId('tab-tracking').getAttribute('aria-selected'), 'true');

  await page.evaluate(() => { location.hash = '#/events'; });
  await page.getByTestId('view-events').waitFor();

  await page.goBack();
  await page.getByTestId('view-tracking').waitFor();
  await page.goForward();
  await page.getByTestId('view-events').waitFor();
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('an unknown hash falls back to a view instead of a blank page', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.origin}/#/no-such-view`);
  await appReady(page);
  await page.getByTestId('view-tracking').waitFor();
  assert.equal(new URL(page.url()).hash, '#/tracking');
  await page.evaluate(() => { location.hash = '#garbage%%'; });
  await page.getByTestId('view-tracking').waitFor();
  assert.equal(new URL(page.url()).hash, '#/tracking');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('dark mode follows the system and the toggle overrides it, remembered across reloads', async () => {
  const page = await newPage(browser, { colorScheme: 'dark' });
  await page.goto(`${server.origin}/`);
  await appReady(page);
  const systemDark = await background(page);
  assert.equal(await page.getByTestId('theme-toggle').getAttribute('aria-pressed'), 'true');

  await page.getByTestId('theme-toggle').click();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  const light = await background(page);
  assert.notEqual(light, systemDark, 'toggling must change the page colours');

  await page.reload();
  await appReady(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  assert.equal(await background(page), light);

  await page.getByTestId('theme-toggle').click();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.equal(await background(page), systemDark);
  await page.context().close();

  const lightPage = await newPage(browser, { colorScheme: 'light' });
  await lightPage.goto(`${server.origin}/`);
  await appReady(lightPage);
  assert.notEqual(await background(lightPage), systemDark, 'a light system gets the light theme');
  assert.equal(await lightPage.getByTestId('theme-toggle').getAttribute('aria-pressed'), 'false');
  await lightPage.context().close();
});

test('the page and every worker start without console warnings, a restarted worker too', async () => {
  const page = await newPage(browser);
  // Every message of the page and of each worker it starts, by where it came from.
  const seen = [];
  const record = (from) => (m) => seen.push({ from, type: m.type(), text: m.text() });
  let workers = 0;
  page.on('worker', (w) => { workers += 1; w.on('console', record(`worker ${workers}`)); });
  page.on('console', record('page'));
  await page.goto(`${server.origin}/?test-hooks#/events`);
  await appReady(page);
  await page.getByTestId('load-sample').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=event-count]')?.dataset.count) > 0);
  // A worker that dies is replaced: the new one starts as cleanly (the dying one's panic is its own).
  await page.getByTestId('test-crash-worker').click();
  await page.locator('[data-testid=explorer-notice][data-notice=restarted]').waitFor({ timeout: 60000 });
  assert.ok(workers >= 2, `${workers} workers started`);
  const noisy = seen.filter((m) => (m.type === 'warning' || m.type === 'error') && m.from !== 'worker 1'
    && !(m.from === 'page' && /worker|panicked|crash/i.test(m.text)));
  assert.deepEqual(noisy, []);
  assert.deepEqual(seen.filter((m) => m.from === 'page' && m.type === 'warning'), []);
  await page.context().close();
});
