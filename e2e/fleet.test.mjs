// Many buckets, in the release build, against the emulator's fleet: a read across its buckets
// (every problem named, the wrong region followed), an enable-all planned, confirmed, read back
// and idempotent, expired credentials stopping the run, the script for the unreachable, the
// buckets of the loaded events; English and 中文, axe.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, newPage, appReady, startEmulator, loaded, axeViolations, problems, ROOT } from './harness.mjs';

let server, browser, emu;
before(async () => { [server, browser, emu] = await Promise.all([serveDist(), launch(), startEmulator()]); });
after(async () => { await browser?.close(); await server?.close(); emu?.close(); });
beforeEach(async () => { await emu.control('reset'); });

const FLEET = [...Array.from({ length: 20 }, (_, i) => `fleet-${String(i + 1).padStart(2, '0')}`), 'fleet-sh-01', 'fleet-sh-02', 'fleet-denied', 'fleet-nocors'];

/** The page with the emulator's demo credentials and endpoint in the tracking view, on the fleet view. */
async function open(options = {}) {
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 }, ...options });
  await page.goto(`${server.origin}/#/tracking`);
  await appReady(page);
  await page.getByTestId('use-emulator').click();
  await page.getByTestId('endpoint').fill(emu.endpoint);
  await page.getByTestId('fleet-tab').click();
  return page;
}

async function paste(page, lines) {
  await page.getByTestId('fleet-input').fill(lines.join('\n'));
  await page.getByTestId('fleet-add').click();
}

async function finished(page) {
  await page.locator('[data-testid=fleet-progress][data-done=true]').waitFor({ timeout: 30000 });
}

const rowsOf = (page) => page.getByTestId('fleet-row').evaluateAll((trs) => Object.fromEntries(trs.map((tr) => [tr.dataset.bucket, {
  region: tr.dataset.region, status: tr.dataset.status, problem: tr.dataset.problem, switched: tr.dataset.switched,
}])));

test('a read across the emulator\'s buckets names each one\'s status and problem, following the wrong region once', async () => {
  const page = await open();
  await paste(page, [...FLEET, 'oss://no-such-bucket-x/some/prefix', 'Not_A_Bucket', 'fleet-01']);
  assert.equal(await page.getByTestId('fleet-bad-lines').getAttribute('data-count'), '1');
  assert.equal(await page.getByTestId('fleet-row').count(), FLEET.length + 1);
  await page.getByTestId('fleet-read').click();
  await finished(page);
  const rows = await rowsOf(page);
  for (let i = 1; i <= 20; i += 1) {
    const name = `fleet-${String(i).padStart(2, '0')}`;
    assert.deepEqual(rows[name], { region: 'cn-hangzhou', status: i % 3 === 0 || i === 7 || i === 14 ? 'Enabled' : 'Disabled', problem: '', switched: 'false' }, name);
  }
  // Asked in cn-hangzhou, OSS named cn-shanghai's endpoint: asked there, once.
  assert.deepEqual(rows['fleet-sh-01'], { region: 'cn-shanghai', status: 'Disabled', problem: '', switched: 'false' });
  assert.equal(rows['fleet-sh-02'].status, 'Enabled');
  assert.equal(await page.locator('[data-testid=fleet-row][data-bucket=fleet-sh-01] [data-testid=fleet-moved]').count(), 1);
  assert.equal(rows['fleet-denied'].problem, 'denied');
  assert.equal(rows['fleet-nocors'].problem, 'cors');
  assert.equal(rows['fleet-nocors'].status, 'unknown');
  assert.equal(rows['no-such-bucket-x'].problem, 'missing');
  // The unreachable bucket gets its script; the others are not in it.
  const script = await page.getByTestId('fleet-script').innerText();
  assert.match(script, /ossutil api get-bucket-access-monitor --bucket fleet-nocors --region cn-hangzhou/);
  assert.doesNotMatch(script, /fleet-01|EmulatorDemoSecret|EmulatorDemoToken/);
  assert.match(await page.getByTestId('fleet-cors-script').innerText(), /put-bucket-cors --bucket fleet-nocors/);
  // Filter and sort: problems only.
  await page.getByTestId('fleet-show').selectOption('problems');
  assert.deepEqual((await page.getByTestId('fleet-row').evaluateAll((trs) => trs.map((t) => t.dataset.bucket))).sort(), ['fleet-denied', 'fleet-nocors', 'no-such-bucket-x']);
  // CSV export of what is shown.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('fleet-export').click()]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.equal(csv.trim().split('\n').length, 4);
  assert.match(csv, /"fleet-nocors","cn-hangzhou","unknown","","cors"/);
  assert.deepEqual(problems(page).filter((p) => !/CORS|Failed to fetch|net::ERR_FAILED|status of 40[34]/.test(p)), []);
  await page.context().close();
});

