// The page's hardening, in the release build: its Content-Security-Policy, signed requests that
// never follow a redirect, the confirmation before signing for a non-OSS endpoint, and the
// redaction of secrets a server echoes back. HTTPS hosts other than OSS cannot run here, so they
// are answered inside the browser's network stack (Playwright routes); the gateway case forwards
// to the real local emulator.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newPage, appReady, startEmulator, problems, loaded } from './harness.mjs';

const DEMO = {
  id: 'STS.EmulatorDemoKeyId',
  secret: 'EmulatorDemoSecret/NotForProduction+0',
  token: 'CAIS.EmulatorDemoToken+/Q==',
};

let server, browser, emu;
before(async () => { [server, browser, emu] = await Promise.all([serveDist(), launch(), startEmulator()]); });
after(async () => { await browser?.close(); await server?.close(); emu?.close(); });
beforeEach(async () => { await emu.control('reset'); });

async function open(hash = '#/tracking') {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI });
    });
  });
  await page.goto(`${server.origin}/${hash}`);
  await appReady(page);
  return page;
}

async function fill(page, { endpoint, bucket = 'demo-bucket', addressing = 'virtual-hosted', secret = DEMO.secret }) {
  await page.getByTestId('cred-access-key-id').fill(DEMO.id);
  await page.getByTestId('cred-access-key-secret').fill(secret);
  await page.getByTestId('cred-security-token').fill(DEMO.token);
  await page.getByTestId('bucket-name').fill(bucket);
  await page.getByTestId('region').fill('cn-hangzhou');
  await page.getByTestId('endpoint').fill(endpoint);
  await page.getByTestId('addressing-style').selectOption(addressing);
}

async function settle(page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid=tracking-busy]'));
}

/** Every request the browser makes to `host`, answered by `answer(route)`. */
async function fakeHost(page, host, answer) {
  const seen = [];
  await page.route(`https://${host}/**`, async (route) => {
    seen.push({ method: route.request().method(), url: route.request().url(), headers: route.request().headers() });
    await answer(route);
  });
  await page.route(`https://*.${host}/**`, async (route) => {
    seen.push({ method: route.request().method(), url: route.request().url(), headers: route.request().headers() });
    await answer(route);
  });
  return seen;
}

const cors = (origin) => ({
  'access-control-allow-origin': origin,
  'access-control-allow-methods': 'GET, PUT',
  'access-control-allow-headers': 'authorization, content-md5, content-type, x-oss-content-sha256, x-oss-date, x-oss-security-token',
  'access-control-expose-headers': 'x-oss-request-id, x-oss-ec',
});

test('the policy is in force: the app and the worker run under it with no violations, and it blocks what it should', async () => {
  const page = await open('#/events');
  const policy = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  for (const part of ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval' 'sha256-", "worker-src 'self'", "object-src 'none'", "base-uri 'none'", 'connect-src']) {
    assert.ok(policy.includes(part), `${part} in ${policy}`);
  }
  assert.ok(!/script-src[^;]*'unsafe-inline'/.test(policy) && !/script-src[^;]*'unsafe-eval'/.test(policy), policy);
  // The worker starts and loads events under the policy.
  await page.getByTestId('load-sample').click();
  await loaded(page, 100);
  // The tracking view signs and sends to the local emulator.
  await page.getByTestId('tab-tracking').click();
  await page.getByTestId('use-emulator').click();
  await page.getByTestId('endpoint').fill(emu.endpoint);
  await page.getByTestId('tracking-refresh').click();
  await settle(page);
  assert.equal(await page.getByTestId('tracking-status').getAttribute('data-status'), 'Disabled');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  // Plain http to a non-loopback host, an inline script and a plugin are refused.
  const blocked = await page.evaluate(async () => {
    try { await fetch('http://10.255.255.1:9/'); return 'fetched'; } catch { return 'refused'; }
  });
  assert.equal(blocked, 'refused');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
  });
  assert.equal(await page.evaluate(() => window.__inline), undefined);
  const directives = (await page.evaluate(() => window.__violations)).map((v) => v.directive);
  assert.ok(directives.includes('connect-src') && directives.includes('script-src-elem'), directives.join());
  await page.context().close();
});

