// The app's Chinese catalog is Chinese: every arm of `src/i18n/zh.rs` that has words has Han
// characters, and none is the English arm copied (the compiler only checks that each key has an
// arm in both catalogs). The core's catalog has its own test (`crates/core/src/i18n/tests.rs`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

/** Arms without Han on purpose: product names, symbols and placeholders only. */
const NO_WORDS = new Set([
  'Key::ListSeparator', 'Key::AccessKeyIdLabel', 'Key::AccessKeySecretLabel', 'Key::Theirs', 'Key::EcPart',
  'Key::LifecycleFailed', 'Key::ChipValue', 'Key::KpiOf', 'Key::TimeUtc', 'Key::Span',
  // "Enabled → Disabled": OSS's own values and an arrow.
  'Key::HistoryTrackingChange',
  // A time window: two times and UTC.
  'Key::InsightWindow',
]);

/** Each match arm of a catalog (`Key::…` or `Notice::…`), with the string literals in it. */
function arms(file) {
  const text = fs.readFileSync(path.join(ROOT, 'src', 'i18n', file), 'utf8');
  const out = [];
  for (const arm of text.split(/\n(?=\s{8}(?:Key|Notice)::)/)) {
    const name = /^\s*((?:Key|Notice)::\w+)/.exec(arm)?.[1];
    if (!name) continue;
    const literals = [...arm.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
    out.push({ name, literals, text: literals.join(' ') });
  }
  return out;
}

const han = /[\u4e00-\u9fff]/;

test('every Chinese arm with words is in Chinese, and the English has none', () => {
  const zh = arms('zh.rs');
  const en = arms('en.rs');
  assert.ok(zh.length > 200 && en.length > 200, `${zh.length} and ${en.length} arms`);
  const english = zh.filter((a) => a.literals.length > 0 && !han.test(a.text) && !NO_WORDS.has(a.name));
  assert.deepEqual(english.map((a) => `${a.name}: ${a.literals[0]}`), [], 'arms of zh.rs left in English');
  assert.deepEqual(en.filter((a) => han.test(a.text)).map((a) => a.name), [], 'Chinese in en.rs');
  // Each allowed exception still exists (a stale allowance would hide a new English arm).
  for (const name of NO_WORDS) assert.ok(zh.some((a) => a.name === name), `${name} is no longer in zh.rs`);
});
