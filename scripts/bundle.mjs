// Bundles the typechecked sources into dist/ (run after `tsc -b`; esbuild does not typecheck).
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { MESH_MTLS_VERSION: JSON.stringify(version) },
};
// yaml's Node build reads process.env on every token it lexes (a debug switch), a call into C++
// that costs a quarter of the parse; its browser build is the same code without that read.
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs', alias: { yaml: './node_modules/yaml/browser/index.js' } };

/**
 * esbuild writes strings and identifiers as ASCII but leaves comments and regular expression
 * literals as written. One character past Latin-1 in them (an arrow in a comment, a Greek mu in
 * a regex) makes V8 hold the whole bundle's source as a two-byte string for the life of the
 * process: 4.3 MB instead of 2.2 for the server. A \uXXXX escape means the same in a regex and
 * nothing in a comment, so every such code unit left is written that way.
 */
function asciiOnly(file) {
  const url = new URL(`../${file}`, import.meta.url);
  const text = readFileSync(url, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(url, ascii);
}

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await Promise.all([
  build({ ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...node, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  build({ ...node, entryPoints: ['cli/src/main.ts'], outfile: 'dist/cli.js', loader: { '.md': 'text' }, banner: { js: '#!/usr/bin/env node' } }),
  // The bench measures the code as shipped: bundled the same way, with the peers left external.
  build({ ...node, entryPoints: ['bench/main.ts'], outfile: 'out/bench.js', external: ['yaml-language-server'] }),
  build({
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: ['webview/src/certificate.ts'],
    outfile: 'dist/webview/certificate.js',
  }),
  build({ ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['webview/src/handshake.ts'], outfile: 'dist/webview/handshake.js' }),
]);
for (const file of ['dist/extension.js', 'dist/server.js', 'dist/cli.js']) asciiOnly(file);
