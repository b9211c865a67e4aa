import * as path from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './browser';
import type { CodeServer } from './codeServer';
import { RESULT_MARKER, type SuiteResult } from './mocha';
import { copyExamples } from './examples';
import { OUT_TEST, ROOT } from './paths';
import { withTimeout } from './process';

// Workbench start-up messages that say nothing about our extension.
const WORKBENCH_CHATTER =
  /^(Ignoring fetching additional builtin|Creating a socket|Resolving connection token|Resolved connection token|\[Service Worker\]|ChatSessionStore|Updating additional builtin)/;

/**
 * Runs the mocha suite of test/integration inside code-server's real Node extension host: the
 * workbench URL carries the extension-development parameters, and the page reports the host's
 * console and exit code through the automation hooks VS Code's own browser tests use.
 */
export async function runIntegrationSuite(server: CodeServer, log: (line: string) => void): Promise<SuiteResult> {
  const browser = await launchChromium();
  const examples = copyExamples();
  try {
    const page = await browser.context.newPage();
    let result: SuiteResult | undefined;
    let exited!: (code: number) => void;
    const exit = new Promise<number>((resolve) => (exited = resolve));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      const marker = line.indexOf(RESULT_MARKER);
      if (marker >= 0) result = JSON.parse(line.slice(marker + RESULT_MARKER.length)) as SuiteResult;
      else if (!WORKBENCH_CHATTER.test(line)) log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));
    const url = server.workbenchUrl(examples.dir, [
      ['extensionDevelopmentPath', server.remoteUri(ROOT)],
      ['extensionTestsPath', server.remoteUri(path.join(OUT_TEST, 'integration', 'index.js'))],
    ]);
    await page.goto(url);
    const code = await withTimeout(exit, 300_000, 'the extension-host test run');
    if (!result) throw new Error(`the extension host exited with ${code} without reporting a result`);
    if (code !== 0 && result.failed === 0) result.failed = 1;
    return result;
  } finally {
    await browser.close();
    examples.dispose();
  }
}
