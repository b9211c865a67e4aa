import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from '../rig/browser';
import { ensureCodeServer, installVsix, startCodeServer, type CodeServer } from '../rig/codeServer';
import { EXAMPLES, RESULTS } from '../rig/paths';
import { packageVsix } from '../rig/vsix';

const SCREENSHOTS = path.join(RESULTS, 'screenshots');

/** Drives the real workbench as a user would: the packaged .vsix installed in code-server, seen in Chromium. */
describe('UI smoke: the packaged extension in the workbench', function () {
  this.timeout(120_000);
  let server: CodeServer;
  let browser: Browser;
  let page: Page;
  let extensionsDir: string;

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const bin = await ensureCodeServer(console.log);
    const vsix = await packageVsix();
    extensionsDir = mkdtempSync(path.join(tmpdir(), 'mm-ext-'));
    await installVsix(bin, vsix.path, extensionsDir);
    server = await startCodeServer({ bin, extensionsDir });
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.goto(server.workbenchUrl(EXAMPLES));
    await page.locator('.monaco-workbench .part.editor').waitFor();
    // The explorer listing the example folders says the workspace is loaded.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'istio' }).waitFor();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `failed-${this.currentTest.title.replace(/\W+/g, '-')}.png`) });
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (extensionsDir) rmSync(extensionsDir, { recursive: true, force: true });
  });

  async function quickOpen(fileName: string): Promise<void> {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill(fileName);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: fileName }).waitFor();
  }

  it('shows the PeerAuthentication mistake as a squiggle and in the Problems panel', async () => {
    await quickOpen('peer-authentication-typo.yaml');
    await page.locator('.part.editor .squiggly-error').first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'is not a valid value for spec.mtls.mode' });
    await row.first().waitFor();
    assert.match(await row.first().innerText(), /Did you mean "STRICT"\?/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '1-problems-panel.png') });
  });

  it('shows the expiry CodeLens above the example certificate', async () => {
    await quickOpen('expiring-soon.pem');
    const lens = page.locator('.codelens-decoration a', { hasText: 'expires in 23 days' });
    await lens.first().waitFor();
    assert.match(await lens.first().innerText(), /checkout\.shop\.svc/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '2-certificate-codelens.png') });
  });

  it('runs Decode Certificate from the command palette and shows the details panel', async () => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Mesh mTLS: Decode Certificate');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Decode Certificate' }).first().waitFor();
    await page.keyboard.press('Enter');
    const view = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await view.locator('#fields td', { hasText: 'expires in 23 days' }).waitFor();
    assert.equal(await view.locator('#title').innerText(), 'CN=checkout.shop.svc');
    await page.screenshot({ path: path.join(SCREENSHOTS, '3-decoded-certificate.png') });
  });
});
