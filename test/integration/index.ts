import * as path from 'node:path';
import { RESULT_MARKER, runMocha, testFiles } from '../rig/mocha';

/**
 * Entry point VS Code loads as `extensionTestsPath`, both in code-server (npm test) and under
 * @vscode/test-electron (npm run test:electron). Resolves when every test passed.
 */
export async function run(): Promise<void> {
  const result = await runMocha('integration', testFiles(path.join(__dirname)), { timeout: 60_000 });
  console.log(`${RESULT_MARKER}${JSON.stringify(result)}`);
  if (result.failed > 0) throw new Error(`${result.failed} integration test(s) failed`);
}
