// The first screen: #/tracking is drawn by a small wasm of its own first, and the app is fetched
// at the first sign of use, then takes its place with what was typed and pressed meanwhile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newPage, problems, appReady, startEmulator, appArrived } from './harness.mjs';

let server, browser, emu;
before(async () => { server = await serveDist(); browser = await launch(); emu = await startEmulator(); });
after(async () => { await browser?.close(); await server?.close(); emu?.close(); });

/** Which of the page's wasm files were fetched so far. */
function wasmSeen(page) {
  const seen = new Set();
  page.on('request', (r) => {
    const file = new URL(r.url()).pathname.slice(1);
    if (file.endsWith('.wasm')) seen.add(file.startsWith('oss-console') ? 'app' : file.replace(/_bg\.wasm$/, ''));
  });
  return seen;
}

/** Hold the app's wasm until `release()` is called, so the first screen stays up meanwhile. */
async function holdApp(page) {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/\/oss-console-[^/]*\.wasm$/, async (route) => { await held; await route.continue(); });
  return release;
}

/** A fresh page at #/tracking on its first screen, the app held back until `release()`. */
async function heldPage(init) {
  const page = await newPage(browser);
  if (init) await page.addInitScript(init);
  const release = await holdApp(page);
  await page.goto(`${server.origin}/#/tracking`);
  await appReady(page);
  return { page, release };
}

/** The emulator's demo credentials, typed into the first screen's form (the token unless `token` is false). */
async function typeCredentials(page, { token = true } = {}) {
  await page.getByTestId('cred-access-key-id').fill('STS.EmulatorDemoKeyId');
  await page.getByTestId('cred-access-key-secret').fill('EmulatorDemoSecret/NotForProduction+0');
  if (token) await page.getByTestId('cred-security-token').fill('CAIS.EmulatorDemoToken+/Q==');
}


test('the first visit draws the first screen and fetches the app only when the page is used', async () => {
  const page = await newPage(browser);
  const seen = wasmSeen(page);
  await page.goto(`${server.origin}/`);
  await appReady(page);
  await page.getByTestId('cred-access-key-id').waitFor();
  // The address says which view this is, as the app writes it.
  assert.equal(new URL(page.url()).hash, '#/tracking');
  await page.waitForTimeout(500);
  assert.deepEqual([...seen].sort(), ['first'], 'only the first screen is fetched before any use');
  assert.equal(await page.locator('#first-screen').count(), 1);

  // Typed key by key while the app loads and takes over: nothing typed is lost, and the field
  // keeps the focus, the caret where it was.
  const id = 'STS.NTypedWhileTheAppLoads1234567';
  await page.getByTestId('cred-access-key-id').click();
  await page.keyboard.type(id, { delay: 15 });
  await appArrived(page);
  assert.ok(seen.has('app'), 'the app was fetched once the page was used');
  assert.equal(await page.getByTestId('cred-access-key-id').inputValue(), id);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'cred-access-key-id');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('typing goes on across the hand-over: half on the first screen, half in the app', async () => {
  const { page, release } = await heldPage();
  await page.getByTestId('bucket-name').click();
  await page.keyboard.type('first-half', { delay: 10 });
  // The caret moved back into the text: it stays there across the hand-over.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  release();
  await appArrived(page);
  await page.keyboard.type('-x-', { delay: 10 });
  assert.equal(await page.getByTestId('bucket-name').inputValue(), 'first-ha-x-lf');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'bucket-name');
  // The first screen is stopped: nothing of it is left on the page.
  assert.equal(await page.locator('#first-screen').count(), 0);
  assert.equal(await page.getByTestId('bucket-name').count(), 1);
  assert.equal(await page.getByTestId('footer').count(), 1, 'one page, not two');
  // The loader's hold on focus() is gone.
  assert.ok(await page.evaluate(() => HTMLElement.prototype.focus.toString().includes('[native code]')));
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('what is typed and pressed before the app arrives happens in the app', async () => {
  const { page, release } = await heldPage();
  // The form, filled in on the first screen (the app is held back meanwhile), the addressing
  // style chosen in its list.
  await typeCredentials(page);
  await page.getByTestId('bucket-name').fill('demo-bucket');
  await page.getByTestId('endpoint').fill(`http://127.0.0.1:${emu.port}`);
  await page.getByTestId('addressing-style').selectOption('path-style');
  // Pressed while the app is still on its way: held, then pressed in the app.
  await page.getByTestId('tracking-refresh').click();
  assert.equal(await page.locator('#first-screen').getAttribute('aria-busy'), 'true');
  assert.equal(await page.locator('#first-screen').count(), 1, 'the first screen stays until the app is there');
  release();
  await appArrived(page);
  // The app read the bucket's status with what was typed and chosen.
  await page.waitForFunction(() => document.querySelector('[data-testid=tracking-status]')?.dataset.status, null, { timeout: 15000 });
  const status = await page.getByTestId('tracking-status').getAttribute('data-status');
  assert.ok(['Enabled', 'Disabled'].includes(status), status);
  const first = page.locator('[data-testid=request-log-entry][data-operation$=AccessMonitor]').first();
  assert.match(await first.innerText(), /127\.0\.0\.1:\d+\/demo-bucket\/\?accessmonitor → 200/);
  assert.equal(await page.getByTestId('bucket-name').inputValue(), 'demo-bucket');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('where the app moves the focus for a press replayed in it, the focus goes', async () => {
  const { page, release } = await heldPage();
  await typeCredentials(page);
  await page.getByTestId('bucket-name').fill('demo-bucket');
  // Not OSS's own: the app asks first, and its question takes the focus.
  await page.getByTestId('endpoint').fill('https://oss-gw.example.test');
  await page.getByTestId('tracking-refresh').click();
  release();
  await appArrived(page);
  await page.getByTestId('endpoint-confirm').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'endpoint-confirm-yes');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('what the app says while it takes over is said on the page', async () => {
  // What is put into the live region while it is in the document (what a screen reader hears).
  const { page, release } = await heldPage(() => {
    window.heard = [];
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.target.dataset?.testid === 'announcer') for (const n of r.addedNodes) window.heard.push(n.textContent);
      }
    }).observe(document, { subtree: true, childList: true });
  });
  // Read with nothing filled in: the app says what is missing.
  await page.getByTestId('tracking-refresh').click();
  release();
  await appArrived(page);
  await page.getByTestId('missing-fields').waitFor();
  const missing = await page.getByTestId('missing-fields').innerText();
  await page.waitForFunction((text) => window.heard.includes(text), missing, { timeout: 10000 }).catch(async (e) => {
    const seen = await page.evaluate(() => ({ heard: window.heard, now: document.querySelector('[data-testid=announcer]')?.outerHTML }));
    assert.fail(`${e.message}\nmissing: ${JSON.stringify(missing)}\nheard: ${JSON.stringify(seen)}`);
  });
  // Once, not again.
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate((text) => window.heard.filter((t) => t === text).length, missing), 1);
  await page.context().close();
});

