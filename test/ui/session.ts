import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from '../rig/browser';
import { ensureCodeServer, installVsix, startCodeServer, type CodeServer } from '../rig/codeServer';
import { copyExamples } from '../rig/examples';
import { RESULTS } from '../rig/paths';
import { packageVsix } from '../rig/vsix';

export const SCREENSHOTS = path.join(RESULTS, 'screenshots');

/**
 * One suite's workbench: the packaged .vsix installed in a fresh code-server, a throw-away copy of
 * the examples open in Chromium; with `workspaceTrust`, that folder opens in Restricted Mode.
 * Registers the suite's before/after hooks and a screenshot of each failed test.
 */
export function workbenchSession(options: { workspaceTrust?: boolean; failedPrefix: string }): { page: () => Page; examplesDir: string } {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let extensionsDir: string | undefined;
  const examples = copyExamples();

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const bin = await ensureCodeServer(console.log);
    const vsix = await packageVsix();
    extensionsDir = mkdtempSync(path.join(tmpdir(), 'mm-ext-'));
    await installVsix(bin, vsix.path, extensionsDir);
    server = await startCodeServer({ bin, extensionsDir, workspaceTrust: options.workspaceTrust });
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.goto(server.workbenchUrl(examples.dir));
    await page.locator('.monaco-workbench .part.editor').waitFor();
    // The explorer listing the example folders says the workspace is loaded.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'istio' }).waitFor();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${options.failedPrefix}${this.currentTest.title.replace(/\W+/g, '-')}.png`) });
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (extensionsDir) rmSync(extensionsDir, { recursive: true, force: true });
    examples.dispose();
  });

  return {
    page: () => {
      if (!page) throw new Error('the workbench is not open yet');
      return page;
    },
    examplesDir: examples.dir,
  };
}
