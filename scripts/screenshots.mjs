// The README's screenshots (docs/*.png), taken from the release build (dist/) against the local
// emulator and generated data. Not a test: run it after a visible change and commit the pictures.
//   trunk build --release && cargo build -p oss-emulator && cargo build -p console-core --bin trail-gen --release
//   node scripts/screenshots.mjs
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, newPage, appReady, startEmulator, generate, loaded, settled, act, ROOT } from '../e2e/harness.mjs';

const DOCS = path.join(ROOT, 'docs');
fs.mkdirSync(DOCS, { recursive: true });
const [server, browser, emu] = await Promise.all([serveDist(), launch(), startEmulator()]);
try {
  // Access tracking: the emulator's demo bucket read, switched on, one request's signing shown.
  const tracking = await newPage(browser);
  await tracking.goto(`${server.origin}/#/tracking`);
  await appReady(tracking);
  await tracking.getByTestId('use-emulator').click();
  await tracking.getByTestId('endpoint').fill(emu.endpoint);
  const entries = () => tracking.getByTestId('request-log-entry').count();
  const settle = async (testid) => {
    const before = await entries();
    await tracking.getByTestId(testid).click();
    await tracking.waitForFunction((n) => document.querySelectorAll('[data-testid=request-log-entry]').length > n
      && !document.querySelector('[data-testid=tracking-busy]'), before);
  };
  await settle('tracking-refresh');
  await settle('tracking-toggle');
  await tracking.locator('[data-testid=request-log-entry] details').first().evaluate((d) => { d.open = true; });
  await tracking.screenshot({ path: path.join(DOCS, 'screenshot-tracking.png'), fullPage: true });

  // Many buckets: the emulator's fleet read, then the plan to enable tracking on all of them.
  await tracking.getByTestId('fleet-tab').click();
  const fleet = [...Array.from({ length: 20 }, (_, i) => `fleet-${String(i + 1).padStart(2, '0')}`), 'fleet-sh-01', 'fleet-sh-02', 'fleet-denied', 'fleet-nocors'];
  await tracking.getByTestId('fleet-input').fill(fleet.join('\n'));
  await tracking.getByTestId('fleet-add').click();
  await tracking.getByTestId('fleet-read').click();
  await tracking.locator('[data-testid=fleet-progress][data-done=true]').waitFor();
  await tracking.getByTestId('fleet-enable-all').click();
  await tracking.setViewportSize({ width: 1280, height: 1300 });
  await tracking.screenshot({ path: path.join(DOCS, 'screenshot-fleet.png'), fullPage: false });
  await tracking.context().close();

  // The explorer: two generated files, AccessDenied excluded, an event's details open.
  const files = [
    await generate('x1.ndjson', { events: 5000, format: 'ndjson', seed: 61, days: 5 }),
    await generate('x2.json.gz', { events: 1500, format: 'array', seed: 62, days: 5, gzip: true }),
  ];
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 } });
  await page.goto(`${server.origin}/#/events`);
  await appReady(page);
  await page.getByTestId('file-input').setInputFiles(files);
  await loaded(page, 6500);
  await settled(page);
  const denied = page.getByTestId('facet-errorCode').locator('[data-value="AccessDenied"]');
  if ((await denied.count()) === 0) await page.getByTestId('facet-more-errorCode').click();
  await act(page, () => denied.first().click({ modifiers: ['Alt'] }));
  await page.getByTestId('event-table').locator('[data-event-id]').nth(4).click();
  await page.getByTestId('event-detail-json').waitFor();
  await page.setViewportSize({ width: 1400, height: 1500 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(DOCS, 'screenshot-explorer.png'), fullPage: false });
  await page.context().close();

  // Insights: a generated week with a burst of deletes and a spike of calls put in.
  const start = Date.parse('2025-11-01T00:00:00Z');
  const ev = (id, t, name, user) => ({
    eventId: id, eventTime: new Date(t).toISOString().replace('.000Z', 'Z'), eventName: name, eventRW: name.startsWith('Delete') ? 'Write' : 'Read',
    acsRegion: 'cn-hangzhou', sourceIpAddress: '203.0.113.66', userIdentity: { type: 'ram-user', userName: user },
    referencedResources: { 'ACS::OSS::Bucket': ['prod-logs'] },
  });
  const odd = [
    ...Array.from({ length: 150 }, (_, k) => ev(`burst-${k}`, start + 4 * 86_400_000 + 33_420_000 + k * 2000, 'DeleteObject', 'eve')),
    ...Array.from({ length: 400 }, (_, k) => ev(`spike-${k}`, start + 5 * 86_400_000 + 50_460_000 + k * 6000, 'ListObjects', 'mallory')),
  ];
  const oddFile = path.join(ROOT, 'e2e', 'out', 'screenshot-odd.json');
  fs.writeFileSync(oddFile, JSON.stringify(odd));
  const week = await generate('x3.ndjson', { events: 20000, format: 'ndjson', seed: 63, days: 7 });
  const ins = await newPage(browser, { viewport: { width: 1400, height: 1000 } });
  await ins.goto(`${server.origin}/#/events`);
  await appReady(ins);
  await ins.getByTestId('file-input').setInputFiles([week, oddFile]);
  await loaded(ins, 20550);
  await ins.getByTestId('insights-tab').click();
  await ins.locator('[data-testid=insights][data-done=true]').waitFor();
  await ins.screenshot({ path: path.join(DOCS, 'screenshot-insights.png'), fullPage: false });
  console.log(`wrote ${path.join(DOCS, 'screenshot-tracking.png')}, screenshot-fleet.png, screenshot-explorer.png and screenshot-insights.png`);
} finally {
  await browser.close();
  await server.close();
  emu.close();
}
