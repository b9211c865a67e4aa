import { statSync } from 'node:fs';
import * as path from 'node:path';
import { CACHE, ROOT } from './paths';
import { run } from './process';

/** Packages the extension as it stands in dist/ with vsce, as `npm run package` does. */
export async function packageVsix(out = path.join(CACHE, 'mesh-mtls-test.vsix')): Promise<{ path: string; bytes: number }> {
  await run(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', out], { cwd: ROOT });
  return { path: out, bytes: statSync(out).size };
}
