// Time each loading phase in wasm: node run.mjs FILE.wasm [EVENTS]
import { readFileSync } from 'fs';
const wasm = readFileSync(process.argv[2]);
const { instance } = await WebAssembly.instantiate(wasm, {});
const e = instance.exports;
const n = +(process.argv[3] || 100000);
const bytes = e.init(n);
const mib = bytes / 1048576;
const names = ['split', 'parse_event', 'parse_event_fast', 'fast+add', 'one pass (proto)', 'load (worker)'];
const best = names.map(() => Infinity);
for (let r = 0; r < 7; r++) {
  for (let k = 0; k < names.length; k++) {
    const t = performance.now();
    const c = e.run(k);
    best[k] = Math.min(best[k], (performance.now() - t) / 1000);
    if (c !== n) throw new Error(`${names[k]}: ${c} != ${n}`);
  }
}
console.log(`${n} events, ${mib.toFixed(0)} MiB`);
for (let k = 0; k < names.length; k++) console.log(`  ${names[k].padEnd(17)} ${best[k].toFixed(3)}s  ${(mib / best[k]).toFixed(0)} MiB/s`);
console.log(`  fast/serde ratio ${(best[1] / best[2]).toFixed(2)}, add ≈ ${(best[3] - best[2]).toFixed(3)}s, split + fast / one pass ${((best[0] + best[2]) / best[4]).toFixed(2)}`);
