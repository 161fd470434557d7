// Past one tab: the explorer's filter as a Log Service query, a link into the SLS console, and
// LookupEvents attributes. The expected query is written here by hand from SLS's documented
// syntax, for values that need quoting (double quotes, a backslash, a colon, spaces, 中文).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newPage, appReady, problems, loaded, settled, act, countOf } from './harness.mjs';

let server, browser;
before(async () => { [server, browser] = await Promise.all([serveDist(), launch()]); });
after(async () => { await browser?.close(); await server?.close(); });

const OPS = 'ops "night" 值班';
const EVENTS = [
  { eventId: 'b1', eventTime: '2024-05-01T08:00:00Z', eventName: 'PutBucketAcl', eventRW: 'Write', eventType: 'ApiCall', acsRegion: 'cn-hangzhou',
    sourceIpAddress: '198.51.100.7', errorCode: 'AccessDenied', userIdentity: { type: 'ram-user', userName: OPS } },
  { eventId: 'b2', eventTime: '2024-05-01T09:00:00Z', eventName: 'GetBucketInfo', eventRW: 'Read', eventType: 'ConsoleOperation', acsRegion: 'cn-hangzhou',
    sourceIpAddress: '203.0.113.9', userIdentity: { type: 'ram-user', userName: 'alice' } },
  { eventId: 'b3', eventTime: '2024-05-01T10:00:00Z', eventName: 'DeleteBucket', eventRW: 'Write', eventType: 'ApiCall', acsRegion: 'cn-beijing',
    sourceIpAddress: '203.0.113.9', errorCode: 'NoSuchBucket', userIdentity: { type: 'ram-user', userName: OPS } },
];

/** Load the events above through the paste box. */
async function openWithEvents(options = {}) {
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 }, ...options });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await page.goto(`${server.origin}/#/events`);
  await appReady(page);
  await page.getByTestId('drop-zone').locator('details.paste summary').click();
  await page.getByTestId('paste-events').fill(JSON.stringify(EVENTS));
  await page.getByTestId('paste-load').click();
  await loaded(page, EVENTS.length);
  await settled(page);
  return page;
}

/** A filter set through the UI: the identity with quotes and 中文, an IP excluded, a search, errors only. */
async function setFilter(page) {
  await act(page, () => page.getByTestId('facet-userName').locator(`[data-value='${OPS}']`).click());
  await act(page, () => page.getByTestId('facet-sourceIpAddress').locator('[data-exclude="203.0.113.9"]').click());
  await act(page, () => page.getByTestId('search-input').fill('acl:write \\ "x"'));
  await act(page, () => page.getByTestId('preset-errors').click());
}

// Written by hand: the identity is userName or principalId (the explorer's fallback), values are
// double-quoted with `"` and `\` escaped, the search text is one quoted full-text term, the excluded
// IP is a trailing `not`, and errors only is the SQL statement after the search.
const EXPECTED_QUERY = '("event.userIdentity.userName":"ops \\"night\\" 值班" or "event.userIdentity.principalId":"ops \\"night\\" 值班")'
  + ' and "acl:write \\\\ \\"x\\"" not "event.sourceIpAddress":"203.0.113.9"'
  + ' | select * where "event.errorCode" is not null and "event.errorCode" <> \'\' limit 1000000';

