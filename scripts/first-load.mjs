// Part of the Trunk post-build hook (run by scripts/csp.mjs before it hashes the inline scripts):
// replace the loader Trunk writes for the app, and its preloads, with static/first_loader.js,
// which draws the first screen (the `first` wasm) at #/tracking and fetches the app when it is
// used. Fails the build if Trunk's output is not what it expects.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

/** index.html's text with the page's loader in place of Trunk's (`builtDir` holds the built
 *  first screen: its files keep their names, so the loader asks for them with their contents'
 *  hash, and a browser never pairs an old first screen with a new app). */
export function firstLoad(html, sourceDir, builtDir) {
  const loader = /<script type="module">\s*import init, \* as bindings from '([^']+\.js)';\s*const wasm = await init\(\{ module_or_path: '([^']+\.wasm)' \}\);[\s\S]*?<\/script>/;
  const m = html.match(loader);
  if (!m) throw new Error("first-load.mjs: Trunk's app loader is not in index.html as expected");
  const [, js, wasm] = m;
  const preloads = [
    new RegExp(`<link rel="modulepreload" href="${escape(js)}"[^>]*>\\s*`),
    new RegExp(`<link rel="preload" href="${escape(wasm)}"[^>]*>\\s*`),
  ];
  for (const p of preloads) {
    if (!p.test(html)) throw new Error(`first-load.mjs: no preload ${p} in index.html`);
    html = html.replace(p, '');
  }
  // Its comments stay in the source: whole comment lines are left out of the page.
  const source = fs.readFileSync(path.join(sourceDir, 'static', 'first_loader.js'), 'utf8')
    .split('\n').filter((line) => !/^\s*\/\//.test(line)).join('\n')
    .replace("'__APP_JS__'", JSON.stringify(js))
    .replace("'__APP_WASM__'", JSON.stringify(wasm))
    .replace("'./first.js'", JSON.stringify(`./first.js?v=${version('first.js')}`))
    .replace("'./first_bg.wasm'", JSON.stringify(`./first_bg.wasm?v=${version('first_bg.wasm')}`));
  for (const placed of [js, wasm, 'first.js?v=', 'first_bg.wasm?v=']) {
    if (!source.includes(placed)) throw new Error(`first-load.mjs: ${placed} was not put into the loader`);
  }
  return html.replace(loader, () => `<script type="module">\n${source}</script>`);

  function version(file) {
    const bytes = fs.readFileSync(path.join(builtDir, file));
    return crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  }
}

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
