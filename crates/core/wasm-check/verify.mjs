// The differential check in wasm: node verify.mjs FILE.wasm (exits 1 on any difference)
import { readFileSync } from 'fs';
const { instance } = await WebAssembly.instantiate(readFileSync(process.argv[2]), {});
const t = performance.now();
const fails = instance.exports.verify();
console.log('wasm differential failures:', fails, `(${((performance.now() - t) / 1000).toFixed(1)}s)`);
process.exit(fails === 0 ? 0 : 1);
