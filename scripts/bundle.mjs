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
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs' };

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await Promise.all([
  build({ ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...node, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  build({ ...node, entryPoints: ['cli/src/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['webview/src/certificate.ts'], outfile: 'dist/webview/certificate.js' }),
]);
