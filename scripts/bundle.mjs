// Bundles the typechecked sources into dist/ (run after `tsc -b`; esbuild does not typecheck).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

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
