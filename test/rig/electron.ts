import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { writeMintedExamples } from './examples';
import { EXAMPLES, OUT_TEST, ROOT } from './paths';

// `npm run test:electron`: the same extension-host suite as `npm test`, in desktop VS Code that
// @vscode/test-electron downloads. Needs access to VS Code's update server.
async function main(): Promise<void> {
  await writeMintedExamples();
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(OUT_TEST, 'integration', 'index.js'),
    launchArgs: [EXAMPLES, '--disable-workspace-trust', '--disable-extensions', '--skip-welcome'],
  });
}

main().catch((error) => {
  console.error(`VS Code integration tests failed: ${(error as Error).message ?? error}`);
  process.exit(1);
});