test('a form sent from the first screen (Enter in a field) is sent in the app', async () => {
  await emu.control('reset');
  const { page, release } = await heldPage();
  await page.getByTestId('use-emulator').click();
  await page.getByTestId('endpoint').fill(emu.endpoint);
  await page.getByTestId('bucket-name').fill('demo-cold');
  await page.getByTestId('cold-prefix').fill('data/logs/');
  await page.getByTestId('cold-prefix').press('Enter');
  release();
  await appArrived(page);
  const report = page.locator('[data-testid=cold-report][data-done=true]');
  await report.waitFor({ timeout: 30000 });
  const objects = (await emu.control('objects', { bucket: 'demo-cold', prefix: 'data/logs/' }, 'GET')).objects;
  assert.equal(Number(await report.getAttribute('data-objects')), objects.length);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('a box ticks on the first screen at once and is ticked in the app', async () => {
  const { page, release } = await heldPage();
  await typeCredentials(page, { token: false });
  await page.getByTestId('cred-remember').check();
  // The first screen keeps nothing: remembering is the app's to do.
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  release();
  await appArrived(page);
  await page.waitForFunction(() => sessionStorage.length > 0);
  assert.equal(await page.getByTestId('cred-remember').isChecked(), true);
  assert.equal(await page.getByTestId('cred-access-key-id').inputValue(), 'STS.EmulatorDemoKeyId');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('a language switch pressed on the first screen switches the app', async () => {
  const { page, release } = await heldPage();
  const before = await page.getByTestId('tab-tracking').innerText();
  await page.getByTestId('lang-switch').click();
  release();
  await appArrived(page);
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.notEqual(await page.getByTestId('tab-tracking').innerText(), before);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('a press under way when the app arrives ends on the first screen and is not lost', async () => {
  const { page, release } = await heldPage();
  const box = await page.getByTestId('lang-switch').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  release();
  // The app has arrived; the page does not change under a button held down.
  await page.waitForFunction(() => window.ossAppRoot?.querySelector('[data-testid=footer]'));
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#first-screen').count(), 1);
  await page.mouse.up();
  await appArrived(page);
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('another view in the address starts the app at once, without the first screen', async () => {
  const page = await newPage(browser);
  const seen = wasmSeen(page);
  await page.goto(`${server.origin}/#/events`);
  await appReady(page);
  await page.getByTestId('view-events').waitFor();
  assert.ok(seen.has('app'));
  assert.ok(!seen.has('first'), [...seen].join());
  assert.equal(await page.locator('#first-screen').count(), 0);
  // A link to a bucket's tracking view, too (the app reads it at once).
  await page.goto(`${server.origin}/#/tracking?bucket=demo-bucket&region=cn-hangzhou`);
  await appReady(page);
  await page.waitForFunction(() => document.querySelector('[data-testid=bucket-name]')?.value === 'demo-bucket');
  assert.ok(!seen.has('first'), [...seen].join());
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('a first screen that cannot start leaves the page to the app', async () => {
  const page = await newPage(browser);
  await page.route(/\/first_bg\.wasm(\?|$)/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${server.origin}/#/tracking`);
  await appReady(page);
  await page.getByTestId('use-emulator').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=cred-access-key-id]')?.value === 'STS.EmulatorDemoKeyId');
  assert.equal(await page.locator('#first-screen').count(), 0);
  assert.equal(await page.getByTestId('footer').count(), 1);
  await page.context().close();
});

test('an app that cannot load says so on the first screen', async () => {
  const page = await newPage(browser);
  await page.route(/\/oss-console-[^/]*\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${server.origin}/#/tracking`);
  await appReady(page);
  await page.getByTestId('cred-access-key-id').click();
  const note = page.getByTestId('app-load-failed');
  await note.waitFor();
  assert.match(await note.innerText(), /could not load.*reload/);
  assert.equal(await note.getAttribute('role'), 'alert');
  await page.context().close();
});
