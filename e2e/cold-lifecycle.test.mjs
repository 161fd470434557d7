// Cold data and lifecycle rules, in the release build, against the emulator's demo-cold bucket:
// a scan checked against the emulator's own objects (exact on a small prefix, within its margin on
// the whole bucket), Cancel keeping what was read; a new access-time rule written with every
// other rule kept byte for byte; a change from another tab between review and write (nothing
// written); rules refused before any request and by OSS; tracking enabled from the editor;
// English and 中文, axe.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newPage, appReady, startEmulator, axeViolations } from './harness.mjs';

let server, browser, emu;
before(async () => { [server, browser, emu] = await Promise.all([serveDist(), launch(), startEmulator()]); });
after(async () => { await browser?.close(); await server?.close(); emu?.close(); });
beforeEach(async () => { await emu.control('reset'); });

const DAY = 86_400_000;
const SMALL = 64 * 1024;

/** The tracking view on demo-cold (its status read unless `read` is false), in the emulator. */
async function open(options = {}, read = true) {
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 }, ...options });
  await page.goto(`${server.origin}/#/tracking`);
  await appReady(page);
  await page.getByTestId('use-emulator').click();
  await page.getByTestId('endpoint').fill(emu.endpoint);
  await page.getByTestId('bucket-name').fill('demo-cold');
  if (read) {
    await page.getByTestId('tracking-refresh').click();
    await page.locator('[data-testid=tracking-status][data-status=Enabled]').waitFor();
  }
  return page;
}

const objectsOf = async (prefix) => (await emu.control('objects', { bucket: 'demo-cold', prefix }, 'GET')).objects;
const lifecycleXml = async () => (await emu.state()).buckets['demo-cold'].lifecycleXml;
const rulesOf = (xml) => xml.match(/<Rule>[\s\S]*?<\/Rule>/g) ?? [];

/** Standard bytes (objects ≥ 64 KB unless small files count) not read for `days` days at `now`. */
function coldBytes(objects, days, now, smallToo = false) {
  return objects
    .filter((o) => o.storageClass === 'Standard' && (smallToo || o.size >= SMALL))
    .filter((o) => o.lastAccessMs !== null && Math.floor((now - o.lastAccessMs) / DAY) >= days)
    .reduce((a, o) => a + o.size, 0);
}

async function scan(page, prefix, days) {
  await page.getByTestId('cold-prefix').fill(prefix);
  await page.getByTestId('cold-days').fill(String(days));
  await page.getByTestId('cold-scan').click();
  const report = page.locator('[data-testid=cold-report][data-done=true]');
  await report.waitFor({ timeout: 60000 });
  return report;
}

const attrs = (loc) => loc.evaluate((el) => ({ ...el.dataset }));