test('enable on all shown: a plan, confirmed, switched with every switch read back; again changes nothing', async () => {
  const page = await open();
  await paste(page, FLEET);
  await page.getByTestId('fleet-read').click();
  await finished(page);
  const before = await rowsOf(page);
  const disabled = Object.entries(before).filter(([, r]) => r.status === 'Disabled' && !r.problem).map(([b]) => b);
  const enabled = Object.entries(before).filter(([, r]) => r.status === 'Enabled').map(([b]) => b);
  await page.getByTestId('fleet-enable-all').click();
  const plan = page.getByTestId('fleet-plan');
  assert.deepEqual(
    [await plan.getAttribute('data-change'), await plan.getAttribute('data-same'), await plan.getAttribute('data-blocked')].map(Number),
    [disabled.length, enabled.length, 2],
  );
  assert.deepEqual(await axeViolations(page), []);
  await page.getByTestId('fleet-confirm').click();
  await finished(page);
  const after = await rowsOf(page);
  for (const b of disabled) assert.deepEqual([after[b].status, after[b].switched], ['Enabled', 'true'], b);
  // What the emulator holds now.
  const state = await emu.state();
  for (const b of disabled) assert.equal(state.buckets[b].status, 'Enabled', b);
  assert.equal(state.buckets['fleet-denied'].status, 'Disabled');
  // Again: every reachable bucket is already enabled, nothing is sent.
  await page.getByTestId('fleet-enable-all').click();
  assert.equal(await plan.getAttribute('data-change'), '0');
  assert.ok(await page.getByTestId('fleet-confirm').isDisabled());
  // Disable on all: the two locked by an access-time rule cannot be.
  await page.getByTestId('fleet-disable-all').click();
  const blocked = await page.getByTestId('fleet-plan').getAttribute('data-blocked');
  assert.equal(Number(blocked), 4, 'fleet-07, fleet-14, fleet-denied, fleet-nocors');
  await page.context().close();
});

test('expired credentials stop the run once; the buckets of the loaded events come with their last switch', async () => {
  const page = await open();
  await page.getByTestId('tab-tracking').click();
  await page.getByTestId('cred-access-key-id').fill('STS.EmulatorExpiredKeyId');
  await page.getByTestId('fleet-tab').click();
  await paste(page, FLEET);
  await page.getByTestId('fleet-read').click();
  await finished(page);
  assert.equal(await page.getByTestId('fleet-stopped').count(), 1);
  assert.match(await page.getByTestId('fleet-stopped').innerText(), /InvalidAccessKeyId/);
  const asked = Object.values(await rowsOf(page)).filter((r) => r.problem).length;
  assert.ok(asked <= 6, `${asked} buckets were asked after the first refusal`);

  // Buckets from the loaded events.
  const file = path.join(ROOT, 'e2e', 'out', 'fleet-events.json');
  const ev = (id, t, name, bucket, region, user) => ({ eventId: id, eventTime: t, eventName: name, acsRegion: region, userIdentity: { type: 'ram-user', userName: user }, referencedResources: { 'ACS::OSS::Bucket': [bucket] } });
  fs.writeFileSync(file, JSON.stringify([
    ev('F1', '2025-11-01T01:00:00Z', 'GetObject', 'events-only-bucket', 'cn-beijing', 'bob'),
    ev('F2', '2025-11-02T01:00:00Z', 'PutBucketAccessMonitor', 'fleet-02', 'cn-hangzhou', 'alice'),
  ]));
  await page.getByTestId('tab-events').click();
  await page.getByTestId('file-input').setInputFiles([file]);
  await loaded(page, 2);
  await page.getByTestId('fleet-tab').click();
  await page.getByTestId('fleet-from-events').click();
  const rows = await rowsOf(page);
  assert.equal(rows['events-only-bucket'].region, 'cn-beijing');
  assert.match(await page.locator('[data-testid=fleet-row][data-bucket=fleet-02]').innerText(), /alice, 2025-11-02 01:00:00 UTC/);
  await page.context().close();
});

test('in Chinese, with no axe findings', async () => {
  const page = await open({ locale: 'zh-CN' });
  assert.equal(await page.getByTestId('fleet-tab').innerText(), '批量存储空间');
  await paste(page, ['fleet-01', 'fleet-nocors', 'Not_A_Bucket']);
  await page.getByTestId('fleet-read').click();
  await finished(page);
  assert.match(await page.getByTestId('fleet-progress').innerText(), /读取：2 个中已完成 2 个，失败 1 个/);
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});