test('the SLS query of a filter with values that need quoting is exactly the documented syntax', async () => {
  const page = await openWithEvents();
  // No time range on the filter: the window is the span of the events shown, and said so.
  await page.getByTestId('bridge-toggle').click();
  const span = [Date.parse(EVENTS[0].eventTime) / 1000, Date.parse(EVENTS[2].eventTime) / 1000 + 1];
  assert.deepEqual([await page.getByTestId('sls-window').getAttribute('data-from'), await page.getByTestId('sls-window').getAttribute('data-to')], span.map(String));
  await page.getByTestId('sls-window-span').waitFor();
  await page.getByTestId('bridge-toggle').click();
  await setFilter(page);
  await page.getByTestId('bridge-toggle').click();
  const query = await page.getByTestId('sls-query').textContent();
  assert.equal(query, EXPECTED_QUERY);
  // No time range and no event shown: the window is open and said to be chosen in SLS.
  assert.equal(await page.getByTestId('sls-window').getAttribute('data-from'), '');
  assert.equal(await page.getByTestId('sls-window').getAttribute('data-to'), '');
  assert.equal(await page.getByTestId('sls-window-span').count(), 0);
  // What the SQL form needs is said beside it.
  assert.ok(await page.getByTestId('sls-notes').locator('li').count() >= 2);

  // Copy: the clipboard holds exactly the query.
  await page.getByTestId('copy-sls-query').click();
  await page.locator('[data-testid=copy-sls-query][data-copied=done]').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), EXPECTED_QUERY);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('a time range goes beside the query, in whole seconds; the SLS link carries both, remembered', async () => {
  const page = await openWithEvents();
  await act(page, () => page.getByTestId('facet-eventName').locator('[data-value="PutBucketAcl"]').click());
  // Drag across the whole histogram: a closed time range.
  const box = await page.getByTestId('time-histogram').boundingBox();
  await act(page, async () => {
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
  });
  const params = new URLSearchParams(new URL(page.url()).hash.split('?')[1]);
  const [fromMs, toMs] = [Number(params.get('from')), Number(params.get('to'))];
  await page.getByTestId('bridge-toggle').click();
  assert.equal(await page.getByTestId('sls-query').textContent(), '"event.eventName":"PutBucketAcl"');
  const win = page.getByTestId('sls-window');
  assert.equal(await win.getAttribute('data-from'), String(Math.floor(fromMs / 1000)));
  assert.equal(await win.getAttribute('data-to'), String(Math.ceil(toMs / 1000)));

  // No link until the project and logstore are given.
  assert.equal(await page.getByTestId('open-in-sls').count(), 0);
  await page.getByTestId('sls-project').fill('my-project');
  await page.getByTestId('sls-logstore').fill('actiontrail_my-trail');
  await page.getByTestId('sls-site').selectOption('china');
  const href = await page.getByTestId('open-in-sls').getAttribute('href');
  const url = new URL(href);
  assert.equal(url.origin, 'https://sls.console.aliyun.com');
  assert.equal(url.pathname, '/lognext/project/my-project/logsearch/actiontrail_my-trail');
  assert.equal(url.searchParams.get('encode'), 'base64');
  assert.equal(Buffer.from(url.searchParams.get('queryString'), 'base64').toString('utf8'), '"event.eventName":"PutBucketAcl"');
  assert.equal(url.searchParams.get('queryTimeType'), '99');
  assert.equal(url.searchParams.get('startTime'), await win.getAttribute('data-from'));
  assert.equal(url.searchParams.get('endTime'), await win.getAttribute('data-to'));
  assert.equal(await page.getByTestId('open-in-sls').getAttribute('target'), '_blank');
  assert.match(await page.getByTestId('open-in-sls').getAttribute('rel'), /noopener/);

  // Remembered (localStorage; not secrets): a new page has them.
  await page.reload();
  await appReady(page);
  await page.getByTestId('drop-zone').locator('details.paste summary').click();
  await page.getByTestId('paste-events').fill(JSON.stringify(EVENTS));
  await page.getByTestId('paste-load').click();
  await loaded(page, EVENTS.length);
  await page.getByTestId('bridge-toggle').click();
  assert.equal(await page.getByTestId('sls-project').inputValue(), 'my-project');
  assert.equal(await page.getByTestId('sls-logstore').inputValue(), 'actiontrail_my-trail');
  assert.equal(new URL(await page.getByTestId('open-in-sls').getAttribute('href')).origin, 'https://sls.console.aliyun.com');
  await page.context().close();
});

test('LookupEvents: at most two attributes, and every dropped part says why', async () => {
  const page = await openWithEvents();
  await setFilter(page);
  await page.getByTestId('bridge-toggle').click();
  const attrs = page.getByTestId('lookup-attributes').locator('li');
  assert.equal(await attrs.count(), 1);
  assert.equal(await attrs.first().getAttribute('data-key'), 'User');
  assert.equal(await attrs.first().getAttribute('data-value'), OPS);
  const reasons = await page.getByTestId('lookup-dropped').locator('li').evaluateAll((els) => els.map((e) => e.dataset.reason));
  assert.deepEqual(reasons, ['Exclude', 'FreeText', 'NoKey']);
  await page.getByTestId('copy-lookup-events').click();
  await page.locator('[data-testid=copy-lookup-events][data-copied=done]').waitFor();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  const { StartTime, EndTime, ...rest } = copied;
  assert.deepEqual(rest, { LookupAttribute: [{ Key: 'User', Value: OPS }] });
  // No time range in the filter: the API takes both ends or neither, so both are filled and said.
  const [start, end] = [Date.parse(StartTime), Date.parse(EndTime)];
  assert.ok(Math.abs(end - Date.now()) < 10 * 60000, EndTime);
  assert.equal(end - start, 90 * 86400000);
  assert.match(await page.getByTestId('lookup-notes').innerText(), /StartTime is 90 days before now[\s\S]*EndTime is now/);

  // EventType and EventName are a documented pair: both kept; Read/Write cannot join them.
  await act(page, () => page.getByTestId('clear-filters').click());
  await act(page, () => page.getByTestId('facet-eventName').locator('[data-value="DeleteBucket"]').click());
  await act(page, () => page.getByTestId('facet-eventType').locator('[data-value="ApiCall"]').click());
  await act(page, () => page.getByTestId('facet-eventRW').locator('[data-value="Write"]').click());
  assert.equal(await countOf(page, 'filtered-count'), 1);
  assert.deepEqual(await attrs.evaluateAll((els) => els.map((e) => `${e.dataset.key}=${e.dataset.value}`)),
    ['EventName=DeleteBucket', 'EventType=ApiCall']);
  assert.deepEqual(await page.getByTestId('lookup-dropped').locator('li').evaluateAll((els) => els.map((e) => e.dataset.reason)),
    ['NotCombinable']);
  await page.context().close();
});

test('the bridge panel speaks Chinese too; the query itself does not change', async () => {
  const page = await openWithEvents({ locale: 'zh-CN' });
  await setFilter(page);
  await page.getByTestId('bridge-toggle').click();
  assert.equal(await page.getByTestId('sls-query').textContent(), EXPECTED_QUERY);
  assert.match(await page.getByTestId('bridge').innerText(), /日志服务/);
  assert.match(await page.getByTestId('lookup-dropped').innerText(), /[\u4e00-\u9fff]/);
  await page.context().close();
});