test('a scan of a small prefix is exact and matches the bucket; the whole bucket is estimated within its margin', async () => {
  const page = await open();
  const logs = await objectsOf('data/logs/');
  assert.ok(logs.length > 300 && logs.length < 2000, `${logs.length} objects under data/logs/`);
  const before = Date.now();
  let report = await scan(page, 'data/logs/', 90);
  const after = Date.now();
  let a = await attrs(report);
  assert.equal(a.exact, 'true');
  assert.equal(Number(a.objects), logs.length);
  assert.equal(Number(a.sampled), logs.length);
  assert.equal(Number(a.bytes), logs.reduce((s, o) => s + o.size, 0));
  // Cold only grows with time: the figure lies between the truth at the start and at the end.
  const cold = Number(a.coldBytes);
  assert.ok(cold >= coldBytes(logs, 90, before) && cold <= coldBytes(logs, 90, after), `${cold}`);
  assert.ok(cold > 0);
  assert.equal(a.coldMargin, '0');
  // The age table counts every object once; the class table matches the listing exactly.
  const ages = await page.locator('[data-testid=cold-ages] tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.objects)));
  assert.equal(ages.length, 6);
  assert.equal(ages.reduce((s, n) => s + n, 0), logs.length);
  assert.equal(ages[5], logs.filter((o) => o.lastAccessMs === null).length, 'no access time');
  const classes = await page.locator('[data-testid=cold-classes] tbody tr').evaluateAll((trs) => Object.fromEntries(trs.map((tr) => [tr.dataset.class, Number(tr.dataset.objects)])));
  assert.equal(classes.Standard, logs.filter((o) => o.storageClass === 'Standard').length);
  assert.match(await page.getByTestId('cold-headline').innerText(), /^A rule at 90 days would move [\d.,]+ [KMG]?i?B of the/);
  // Counting small files too moves more, at once (no new scan).
  await page.getByTestId('cold-small-files').check();
  const withSmall = coldBytes(logs, 90, Date.now(), true);
  assert.ok(withSmall > coldBytes(logs, 90, Date.now()), 'the prefix has small cold files');
  assert.ok(Number(await report.getAttribute('data-cold-bytes')) > cold);

  // The whole bucket: more objects than the sample, estimated, the truth within the margin.
  const all = await objectsOf('');
  report = await scan(page, '', 30);
  a = await attrs(report);
  assert.equal(a.exact, 'false');
  assert.equal(Number(a.objects), all.length);
  assert.equal(Number(a.sampled), 2000);
  const truth = coldBytes(all, 30, Date.now(), true);
  const [est, margin] = [Number(a.coldBytes), Number(a.coldMargin)];
  assert.ok(margin > 0 && margin < truth / 2, `margin ${margin} of ${truth}`);
  assert.ok(Math.abs(est - truth) <= margin, `estimate ${est} ± ${margin}, truth ${truth}`);
  assert.match(await page.getByTestId('cold-headline').innerText(), /about .* \(± /);
  // Another bucket typed in the form: the report stays labelled with the bucket scanned, and
  // no rule is offered from it (the editor writes to the bucket in the form).
  assert.equal(await page.getByTestId('cold-make-rule').count(), 1);
  await page.getByTestId('bucket-name').fill('demo-bucket');
  assert.equal(await page.getByTestId('cold-make-rule').count(), 0);
  assert.match(await page.getByTestId('cold-scope').innerText(), /^oss:\/\/demo-cold\/: 3,000 objects/);
  await page.context().close();
});

test('Cancel stops the reads and keeps what was read; nothing is written by a scan', async () => {
  // A scan needs no status read first.
  const page = await open({}, false);
  const xml = await lifecycleXml();
  // Each object read takes a while, so Cancel lands part way.
  await emu.control('faults', { delay_ms: 150, path_contains: 'demo-cold/data/', count: 100000 });
  await page.getByTestId('cold-prefix').fill('');
  await page.getByTestId('cold-scan').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=cold-report]')?.dataset.sampled) >= 12, null, { timeout: 30000 });
  await page.getByTestId('cold-cancel').click();
  const report = page.locator('[data-testid=cold-report][data-done=true]');
  await report.waitFor({ timeout: 10000 });
  const a = await attrs(report);
  assert.equal(Number(a.objects), 3000);
  assert.ok(Number(a.sampled) >= 12 && Number(a.sampled) < 2000, `${a.sampled} read`);
  assert.equal(a.exact, 'false');
  await page.getByTestId('cold-cancelled').waitFor();
  assert.equal(await page.locator('[data-testid=cold-ages] tbody tr').count(), 6);
  assert.equal(await page.getByTestId('cold-cancel').count(), 0);
  await emu.control('faults', {});
  assert.equal(await lifecycleXml(), xml);
  // A scan writes nothing: every object request it made was a read.
  const methods = new Set((await emu.control('requests', { bucket: 'demo-cold' }, 'GET')).requests.map((r) => r.method));
  assert.ok(methods.has('HEAD'), [...methods].join(','));
  assert.deepEqual([...methods].filter((m) => m !== 'GET' && m !== 'HEAD'), []);
  await page.context().close();
});

/** Open the editor and wait for the configuration. */
async function edit(page) {
  await page.getByTestId('lc-edit').click();
  await page.locator('[data-testid=lc-editor][data-stage=editing]').waitFor();
}

/** A new rule in the form, kept in the draft unless `keep` is false (Review takes it then). */
async function newRule(page, { id, prefix, days, cls = 'IA', back = false, small = false, keep = true }) {
  await page.getByTestId('lc-new-rule').click();
  await page.getByTestId('lc-rule-id').fill(id);
  await page.getByTestId('lc-prefix').fill(prefix);
  await page.getByTestId('lc-days').fill(String(days));
  await page.getByTestId('lc-storage-class').selectOption(cls);
  if (back) await page.getByTestId('lc-return-to-standard').check();
  if (small) await page.getByTestId('lc-allow-small-file').check();
  if (keep) await page.getByTestId('lc-save-rule').click();
}

test('a new access-time rule is reviewed, confirmed and written with every other rule kept as it was', async () => {
  // Straight to the editor, the status not read yet: opening it reads the status too.
  const page = await open({}, false);
  const original = await lifecycleXml();
  const kept = rulesOf(original);
  assert.equal(kept.length, 3);
  await edit(page);
  await page.locator('[data-testid=tracking-status][data-status=Enabled]').waitFor();
  const listed = await page.locator('[data-testid=lc-rules] > li').evaluateAll((lis) => lis.map((li) => [li.dataset.ruleId, li.dataset.editable]));
  assert.deepEqual(listed, [['logs to IA after 30 days unread', 'true'], ['reports, except held', 'false'], ['old versions', 'false']]);
  await newRule(page, { id: 'media cold', prefix: 'data/media/', days: 90, cls: 'Archive', small: true, keep: false });
  // Back to Standard when read is for IA only: not offered for Archive.
  assert.equal(await page.getByTestId('lc-return-to-standard').isDisabled(), true);
  // Reviewed straight from the form.
  await page.getByTestId('lc-review').click();
  const diff = page.getByTestId('lc-diff');
  assert.deepEqual(await attrs(diff), { testid: 'lc-diff', rulesBefore: '3', rulesAfter: '4', rulesUnchanged: '3' });
  assert.deepEqual(await diff.locator('li').evaluateAll((lis) => lis.map((li) => li.dataset.change)), ['unchanged', 'unchanged', 'unchanged', 'added']);
  assert.equal(await lifecycleXml(), original, 'nothing written before the go-ahead');
  await page.getByTestId('lc-apply').click();
  await page.getByTestId('lc-confirm').click();
  const result = page.getByTestId('lc-result');
  await result.waitFor({ timeout: 15000 });
  assert.deepEqual([await result.getAttribute('data-ok'), await result.getAttribute('data-reason')], ['true', 'ok']);
  const now = await lifecycleXml();
  const rules = rulesOf(now);
  assert.equal(rules.length, 4);
  for (const r of kept) assert.ok(now.includes(r), `kept byte for byte: ${r}`);
  assert.match(rules[3], /<ID>media cold<\/ID><Prefix>data\/media\/<\/Prefix><Status>Enabled<\/Status><Transition><Days>90<\/Days><StorageClass>Archive<\/StorageClass><IsAccessTime>true<\/IsAccessTime><ReturnToStdWhenVisit>false<\/ReturnToStdWhenVisit><AllowSmallFile>true<\/AllowSmallFile><\/Transition>/);
  assert.doesNotMatch(now, /AtimeBase/);
  // The request log has the re-read, the PUT with its body, and the read-back.
  const ops = await page.getByTestId('request-log-entry').evaluateAll((lis) => lis.map((li) => li.dataset.operation));
  assert.ok(ops.includes('PutBucketLifecycle'), ops.join(','));
  const put = page.locator('[data-testid=request-log-entry][data-operation=PutBucketLifecycle]');
  assert.match(await put.getByTestId('log-body').textContent(), /FutureElement mode="strict"[\s\S]*media cold/);
  // Closed, the rules card shows the four rules read again.
  await page.getByTestId('lc-close').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=lifecycle-rules] > li').length === 4);
  await page.context().close();
});

