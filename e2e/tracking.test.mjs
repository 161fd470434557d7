// Access tracking against the local OSS emulator, in the release build, in headless Chromium.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serveDist, launch, newPage, appReady, appInPlace, startEmulator, problems, ROOT } from './harness.mjs';

const DEMO = {
  id: 'STS.EmulatorDemoKeyId',
  secret: 'EmulatorDemoSecret/NotForProduction+0',
  token: 'CAIS.EmulatorDemoToken+/Q==',
  bucket: 'demo-bucket',
  region: 'cn-hangzhou',
};

let server, browser, emu;
before(async () => {
  [server, browser, emu] = await Promise.all([serveDist(), launch(), startEmulator()]);
});
after(async () => { await browser?.close(); await server?.close(); emu?.close(); });
beforeEach(async () => { await emu.control('reset'); });

async function open(options) {
  const page = await newPage(browser, options);
  await page.goto(`${server.origin}/#/tracking`);
  // These tests check what each action does at once, so the app itself, not the first screen
  // (which holds a press until the app is there: e2e/first-load.test.mjs).
  await appInPlace(page);
  await page.getByTestId('cred-access-key-id').waitFor();
  return page;
}

async function fill(page, f) {
  if (f.id !== undefined) await page.getByTestId('cred-access-key-id').fill(f.id);
  if (f.secret !== undefined) await page.getByTestId('cred-access-key-secret').fill(f.secret);
  if (f.token !== undefined) await page.getByTestId('cred-security-token').fill(f.token);
  if (f.bucket !== undefined) await page.getByTestId('bucket-name').fill(f.bucket);
  if (f.region !== undefined) await page.getByTestId('region').fill(f.region);
  if (f.endpoint !== undefined) await page.getByTestId('endpoint').fill(f.endpoint);
  if (f.addressing !== undefined) await page.getByTestId('addressing-style').selectOption(f.addressing);
}

const demoForm = (extra = {}) => ({ ...DEMO, endpoint: emu.endpoint, addressing: 'virtual-hosted', ...extra });

/** Click `testid` and wait until its calls are logged and nothing is in flight. */
async function act(page, testid) {
  const before = await page.getByTestId('request-log-entry').count();
  await page.getByTestId(testid).click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=request-log-entry]').length > n
      && !document.querySelector('[data-testid=tracking-busy]'),
    before,
    { timeout: 15000 },
  );
}

/** The status as read from OSS (`Enabled`, `Disabled`, or '' before a read), whatever the language. */
const status = (page) => page.getByTestId('tracking-status').getAttribute('data-status');
/** The log entries of the access-monitor calls (a read also reads the lifecycle rules). */
const amEntries = (page) => page.locator('[data-testid=request-log-entry][data-operation$=AccessMonitor]');
const errorCode = (page) => page.getByTestId('last-error-code').innerText();