test('served as scripts/run.sh serves it: the policy is also a header, with frame-ancestors; no page can frame the console', async () => {
  const res = await fetch(`${server.origin}/`);
  const header = res.headers.get('content-security-policy');
  assert.ok(header?.includes("frame-ancestors 'none'"), header);
  assert.ok(header.includes("default-src 'none'") && header.includes("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), header);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  // Nothing outside dist/ is served.
  assert.equal((await fetch(`${server.origin}/..%2Fpackage.json`)).status, 403);
  // The worker's script carries the same policy (a worker takes its policy from its own response).
  const worker = await fetch(`${server.origin}/worker_loader.js`);
  assert.equal(worker.status, 200);
  assert.equal(worker.headers.get('content-security-policy'), header);

  // A page that frames the console gets nothing: Chromium refuses to render it in the frame.
  const context = await browser.newContext();
  const framer = await context.newPage();
  await framer.setContent(`<iframe id="f" src="${server.origin}/#/tracking"></iframe>`);
  await framer.waitForTimeout(500);
  const frame = framer.frames().find((f) => f !== framer.mainFrame());
  const rendered = await frame?.evaluate(() => !!document.querySelector('[data-testid=footer]')).catch(() => false);
  assert.equal(rendered, false, 'the console rendered inside a frame');
  await context.close();
});

test('a non-OSS endpoint asks first, sends nothing until confirmed, and the answer is remembered for the tab', async () => {
  const page = await open();
  // An OSS-compatible gateway at https://oss-gw.example.test, forwarding to the local emulator.
  const seen = await fakeHost(page, 'oss-gw.example.test', async (route) => {
    const url = new URL(route.request().url());
    const bucket = url.hostname.split('.')[0];
    // Path-style to the emulator (Node does not resolve *.localhost); the signature covers the
    // bucket and key, not the host, so it still verifies.
    const target = `http://127.0.0.1:${emu.port}/${bucket}${url.pathname}${url.search}`;
    const response = await route.fetch({ url: target });
    await route.fulfill({ response, headers: { ...response.headers(), ...cors(server.origin) } });
  });
  await fill(page, { endpoint: 'https://oss-gw.example.test' });
  await page.getByTestId('tracking-refresh').click();
  const dialog = page.getByTestId('endpoint-confirm');
  await dialog.waitFor();
  const text = await dialog.innerText();
  assert.match(text, /oss-gw\.example\.test/);
  assert.match(text, /AccessKeyId[\s\S]*STS\.EmulatorDemoKeyId[\s\S]*SecurityToken[\s\S]*replayed against OSS for 15 minutes/);
  assert.equal(seen.length, 0, 'nothing is sent before the user answers');
  // The question has the focus (the keyboard lands on it), and Escape answers no.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'endpoint-confirm-yes');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(seen.length, 0);
  // Cancel: still nothing sent.
  await page.getByTestId('tracking-refresh').click();
  await page.getByTestId('endpoint-confirm-no').click();
  assert.equal(await dialog.count(), 0);
  assert.equal(seen.length, 0);
  // Confirm: the request goes, and works through the gateway.
  await page.getByTestId('tracking-refresh').click();
  await page.getByTestId('endpoint-confirm-yes').click();
  await settle(page);
  assert.equal(await page.getByTestId('tracking-status').getAttribute('data-status'), 'Disabled');
  assert.ok(seen.some((r) => r.method === 'GET' && r.url.includes('?accessmonitor')));
  // Remembered for this endpoint in this tab: no second question.
  await page.getByTestId('tracking-refresh').click();
  await settle(page);
  assert.equal(await dialog.count(), 0);
  // OSS's own domains never ask.
  await page.getByTestId('endpoint').fill('');
  await page.getByTestId('tracking-refresh').click();
  await settle(page);
  assert.equal(await dialog.count(), 0);
  await page.context().close();
});

test('a signed request never follows a redirect: reported as not an OSS answer, nothing reaches the target', async () => {
  const page = await open();
  await fakeHost(page, 'redirect.example.test', async (route) => {
    if (route.request().method() === 'OPTIONS') return route.fulfill({ status: 200, headers: cors(server.origin) });
    return route.fulfill({ status: 302, headers: { ...cors(server.origin), location: 'https://collector.example.test/steal' } });
  });
  const stolen = await fakeHost(page, 'collector.example.test', (route) => route.fulfill({ status: 200, headers: cors(server.origin), body: '<AccessMonitorConfiguration><Status>Enabled</Status></AccessMonitorConfiguration>' }));
  await fill(page, { endpoint: 'https://redirect.example.test' });
  await page.getByTestId('tracking-refresh').click();
  await page.getByTestId('endpoint-confirm-yes').click();
  await settle(page);
  assert.equal(await page.getByTestId('last-error-code').innerText(), 'NotOss');
  assert.match(await page.getByTestId('last-error-advice').innerText(), /never follows a redirect/);
  assert.equal(stolen.length, 0, 'the token went nowhere else');
  assert.equal(await page.getByTestId('tracking-status').getAttribute('data-status'), '');
  await page.context().close();
});

test('secrets a server echoes back never appear in the page, the console or a copied log', async () => {
  const page = await open();
  const echo = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code>`
    + `<Message>token ${DEMO.token} secret ${DEMO.secret} (encoded ${encodeURIComponent(DEMO.token)})</Message>`
    + `<RequestId>ECHO0000000000000000000A</RequestId><HostId>h</HostId>`
    + `<CanonicalRequest>GET\n/demo-bucket/\naccessmonitor\nx-oss-security-token:${DEMO.token}\n</CanonicalRequest>`
    + `<StringToSign>OSS4-HMAC-SHA256\n${DEMO.secret}</StringToSign></Error>`;
  await fakeHost(page, 'echo.example.test', (route) => route.request().method() === 'OPTIONS'
    ? route.fulfill({ status: 200, headers: cors(server.origin) })
    : route.fulfill({ status: 403, headers: { ...cors(server.origin), 'content-type': 'application/xml', 'x-oss-request-id': 'ECHO0000000000000000000A' }, body: echo }));
  await fill(page, { endpoint: 'https://echo.example.test' });
  await page.getByTestId('tracking-refresh').click();
  await page.getByTestId('endpoint-confirm-yes').click();
  await settle(page);
  assert.equal(await page.getByTestId('last-error-code').innerText(), 'SignatureDoesNotMatch');
  await page.locator('[data-testid=request-log-entry] details').first().evaluate((d) => { d.open = true; });
  // Everything in the document, shown or not, including attributes and form values but the
  // credential inputs themselves.
  const html = await page.evaluate(() => {
    const skip = new Set(['cred-access-key-secret', 'cred-security-token']);
    const values = [...document.querySelectorAll('input, textarea')].filter((i) => !skip.has(i.dataset.testid)).map((i) => i.value);
    return document.documentElement.outerHTML + values.join('\n');
  });
  for (const s of [DEMO.token, DEMO.secret, encodeURIComponent(DEMO.token), encodeURIComponent(DEMO.secret)]) {
    assert.ok(!html.includes(s), `${s} shown`);
    assert.ok(!page.consoleMessages.some((m) => m.text.includes(s)), `${s} logged`);
  }
  assert.match(html, /redacted/);
  assert.deepEqual(problems(page).filter((p) => !/status of 403/.test(p)), []);
  await page.context().close();
});