test('a change made in another tab between review and write: nothing is written and the new rules are shown', async () => {
  const page = await open();
  await edit(page);
  await newRule(page, { id: 'media to IA', prefix: 'data/media/', days: 60, back: true });
  await page.getByTestId('lc-review').click();
  await page.getByTestId('lc-apply').click();
  // Another tab disables the logs rule and writes it.
  const other = await open();
  await edit(other);
  await other.locator('[data-testid=lc-rules] > li[data-rule-id="logs to IA after 30 days unread"] [data-testid=lc-toggle-rule]').click();
  await other.getByTestId('lc-review').click();
  assert.equal(await other.getByTestId('lc-diff').getAttribute('data-rules-unchanged'), '2');
  await other.getByTestId('lc-apply').click();
  await other.getByTestId('lc-confirm').click();
  await other.locator('[data-testid=lc-result][data-ok=true]').waitFor({ timeout: 15000 });
  const theirs = await lifecycleXml();
  assert.match(theirs, /<ID>logs to IA after 30 days unread<\/ID><Prefix>data\/logs\/<\/Prefix><Status>Disabled<\/Status>/);
  // The first tab goes ahead: refused, nothing written, their configuration shown.
  await page.getByTestId('lc-confirm').click();
  const result = page.locator('[data-testid=lc-result][data-ok=false]');
  await result.waitFor({ timeout: 15000 });
  assert.equal(await result.getAttribute('data-reason'), 'changed');
  assert.equal(await lifecycleXml(), theirs);
  assert.doesNotMatch(theirs, /media to IA/);
  assert.equal(await page.locator('[data-testid=lc-rules] > li').count(), 3);
  assert.match(await page.locator('[data-testid=lc-rules] > li[data-rule-id="logs to IA after 30 days unread"]').innerText(), / · disabled · /);
  // Another bucket typed in the form: the editor (opened on demo-cold) closes.
  await page.getByTestId('bucket-name').fill('demo-bucket');
  await page.getByTestId('lc-editor').waitFor({ state: 'detached' });
  await other.context().close();
  await page.context().close();
});