test('"Use the local emulator" fills the form; read, enable and disable change the emulator', async () => {
  const page = await open();
  await page.getByTestId('use-emulator').click();
  assert.equal(await page.getByTestId('cred-access-key-id').inputValue(), DEMO.id);
  assert.equal(await page.getByTestId('endpoint').inputValue(), 'http://localhost:9000');
  assert.equal(await page.getByTestId('bucket-name').inputValue(), DEMO.bucket);
  assert.equal(await status(page), '');
  assert.equal(await page.getByTestId('tracking-toggle').isDisabled(), true, 'no switching before a read');
  await fill(page, { endpoint: emu.endpoint }); // this run's emulator port

  await act(page, 'tracking-refresh');
  assert.equal(await status(page), 'Disabled');
  assert.equal(await page.getByTestId('tracking-toggle').getAttribute('aria-checked'), 'false');
  assert.match(await page.getByTestId('last-request-id').innerText(), /^[0-9A-F]{24}$/);

  await act(page, 'tracking-toggle');
  assert.equal(await status(page), 'Enabled');
  assert.equal(await page.getByTestId('tracking-toggle').getAttribute('aria-checked'), 'true');
  assert.equal((await emu.state()).buckets[DEMO.bucket].status, 'Enabled');
  // PUT then a confirming GET, newest first.
  const entries = amEntries(page);
  assert.equal(await entries.count(), 3);
  // Each read and switch also read the lifecycle rules: none here.
  assert.ok(await page.locator('[data-testid=request-log-entry][data-operation=GetBucketLifecycle]').count() >= 1);
  await page.getByTestId('lifecycle-none').waitFor();
  // Each entry starts with when it was sent (UTC), then the call.
  const today = new Date().toISOString().slice(0, 10);
  assert.match(await entries.nth(0).innerText(), new RegExp(`^${today} \\d\\d:\\d\\d:\\d\\d UTC GET http://demo-bucket\\.localhost:\\d+/\\?accessmonitor → 200`));
  assert.match(await entries.nth(1).innerText(), /^\S+ \S+ UTC PUT http:\/\/demo-bucket\.localhost:\d+\/\?accessmonitor → 200/);

  await act(page, 'tracking-toggle');
  assert.equal(await status(page), 'Disabled');
  assert.equal((await emu.state()).buckets[DEMO.bucket].status, 'Disabled');
  // The log can be emptied.
  await page.getByTestId('request-log-clear').click();
  assert.equal(await page.getByTestId('request-log-entry').count(), 0);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('path-style addressing reaches the same bucket', async () => {
  await emu.control('bucket', { name: DEMO.bucket, status: 'Enabled' });
  const page = await open();
  await fill(page, demoForm({ endpoint: `http://127.0.0.1:${emu.port}`, addressing: 'path-style' }));
  await act(page, 'tracking-refresh');
  assert.equal(await status(page), 'Enabled');
  assert.match(await amEntries(page).first().innerText(), /127\.0\.0\.1:\d+\/demo-bucket\/\?accessmonitor/);
  await page.context().close();
});

const PASTES = {
  'STS AssumeRole response': JSON.stringify({
    RequestId: 'X', AssumedRoleUser: { Arn: 'acs:ram::1:role/r/s', AssumedRoleId: '1' },
    Credentials: { AccessKeyId: DEMO.id, AccessKeySecret: DEMO.secret, SecurityToken: DEMO.token, Expiration: '2099-01-01T00:00:00Z' },
  }, null, 2),
  'Credentials object': JSON.stringify({ AccessKeyId: DEMO.id, AccessKeySecret: DEMO.secret, SecurityToken: DEMO.token, Expiration: '2099-01-01T00:00:00Z' }),
  'OSS_* lines': `export OSS_ACCESS_KEY_ID=${DEMO.id}\nexport OSS_ACCESS_KEY_SECRET="${DEMO.secret}"\nexport OSS_SESSION_TOKEN=${DEMO.token}\n`,
  'ALIBABA_CLOUD_* lines': `ALIBABA_CLOUD_ACCESS_KEY_ID=${DEMO.id}\r\nALIBABA_CLOUD_ACCESS_KEY_SECRET=${DEMO.secret}\r\nALIBABA_CLOUD_SECURITY_TOKEN=${DEMO.token}`,
};

test('each paste format fills the credentials and works against the emulator', async () => {
  const page = await open();
  await fill(page, { bucket: DEMO.bucket, region: DEMO.region, endpoint: emu.endpoint });
  for (const [name, text] of Object.entries(PASTES)) {
    await page.getByTestId('cred-clear').click();
    assert.equal(await page.getByTestId('cred-access-key-id').inputValue(), '');
    await page.getByTestId('view-tracking').locator('details.paste').evaluate((d) => { d.open = true; });
    await page.getByTestId('cred-paste').fill(text);
    await page.getByTestId('cred-paste-apply').click();
    await page.getByTestId('cred-paste-result').waitFor();
    assert.equal(await page.getByTestId('cred-access-key-id').inputValue(), DEMO.id, name);
    assert.equal(await page.getByTestId('cred-access-key-secret').inputValue(), DEMO.secret, name);
    assert.equal(await page.getByTestId('cred-security-token').inputValue(), DEMO.token, name);
    assert.equal(await page.getByTestId('cred-paste').inputValue(), '', 'the paste box is emptied');
    const said = await page.getByTestId('cred-paste-result').innerText();
    if (name.startsWith('STS') || name.startsWith('Credentials')) {
      assert.ok(Number(await page.getByTestId('cred-expiry').getAttribute('data-expires-in')) > 0, 'not expired yet');
      // What was filled, as facts: where from, which key, until when.
      assert.equal(said, 'Filled from AssumeRole JSON: STS.Emula…, expires 2099-01-01 00:00 UTC.');
    } else {
      assert.equal(said, 'Filled from environment lines: STS.Emula….');
    }
    await act(page, 'tracking-refresh');
    assert.equal(await status(page), 'Disabled', name);
  }
  // A paste that is not credentials says why (the section is collapsed once keys are filled).
  await page.getByTestId('view-tracking').locator('details.paste summary').click();
  await page.getByTestId('cred-paste').fill('{"hello": "world"}');
  await page.getByTestId('cred-paste-apply').click();
  assert.match(await page.getByTestId('cred-paste-result').innerText(), /no AccessKeyId/);
  // Long-expired credentials say so in words, not as a countdown of thousands of hours.
  await page.getByTestId('view-tracking').locator('details.paste').evaluate((d) => { d.open = true; });
  const old = { AccessKeyId: DEMO.id, AccessKeySecret: DEMO.secret, SecurityToken: DEMO.token, Expiration: '2023-01-01T00:00:00Z' };
  await page.getByTestId('cred-paste').fill(JSON.stringify(old));
  await page.getByTestId('cred-paste-apply').click();
  assert.match(await page.getByTestId('cred-expiry').innerText(), /^Expired \d+ years ago/);
  await page.context().close();
});

test('secrets are masked until shown', async () => {
  const page = await open();
  await fill(page, { secret: DEMO.secret });
  assert.equal(await page.getByTestId('cred-access-key-secret').getAttribute('type'), 'password');
  assert.equal(await page.getByTestId('cred-security-token').getAttribute('type'), 'password');
  await page.getByTestId('cred-access-key-secret-visibility').click();
  assert.equal(await page.getByTestId('cred-access-key-secret').getAttribute('type'), 'text');
  await page.getByTestId('cred-access-key-secret-visibility').click();
  assert.equal(await page.getByTestId('cred-access-key-secret').getAttribute('type'), 'password');
  await page.context().close();
});

test('wrong secret: SignatureDoesNotMatch with our strings beside the server\'s', async () => {
  const page = await open();
  await fill(page, demoForm({ secret: 'wrong-secret-value' }));
  await act(page, 'tracking-refresh');
  assert.equal(await errorCode(page), 'SignatureDoesNotMatch');
  assert.equal(await status(page), '');
  const cmp = page.getByTestId('signature-comparison');
  await cmp.waitFor();
  // Same request, only the secret differs: every line matches, and the hint says so.
  assert.equal(await page.getByTestId('compare-canonical').getAttribute('data-differing'), '0');
  assert.match(await page.getByTestId('compare-canonical').locator('h4').innerText(), /0 line\(s\) differ/);
  assert.match(await cmp.innerText(), /the secret is wrong/);
  // The comparison leads with its conclusion; the headline does not say the code twice.
  const conclusion = page.getByTestId('signature-conclusion');
  assert.equal(await conclusion.getAttribute('data-conclusion'), 'secret');
  assert.match(await conclusion.innerText(), /the AccessKeySecret is wrong/);
  const headline = await page.locator('#last-error-title').innerText();
  assert.equal(headline.split('SignatureDoesNotMatch').length, 2, headline);
  // The token appears in the canonical request only redacted.
  assert.doesNotMatch(await cmp.innerText(), /EmulatorDemoToken/);
  assert.match(await cmp.innerText(), /x-oss-security-token:<redacted \d+ chars>/);
  assert.equal(await page.getByTestId('request-log-entry').first().getAttribute('data-error-code'), 'SignatureDoesNotMatch');
  await page.context().close();
});

test('a wrong region shows which lines differ', async () => {
  const page = await open();
  await fill(page, demoForm({ region: 'cn-beijing' }));
  await act(page, 'tracking-refresh');
  assert.equal(await errorCode(page), 'SignatureDoesNotMatch');
  const sts = page.getByTestId('compare-string-to-sign');
  assert.equal(await sts.getAttribute('data-differing'), '1');
  assert.match(await sts.locator('h4').innerText(), /1 line\(s\) differ/);
  assert.match(await sts.locator('tr[data-differs=true]').innerText(), /cn-beijing[\s\S]*cn-hangzhou/);
  assert.match(await page.getByTestId('last-error-advice').innerText(), /region/);
  assert.equal(await page.getByTestId('signature-conclusion').getAttribute('data-conclusion'), 'lines');
  assert.match(await page.getByTestId('signature-conclusion').innerText(), /\d+ line\(s\) differ/);
  await page.context().close();
});

test('expired and unknown keys get their messages', async () => {
  const page = await open();
  await fill(page, demoForm({ id: 'STS.EmulatorExpiredKeyId' }));
  await act(page, 'tracking-refresh');
  assert.equal(await errorCode(page), 'InvalidAccessKeyId');
  assert.match(await page.getByTestId('last-error-advice').innerText(), /expire.*get new ones with AssumeRole/s);
  assert.match(await page.getByTestId('last-error').innerText(), /EC 0002-00000007/);

  await fill(page, { id: 'STS.SomebodyElse' });
  await act(page, 'tracking-refresh');
  assert.equal(await errorCode(page), 'InvalidAccessKeyId');

  await fill(page, { id: DEMO.id, token: 'CAIS.NotTheToken' });
  await act(page, 'tracking-refresh');
  assert.equal(await errorCode(page), 'InvalidSecurityToken');
  await page.context().close();
});

test('a disallowed origin explains CORS and offers the exact rule', async () => {
  await emu.control('cors', { origins: 'https://console.example.com' });
  const page = await open();
  await fill(page, demoForm());
  await act(page, 'tracking-refresh');
  assert.equal(await errorCode(page), 'NoResponse');
  const advice = await page.getByTestId('last-error-advice').innerText();
  assert.match(advice, /CORS rules do not allow this page's origin/);
  assert.match(advice, /cannot be reached/);
  const rule = await page.getByTestId('cors-rule').innerText();
  assert.match(rule, new RegExp(`<AllowedOrigin>${server.origin.replace(/\./g, '\\.')}</AllowedOrigin>`));
  assert.match(rule, /<AllowedMethod>PUT<\/AllowedMethod>/);
  assert.match(rule, /<AllowedHeader>x-oss-security-token<\/AllowedHeader>/);
  assert.match(rule, /<ExposeHeader>x-oss-request-id<\/ExposeHeader>/);
  await page.getByTestId('copy-cors-rule').click();
  await page.locator('[data-testid=copy-cors-rule][data-copied=done]').waitFor();
  assert.equal(await page.getByTestId('request-log-entry').first().getAttribute('data-status'), '');

  // With the rule in place, the same page works.
  await emu.control('cors', { origins: server.origin });
  await act(page, 'tracking-refresh');
  assert.equal(await status(page), 'Disabled');
  await page.context().close();
});

test('a dropped connection is a network error, not a hang', async () => {
  const page = await open();
  await fill(page, demoForm());
  // Two: Chrome silently retries once when a reused connection closes without an answer.
  await emu.control('faults', { drop: '1', count: '2' });
  await act(page, 'tracking-refresh');
  assert.equal(await errorCode(page), 'NoResponse');
  await emu.control('faults', { status: '503', count: '1' });
  await act(page, 'tracking-refresh');
  assert.equal(await errorCode(page), 'InternalError');
  assert.match(await page.getByTestId('last-error-advice').innerText(), /temporary/);
  await act(page, 'tracking-refresh');
  assert.equal(await status(page), 'Disabled');
  await page.context().close();
});

test('lifecycle-locked bucket: disabling fails with the lifecycle explanation', async () => {
  const page = await open();
  await fill(page, demoForm({ bucket: 'demo-locked' }));
  await act(page, 'tracking-refresh');
  assert.equal(await status(page), 'Enabled');
  await act(page, 'tracking-toggle');
  assert.equal(await errorCode(page), 'AccessMonitorDisableNotAllowed');
  assert.match(await page.getByTestId('last-error-advice').innerText(), /lifecycle\s+rules based on last access time/);
  assert.equal(await status(page), 'Enabled');
  assert.equal((await emu.state()).buckets['demo-locked'].status, 'Enabled');
  await page.context().close();
});

test('a skewed clock is corrected from ServerTime and retried once', async () => {
  await emu.control('clock', { offset_ms: String(2 * 3600 * 1000) });
  const page = await open();
  await fill(page, demoForm());
  await act(page, 'tracking-refresh');
  assert.equal(await status(page), 'Disabled');
  const entries = amEntries(page);
  assert.equal(await entries.count(), 2);
  assert.equal(await entries.nth(1).getAttribute('data-error-code'), 'RequestTimeTooSkewed');
  assert.match(await entries.nth(1).getByTestId('log-note').innerText(), /corrected and retried once/);
  assert.equal(await entries.nth(0).getAttribute('data-status'), '200');
  // The correction sticks: the next switch needs no retry (PUT + GET).
  await act(page, 'tracking-toggle');
  assert.equal(await status(page), 'Enabled');
  assert.equal(await entries.count(), 4);
  await page.context().close();
});

test('no double submit while a switch is in flight', async () => {
  const page = await open();
  await fill(page, demoForm());
  await act(page, 'tracking-refresh');
  await emu.control('faults', { delay_ms: '600', count: '0' });
  // Two clicks in one task: the second lands before the page re-renders and disables the button
  // (a disabled button swallows clicks, so clicking it then would test the browser, not the app).
  await page.evaluate(() => {
    const toggle = document.querySelector('[data-testid=tracking-toggle]');
    toggle.click();
    toggle.click();
  });
  await page.getByTestId('tracking-busy').waitFor();
  assert.equal(await page.getByTestId('tracking-toggle').isDisabled(), true);
  assert.equal(await page.getByTestId('tracking-refresh').isDisabled(), true);
  // And Read status, pressed the same way during the switch, sends nothing either.
  await page.evaluate(() => document.querySelector('[data-testid=tracking-refresh]').click());
  await page.waitForFunction(() => !document.querySelector('[data-testid=tracking-busy]'), null, { timeout: 15000 });
  await emu.control('faults', {});
  const puts = await page.locator('[data-testid=request-log-entry][data-method=PUT]').count();
  assert.equal(puts, 1);
  assert.equal(await status(page), 'Enabled');
  await page.context().close();
});

test('empty fields are named all at once, marked, and not called a failed request; each leaves as it is filled', async () => {
  const page = await open();
  await page.getByTestId('tracking-refresh').click();
  const missing = page.getByTestId('missing-fields');
  await missing.waitFor();
  assert.equal(await missing.getAttribute('data-fields'), 'AccessKeyId,AccessKeySecret,SecurityToken,Bucket');
  assert.match(await missing.innerText(), /^Fill in AccessKeyId; AccessKeySecret; SecurityToken; Bucket name first: nothing was sent\.$/);
  for (const id of ['cred-access-key-id', 'cred-access-key-secret', 'cred-security-token', 'bucket-name']) {
    assert.equal(await page.getByTestId(id).getAttribute('aria-invalid'), 'true', id);
  }
  assert.equal(await page.getByTestId('last-error').count(), 0);
  assert.equal(await page.getByTestId('request-log-entry').count(), 0);
  await fill(page, { bucket: DEMO.bucket });
  await page.waitForFunction(() => document.querySelector('[data-testid=missing-fields]')?.dataset.fields === 'AccessKeyId,AccessKeySecret,SecurityToken');
  assert.equal(await page.getByTestId('bucket-name').getAttribute('aria-invalid'), 'false');
  await fill(page, { id: DEMO.id, secret: DEMO.secret, token: DEMO.token });
  await missing.waitFor({ state: 'detached' });
  await page.context().close();
});

test('form errors are explained before anything is sent', async () => {
  const page = await open();
  await fill(page, demoForm({ bucket: 'Bad_Bucket' }));
  await page.getByTestId('tracking-refresh').click();
  await page.getByTestId('last-error').waitFor();
  assert.equal(await errorCode(page), 'InvalidInput');
  assert.match(await page.getByTestId('last-error-advice').innerText(), /lowercase letters, digits and hyphens/);
  await fill(page, { bucket: DEMO.bucket, endpoint: 'http://oss-cn-hangzhou.aliyuncs.com' });
  await page.getByTestId('tracking-refresh').click();
  await page.waitForFunction(() => /https/.test(document.querySelector('[data-testid=last-error-advice]')?.textContent ?? ''));
  assert.equal(await page.getByTestId('request-log-entry').count(), 0);
  // The error panel is about the form as it was: changing the form takes it away.
  await fill(page, { endpoint: 'https://oss-cn-beijing.aliyuncs.com' });
  await page.getByTestId('last-error').waitFor({ state: 'detached' });
  // An OSS endpoint of another region is flagged as it is typed; the flag goes when they agree.
  const flag = page.getByTestId('endpoint-region-mismatch');
  assert.equal(await flag.getAttribute('data-region'), 'cn-beijing');
  assert.match(await flag.innerText(), /cn-beijing.*cn-hangzhou/);
  await fill(page, { region: 'cn-beijing' });
  await flag.waitFor({ state: 'detached' });
  await page.context().close();
});

test('secrets stay out of storage, the URL and the console unless "remember" is ticked', async () => {
  const page = await open();
  await fill(page, demoForm());
  await act(page, 'tracking-refresh');
  await act(page, 'tracking-toggle');
  const leaks = async () => page.evaluate(([secret, token]) => {
    const dump = (s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`).join('\n');
    const where = { localStorage: dump(localStorage), sessionStorage: dump(sessionStorage), url: location.href, html: document.documentElement.outerHTML };
    return Object.entries(where).filter(([, v]) => v.includes(secret) || v.includes(token)).map(([k]) => k);
  }, [DEMO.secret, DEMO.token]);
  // The inputs hold the values as properties, not attributes, so the HTML does not contain them.
  assert.deepEqual(await leaks(), []);
  const consoleText = page.consoleMessages.map((m) => m.text).join('\n');
  assert.ok(!consoleText.includes(DEMO.secret) && !consoleText.includes(DEMO.token), 'console is clean');

  // Opt in: kept for this tab (sessionStorage), never localStorage; survives a reload.
  await page.getByTestId('cred-remember').check();
  await page.waitForFunction(() => sessionStorage.length > 0);
  assert.deepEqual(await leaks(), ['sessionStorage']);
  await page.reload();
  await appReady(page);
  assert.equal(await page.getByTestId('cred-access-key-secret').inputValue(), DEMO.secret);
  assert.equal(await page.getByTestId('cred-remember').isChecked(), true);
  await page.getByTestId('cred-remember').uncheck();
  await page.waitForFunction(() => sessionStorage.length === 0);
  assert.deepEqual(await leaks(), []);
  // Clear empties the fields.
  await page.getByTestId('cred-clear').click();
  assert.equal(await page.getByTestId('cred-access-key-secret').inputValue(), '');
  await page.context().close();
});