test('rules refused before any request, refused by OSS, and tracking enabled from the editor', async () => {
  const page = await open();
  const original = await lifecycleXml();
  await edit(page);
  // Overlapping the logs rule's prefix with the same action: refused here, nothing sent.
  await newRule(page, { id: 'old logs', prefix: 'data/logs/old/', days: 200, cls: 'ColdArchive' });
  await page.getByTestId('lc-review').click();
  let result = page.getByTestId('lc-result');
  assert.deepEqual([await result.getAttribute('data-ok'), await result.getAttribute('data-reason')], ['false', 'invalid']);
  assert.match(await result.innerText(), /Rules logs to IA after 30 days unread and old logs act the same way on overlapping prefixes/);
  assert.equal(await page.getByTestId('lc-diff').count(), 0);
  // The same ID twice is refused in the form.
  await page.getByTestId('lc-new-rule').click();
  await page.getByTestId('lc-rule-id').fill('old logs');
  await page.getByTestId('lc-save-rule').click();
  assert.match(await page.getByTestId('lc-form-problem').innerText(), /Another rule is called old logs/);
  await page.getByTestId('lc-drop-form').click();
  await page.locator('[data-testid=lc-rules] > li[data-rule-id="old logs"] [data-testid=lc-delete-rule]').click();
  assert.equal(await lifecycleXml(), original);

  // Tracking turned off behind the page's back: the page still believes it on; OSS refuses.
  await emu.control('bucket', { name: 'demo-cold', status: 'Disabled' });
  await newRule(page, { id: 'media', prefix: 'data/media/', days: 45 });
  await page.getByTestId('lc-review').click();
  await page.getByTestId('lc-apply').click();
  await page.getByTestId('lc-confirm').click();
  result = page.locator('[data-testid=lc-result][data-ok=false]');
  await result.waitFor({ timeout: 15000 });
  assert.equal(await result.getAttribute('data-reason'), 'InvalidArgument');
  assert.match(await result.innerText(), /InvalidArgument|access tracking/);
  assert.equal(await lifecycleXml(), original, 'nothing written');

  // Read again, the status is Disabled: the editor says so and offers to enable tracking.
  await page.getByTestId('tracking-refresh').click();
  await page.locator('[data-testid=tracking-status][data-status=Disabled]').waitFor();
  await page.getByTestId('lc-review').click();
  result = page.getByTestId('lc-result');
  assert.equal(await result.getAttribute('data-reason'), 'invalid');
  await page.getByTestId('lc-enable-tracking').click();
  await page.locator('[data-testid=tracking-status][data-status=Enabled]').waitFor();
  await page.getByTestId('lc-review').click();
  await page.getByTestId('lc-apply').click();
  await page.getByTestId('lc-confirm').click();
  await page.locator('[data-testid=lc-result][data-ok=true]').waitFor({ timeout: 15000 });
  assert.match(await lifecycleXml(), /<ID>media<\/ID>/);
  await page.context().close();
});

test('in Chinese: the scan, a rule from it, the change; no axe findings', async () => {
  const page = await open({ locale: 'zh-CN' });
  await scan(page, 'data/media/', 60);
  assert.match(await page.getByTestId('cold-headline').innerText(), /^60 天的规则会转换标准存储/);
  assert.deepEqual(await axeViolations(page), []);
  // "Write a rule for this prefix": the editor opens with the prefix and days.
  await page.getByTestId('cold-make-rule').click();
  await page.locator('[data-testid=lc-editor][data-stage=editing]').waitFor();
  assert.equal(await page.getByTestId('lc-prefix').inputValue(), 'data/media/');
  assert.equal(await page.getByTestId('lc-days').inputValue(), '60');
  await page.getByTestId('lc-save-rule').click();
  await page.getByTestId('lc-review').click();
  assert.match(await page.getByTestId('lc-diff').innerText(), /变更：当前 3 条规则，变更后 4 条，其中 3 条不变。/);
  await page.getByTestId('lc-apply').click();
  assert.match(await page.locator('.lc-confirm').innerText(), /PutBucketLifecycle 会用这 4 条规则替换 demo-cold/);
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});
