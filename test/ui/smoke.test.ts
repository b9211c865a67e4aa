import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { privateKeyPem } from '../../common/src/pki/keyPairs';
import { createDevCa, issueCertificate } from '../../common/src/pki/mint';
import { certificatePem } from '../../common/src/pki/pkiFiles';
import { ROLE_NAMES, type FileRole } from '../../common/src/webview/handshakeForm';
import { EXAMPLE_MANIFEST } from '../../client/src/walkthrough/exampleManifest';
import { plural } from '../../common/src/report/labels';
import type { PostureReport } from '../../common/src/report/postureReport';
import { ROOT } from '../rig/paths';
import { SCREENSHOTS, workbenchSession } from './session';
import { workbench } from './workbench';

/** Drives the real workbench as a user would: the packaged .vsix installed in code-server, seen in Chromium. */
describe('UI smoke: the packaged extension in the workbench', function () {
  this.timeout(120_000);
  const session = workbenchSession({ failedPrefix: 'failed-' });
  const examples = { dir: session.examplesDir };
  let page: Page;
  before(() => (page = session.page()));
  const {
    showModeTypo,
    hoverMode,
    quickOpen,
    decodedView,
    runCommand,
    runCommandKeepingPicker,
    clearWorkbench,
    whenOpaque,
    goToLine,
    openWalkthrough,
    walkthroughStep,
    walkthroughButton,
  } = workbench(session.page);

  it('shows the PeerAuthentication mistake as a squiggle and in the Problems panel', async () => {
    assert.match(await (await showModeTypo()).innerText(), /Did you mean "STRICT"\?/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '1-problems-panel.png') });
  });

  it('shows the expiry CodeLens above the example certificate', async () => {
    await quickOpen('expiring-soon.pem');
    const lens = page.locator('.codelens-decoration a', { hasText: 'expires in 23 days' });
    await lens.first().waitFor();
    assert.match(await lens.first().innerText(), /checkout\.shop\.svc/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '2-certificate-codelens.png') });
  });

  it('runs Decode Certificate from the command palette and shows the decoded view', async () => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Mesh mTLS: Decode Certificate');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Decode Certificate' }).first().waitFor();
    await page.keyboard.press('Enter');
    const view = decodedView();
    await view.locator('#status', { hasText: 'expires in 23 days' }).waitFor();
    assert.equal(await view.locator('#title').innerText(), 'checkout.shop.svc');
    await page.screenshot({ path: path.join(SCREENSHOTS, '3-decoded-certificate.png') });
  });

  it('completes the action with what each value means', async () => {
    await clearWorkbench();
    await quickOpen('authorization-policy.yaml');
    await goToLine(12);
    await page.keyboard.press('End');
    for (let i = 0; i < 'ALLOW'.length; i++) await page.keyboard.press('Backspace');
    await page.locator('.part.editor .view-line', { hasText: /^\s*action:\s*$/ }).waitFor();
    const deny = page.locator('.suggest-widget .monaco-list-row', { hasText: 'DENY' });
    // The editor may still be applying the deletion when asked; ask again until the list shows.
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+Space');
      try {
        await deny.first().waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 4) throw error;
      }
    }
    await page.keyboard.press('ArrowDown');
    const details = page.locator('.suggest-details', { hasText: 'Reject matching requests' });
    if (!(await details.isVisible())) await page.keyboard.press('Control+Space');
    await details.waitFor();
    await whenOpaque('.suggest-details');
    // The details pane is laid out before its text is measured; moving the selection away and back
    // lays it out again at the text's height.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    await page.locator('.suggest-details', { hasText: 'Reject matching requests' }).waitFor();
    await page.waitForFunction(() => {
      const docs = document.querySelector('.suggest-details .docs');
      const pane = document.querySelector('.suggest-details');
      return docs !== null && pane !== null && docs.getBoundingClientRect().bottom <= pane.getBoundingClientRect().bottom + 1;
    });
    await page.screenshot({ path: path.join(SCREENSHOTS, '4-completion.png') });
    await page.keyboard.press('Escape');
    await runCommand('File: Revert File');
  });

  it('explains the mtls mode on hover', async () => {
    await clearWorkbench();
    assert.match(await (await hoverMode()).innerText(), /mode · string/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '5-hover.png') });
    await page.keyboard.press('Escape');
  });

  it("checks, explains and completes the SPIRE server.conf held in a ConfigMap, on the manifest's own lines", async () => {
    await clearWorkbench();
    await quickOpen('spire-server.yaml');
    // Hover on ca_ttl (line 16), inside the literal block.
    await goToLine(16);
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover', { hasText: 'rotates to a new CA' });
    await hover.first().waitFor();
    assert.match(await hover.first().innerText(), /ca_ttl \(duration, default "24h"\)/);
    await whenOpaque('.monaco-hover');
    await page.screenshot({ path: path.join(SCREENSHOTS, '26-spire-hover.png') });
    await page.keyboard.press('Escape');
    // A new line in the server block offers the keys not set yet.
    await goToLine(17);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('default_j');
    const jwt = page.locator('.suggest-widget .monaco-list-row', { hasText: 'default_jwt_svid_ttl' });
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+Space');
      try {
        await jwt.first().waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 4) throw error;
      }
    }
    await whenOpaque('.suggest-widget');
    await page.screenshot({ path: path.join(SCREENSHOTS, '27-spire-completion.png') });
    await page.keyboard.press('Escape');
    await runCommand('File: Revert File');
    // bind_port "8081x": SPIRE cannot read it as a number and will not start.
    await goToLine(12);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('x');
    await page.locator('.part.editor .squiggly-error').first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'takes a whole number' });
    await row.first().waitFor();
    assert.match(await row.first().innerText(), /spire-decode-type/);
    assert.match(await row.first().innerText(), /\[Ln 12, Col 19\]/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '28-spire-problems.png') });
    await runCommand('File: Revert File');
  });

  it('reads a SPIRE agent.conf as SPIRE: its key explained on hover, the CA its trust_bundle_path names in a lens that decodes it', async () => {
    await clearWorkbench();
    await quickOpen('agent.conf');
    // The file opens in the spire language, whose lens names the bundle it points at.
    const lens = page.locator('.codelens-decoration a', { hasText: 'Shop Root CA' });
    await lens.first().waitFor();
    assert.match(await lens.first().innerText(), /^bundle: /);
    await page.screenshot({ path: path.join(SCREENSHOTS, '29-spire-conf-lens.png') });
    // Hover on trust_bundle_path (line 12).
    await goToLine(12);
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover', { hasText: 'trust_bundle_path' });
    await hover.first().waitFor();
    await whenOpaque('.monaco-hover');
    await page.screenshot({ path: path.join(SCREENSHOTS, '30-spire-conf-hover.png') });
    await page.keyboard.press('Escape');
    await lens.first().click();
    await decodedView().locator('#title', { hasText: 'Shop Root CA' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, '31-spire-bundle-decoded.png') });
  });

  /** A clean workbench with one file open and its decoded view beside it, showing `title`. */
  async function decodeInCleanWorkbench(fileName: string, title: string): Promise<ReturnType<typeof decodedView>> {
    await clearWorkbench();
    await quickOpen(fileName);
    await runCommand('Mesh mTLS: Decode Certificate');
    const view = decodedView();
    await view.locator('#title', { hasText: title }).waitFor();
    return view;
  }

  it('shows every detail of a bundle leaf in the decoded view, with its chain', async () => {
    const view = await decodeInCleanWorkbench('payments-chain.pem', 'spiffe://cluster.local/ns/shop/sa/payments');
    for (const heading of [
      'Identity',
      'Validity',
      'Subject alternative names',
      'Public key',
      'Usage',
      'Key identifiers',
      'Revocation and issuer access',
      'Signature',
      'Fingerprints',
      'Other extensions',
    ]) {
      await view.locator('#details h2', { hasText: heading }).first().waitFor();
    }
    await view.locator('#objects button', { hasText: 'Shop Intermediate CA' }).waitFor();
    await view.locator('#chain p', { hasText: 'Chain of 2, ends at Shop Intermediate CA, issued by Shop Root CA (not in this file)' }).waitFor();
    // A tall window so the whole view fits in one picture.
    await page.setViewportSize({ width: 1400, height: 2700 });
    try {
      await view.locator('#details h2', { hasText: 'Other extensions' }).waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, '6-decoded-bundle-full.png') });
      // Keyboard: Tab reaches the list of objects; Enter on the second shows the intermediate.
      await view.locator('#objects button').nth(1).focus();
      await page.keyboard.press('Enter');
      await view.locator('#title', { hasText: 'Shop Intermediate CA' }).waitFor();
      await view.locator('#details h2', { hasText: 'Name constraints' }).waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, '7-decoded-intermediate.png') });
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  it('brings the decoded view back after a window reload, on the object last picked', async () => {
    await decodeInCleanWorkbench('payments-chain.pem', 'spiffe://cluster.local/ns/shop/sa/payments');
    await decodedView().locator('#objects button', { hasText: 'Shop Intermediate CA' }).click();
    await decodedView().locator('#title', { hasText: 'Shop Intermediate CA' }).waitFor();
    await runCommand('Developer: Reload Window');
    await page.locator('.monaco-workbench .part.editor').waitFor();
    await page.locator('.tab', { hasText: 'Decoded: Shop Intermediate CA' }).waitFor();
    await decodedView().locator('#title', { hasText: 'Shop Intermediate CA' }).waitFor();
    await decodedView().locator('#objects button[aria-current="true"]', { hasText: '#2 Shop Intermediate CA' }).waitFor();
  });

  it('follows the colour theme in the decoded view', async () => {
    const view = await decodeInCleanWorkbench('frontend.crt', 'frontend.shop.svc');
    const colours = () => view.locator('body').evaluate((body) => `${getComputedStyle(body).color} on ${getComputedStyle(body).backgroundColor}`);
    const light = await colours();
    await pickTheme('Dark Modern');
    try {
      await page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark'));
      await view.locator('body').evaluate(
        (body, before) =>
          new Promise<void>((resolve) => {
            const check = () =>
              `${getComputedStyle(body).color} on ${getComputedStyle(body).backgroundColor}` !== before ? resolve() : requestAnimationFrame(check);
            check();
          }),
        light,
      );
      assert.notEqual(await colours(), light);
      await page.screenshot({ path: path.join(SCREENSHOTS, '12-decoded-dark-theme.png') });
    } finally {
      await pickTheme('Light Modern');
    }
  });

  async function pickTheme(name: string): Promise<void> {
    await runCommandKeepingPicker('Preferences: Color Theme');
    const themes = page.locator('.quick-input-widget input[placeholder^="Select Color Theme"]');
    await themes.waitFor();
    await themes.fill(name);
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  it('lists the workspace certificates in the Certificates view, expired and expiring soon flagged', async () => {
    await clearWorkbench();
    await runCommand('Explorer: Focus on Certificates View');
    // The folders pane folded away leaves the Certificates view the whole side bar.
    const folders = page.locator('.pane-header', { hasText: 'examples' }).first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    await page.locator('.pane-header[aria-expanded="false"]', { hasText: 'examples' }).waitFor();
    // The panes slide into place; the picture waits until the Certificates view has the room.
    await page.waitForFunction(() => {
      const header = Array.from(document.querySelectorAll('.pane-header')).find((h) => h.textContent?.includes('Certificates'));
      return header !== undefined && header.getBoundingClientRect().top < 200;
    });
    const rows = page.locator('.pane:has(.pane-header:has-text("Certificates")) .monaco-list-row');
    await rows.filter({ hasText: 'legacy-billing.internal' }).waitFor();
    assert.match(await rows.first().innerText(), /legacy-billing\.internal/);
    assert.match(await rows.nth(1).innerText(), /checkout\.shop\.svc[\s\S]*expires in 23 days/);
    await page.locator('.pane:has(.pane-header:has-text("Certificates")) .codicon-warning').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, '8-certificates-view.png') });
    await rows.filter({ hasText: 'frontend.shop.svc' }).click();
    await decodedView().locator('#title', { hasText: 'frontend.shop.svc' }).waitFor();
  });

  it("shows the Mesh Posture view, a namespace and a workload expanded from the keyboard with each port's mode", async () => {
    await clearWorkbench();
    await runCommand('Explorer: Focus on Mesh Posture View');
    // The folders and the Certificates view folded away leave the posture the side bar's height,
    // and the side bar drawn wider its descriptions' room; both come back at the end.
    const setExpanded = async (title: string, expanded: boolean) => {
      const header = page.locator('.pane-header', { hasText: title }).first();
      if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
      await page.locator(`.pane-header[aria-expanded="${expanded}"]`, { hasText: title }).first().waitFor();
    };
    for (const title of ['examples', 'Certificates']) await setExpanded(title, false);
    const sidebar = (await page.locator('.part.sidebar').boundingBox())!;
    const dragSash = async (from: number, to: number) => {
      await page.mouse.move(from, sidebar.y + sidebar.height / 2);
      await page.mouse.down();
      await page.mouse.move(to, sidebar.y + sidebar.height / 2, { steps: 5 });
      await page.mouse.up();
    };
    const right = sidebar.x + sidebar.width;
    await dragSash(right, right + 220);
    await page.waitForFunction(() => {
      const header = Array.from(document.querySelectorAll('.pane-header')).find((h) => h.textContent?.includes('Mesh Posture'));
      return header !== undefined && header.getBoundingClientRect().top < 260;
    });
    const rows = page.locator('.pane:has(.pane-header:has-text("Mesh Posture")) .monaco-list-row');
    await rows.filter({ hasText: 'STRICT blocked' }).waitFor();
    // The headers clicked have the focus: the tree takes it back, from the keyboard's side.
    await runCommand('Explorer: Focus on Mesh Posture View');
    /** Moves the focus down the tree with the arrow key until the focused row reads `text`. */
    const focusRow = async (text: string) => {
      for (let i = 0; i < 30 && !((await rows.filter({ hasText: text }).first().getAttribute('class')) ?? '').includes('focused'); i++)
        await page.keyboard.press('ArrowDown');
      await page.locator('.pane:has(.pane-header:has-text("Mesh Posture")) .monaco-list-row.focused', { hasText: text }).waitFor();
    };
    await focusRow('billing');
    await page.keyboard.press('ArrowRight');
    await rows.filter({ hasText: 'STRICT readiness' }).first().waitFor();
    await rows.filter({ hasText: 'ledger' }).first().waitFor();
    assert.match(await rows.filter({ hasText: 'settlement' }).first().innerText(), /no mesh/);
    // The earlier tests typed into manifests and reverted them while this view was in the Explorer:
    // its lint count is mesh-mtls report's for the folder as it is on disk again.
    const { error, warning, information } = (
      JSON.parse(
        spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'report', '--format', 'json', examples.dir], { encoding: 'utf8' }).stdout,
      ) as PostureReport
    ).findings;
    const lint = `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${information} information`;
    await rows.filter({ hasText: 'Lint findings' }).filter({ hasText: lint }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, '32-posture-view.png') });
    await focusRow('ledger');
    await page.keyboard.press('ArrowRight');
    const metrics = rows.filter({ hasText: '9090 (metrics)' });
    await metrics.waitFor();
    assert.match(await metrics.innerText(), /plaintext · bypass/);
    assert.match(await rows.filter({ hasText: '8080 (http)' }).innerText(), /mTLS or plaintext · namespace/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '33-posture-ports.png') });
    // Enter on a port opens what decides its mode: the PeerAuthentication, at its line.
    await focusRow('8080 (http)');
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'billing.yaml' }).waitFor();
    await dragSash(right + 220, right);
    // The Certificates view gets the side bar back, as the tests after this one expect.
    await setExpanded('Mesh Posture', false);
    await setExpanded('Certificates', true);
  });

  it('opens a DER certificate as the decoded view', async () => {
    await clearWorkbench();
    await quickOpen('shop-root-ca.der');
    await decodedView().locator('#title', { hasText: 'Shop Root CA' }).waitFor();
    await decodedView().locator('#details td', { hasText: 'CA, path length 1' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, '9-der-editor.png') });
  });

  it('opens the mTLS handshake test from the palette, runs all scenarios from the keyboard, and shows each as expected', async () => {
    await clearWorkbench();
    await runCommand('Mesh mTLS: Open mTLS Handshake Test');
    await page.locator('.tab.active', { hasText: 'mTLS Handshake Test' }).waitFor();
    const view = decodedView();
    const button = view.locator('#run-scenarios');
    await button.waitFor();
    // Keyboard only: the button takes the focus and Enter presses it.
    await button.focus();
    await page.keyboard.press('Enter');
    await view.locator('#verdict', { hasText: '9 of 9 scenarios as expected' }).waitFor({ timeout: 30_000 });
    const rows = view.locator('#scenarios tbody tr.scenario');
    assert.equal(await rows.count(), 9);
    const read = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('.name')?.textContent,
        asExpected: (tr as HTMLElement).dataset.asExpected,
        mark: tr.querySelector('.verdict')?.textContent,
      })),
    );
    assert.equal(read[0].name, 'valid mTLS');
    assert.deepEqual(
      read.filter((r) => r.asExpected !== 'true' || r.mark !== '✓'),
      [],
    );
    assert.match(await view.locator('#scenarios tr[data-scenario="expired client certificate"] .actual').innerText(), /^failure \(expired\)$/);
    // The focus is back on the button that started the run.
    assert.equal(await button.evaluate((b) => b === document.activeElement), true);
    await page.setViewportSize({ width: 1400, height: 1300 });
    try {
      await view.locator('#scenarios').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, '20-handshake-scenarios.png') });
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
    // A window reload brings the panel back with its result (the page's saved state, through the serializer).
    await runCommand('Developer: Reload Window');
    await page.locator('.monaco-workbench .part.editor').waitFor();
    await page.locator('.tab', { hasText: 'mTLS Handshake Test' }).waitFor();
    await decodedView().locator('#verdict', { hasText: '9 of 9 scenarios as expected' }).waitFor();
    assert.equal(await decodedView().locator('#scenarios tbody tr.scenario[data-as-expected="true"]').count(), 9);
    // The host took the result back too: it copies the restored report.
    await decodedView().locator('#copy-report').click();
    await page.locator('.statusbar', { hasText: 'mTLS handshake report copied as Markdown' }).waitFor();
  });

  it('picks the server certificate from the workspace with what each file holds, and says what is still missing on Run', async () => {
    await clearWorkbench();
    await runCommand('Mesh mTLS: Open mTLS Handshake Test');
    const view = decodedView();
    await view.locator('#pick-serverCert').click();
    const frontend = page.locator('.quick-input-list .monaco-list-row', { hasText: 'frontend.crt' });
    await frontend.first().waitFor();
    assert.match(await frontend.first().innerText(), /frontend\.shop\.svc · (expires in|valid for)/);
    // Leaves come before CAs when a server certificate is picked.
    assert.doesNotMatch(await page.locator('.quick-input-list .monaco-list-row').first().innerText(), /shop-root-ca/);
    await whenOpaque('.quick-input-widget');
    await page.screenshot({ path: path.join(SCREENSHOTS, '21-handshake-pick-server-certificate.png') });
    await frontend.first().click();
    await view.locator('.file[data-role="serverCert"][data-chosen="true"] .file-name', { hasText: 'certs/frontend.crt' }).waitFor();
    await view.locator('#run').click();
    await view.locator('#problem', { hasText: 'Choose the server certificate and its key first' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, '22-handshake-missing-key.png') });
  });

  it('asks before testing an endpoint that is not this machine, and connects nowhere on Cancel', async () => {
    await clearWorkbench();
    await runCommand('Mesh mTLS: Open mTLS Handshake Test');
    const view = decodedView();
    // .invalid never resolves (RFC 2606), so even a wrong answer here could reach no one.
    await view.locator('#endpoint').fill('mesh.example.invalid:443');
    await view.locator('#probe').click();
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Connect to mesh.example.invalid:443?' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /is not this machine/);
    await whenOpaque('.monaco-dialog-box');
    await page.screenshot({ path: path.join(SCREENSHOTS, '25-handshake-remote-confirmation.png') });
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await view.locator('#problem', { hasText: 'Not connected: mesh.example.invalid is not this machine' }).waitFor();
  });

  /** Chooses `fileName` for `role` in the handshake panel's picker, and waits until the page shows it. */
  async function pickInHandshakePanel(role: FileRole, fileName: string): Promise<void> {
    await decodedView().locator(`#pick-${role}`).click();
    // The picker's widget is reused: its title says the rows are this pick's, not the last one's.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: `Choose the ${ROLE_NAMES[role]}` }).waitFor();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().click();
    await decodedView().locator(`.file[data-role="${role}"][data-chosen="true"] .file-name`, { hasText: fileName }).waitFor();
  }

  it("opens the handshake test from a leaf certificate's lens, explains the failure, then passes mTLS once both sides are chosen", async () => {
    // Minted into the workspace copy: a CA, a server chain with its key beside it, a client.
    const folder = path.join(examples.dir, 'handshake');
    mkdirSync(folder, { recursive: true });
    const ca = await createDevCa({ name: 'Shop Mesh Root CA', intermediate: true });
    const server = await issueCertificate(ca, { profile: 'mtls', dns: ['web.shop.svc'] });
    const client = await issueCertificate(ca, { profile: 'spiffe', spiffeId: 'spiffe://cluster.local/ns/shop/sa/checkout' });
    writeFileSync(path.join(folder, 'hs-root.pem'), certificatePem(ca.root.certificate));
    writeFileSync(path.join(folder, 'hs-web.pem'), server.chain.map(certificatePem).join(''));
    writeFileSync(path.join(folder, 'hs-web-key.pem'), privateKeyPem(server.key), { mode: 0o600 });
    writeFileSync(path.join(folder, 'hs-client.pem'), client.chain.map(certificatePem).join(''));
    writeFileSync(path.join(folder, 'hs-client-key.pem'), privateKeyPem(client.key), { mode: 0o600 });
    try {
      await clearWorkbench();
      // The Certificates view lists the new files once the extension has read them: the pickers offer them from then on.
      const listed = page.locator('.pane:has(.pane-header:has-text("Certificates")) .monaco-list-row');
      await listed.filter({ hasText: 'spiffe://cluster.local/ns/shop/sa/checkout' }).waitFor();
      // Quick Open's file search may not know a file this new: the server certificate opens from its
      // item instead (the decoded view), then in the editor with Show in Editor.
      await listed.filter({ hasText: 'web.shop.svc' }).click();
      await decodedView().locator('#title', { hasText: 'web.shop.svc' }).waitFor();
      await decodedView().locator('#reveal').click();
      await page.locator('.tab.active', { hasText: 'hs-web.pem' }).waitFor();
      const lens = page.locator('.codelens-decoration a', { hasText: 'Test mTLS handshake' });
      await lens.first().click();
      const view = decodedView();
      await view.locator('.file[data-role="serverKey"][data-chosen="true"] .file-name', { hasText: 'handshake/hs-web-key.pem' }).waitFor();
      await view.locator('.file[data-role="serverCert"] .file-summary', { hasText: 'web.shop.svc' }).waitFor();
      // No CA for the client yet: it cannot trust the server, and the page says so with the fix.
      await view.locator('#run').click();
      await view.locator('#timeline tr[data-step="Client verifies server"][data-outcome="fail"]').waitFor();
      assert.match(await view.locator('#failure .reason').innerText(), /not among the CAs the client trusts/);
      assert.match(await view.locator('#failure .fix').innerText(), /Add the server's root CA to the client's trust bundle/);
      await page.screenshot({ path: path.join(SCREENSHOTS, '23-handshake-failure-explained.png') });

      await pickInHandshakePanel('serverCa', 'hs-root.pem');
      await pickInHandshakePanel('clientCert', 'hs-client.pem');
      // The key beside the client certificate is chosen with it.
      await view.locator('.file[data-role="clientKey"][data-chosen="true"] .file-name', { hasText: 'hs-client-key.pem' }).waitFor();
      await pickInHandshakePanel('clientCa', 'hs-root.pem');
      await view.locator('#expectServerName').fill('web.shop.svc');
      await view.locator('#allowClients').fill('cluster.local/ns/shop/sa/checkout');
      await view.locator('#run').click();
      await view.locator('#verdict[data-ok="true"]', { hasText: 'The mTLS handshake passed' }).waitFor();
      const outcomes = await view.locator('#timeline tr.step').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.outcome));
      assert.deepEqual(outcomes, ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
      assert.match(
        await view.locator('#negotiated').innerText(),
        /Protocol TLSv1\.3 · cipher TLS_\w+ · client identity spiffe:\/\/cluster\.local\/ns\/shop\/sa\/checkout/,
      );
      await view.locator('#wire summary').click();
      await view.locator('#wire tr', { hasText: 'Certificate, 2 certificates (decrypted)' }).first().waitFor();
      await view.locator('#copy-report').click();
      await page.locator('.statusbar', { hasText: 'mTLS handshake report copied as Markdown' }).waitFor();
      await page.setViewportSize({ width: 1400, height: 2000 });
      try {
        await page.screenshot({ path: path.join(SCREENSHOTS, '24-handshake-mtls-passed.png') });
      } finally {
        await page.setViewportSize({ width: 1400, height: 900 });
      }
    } catch (error) {
      // The picture of the failure, before the clean-up below closes the panel.
      await page.screenshot({ path: path.join(SCREENSHOTS, 'failed-handshake-panel.png') });
      throw error;
    } finally {
      await clearWorkbench();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("takes a TLS Secret's certificate and key from its manifest, named by Secret and file, and passes a handshake with them", async () => {
    await clearWorkbench();
    await runCommand('Mesh mTLS: Open mTLS Handshake Test');
    const view = decodedView();
    await view.locator('#pick-serverCert').click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Choose the server certificate' }).waitFor();
    // The list is longer than the widget: narrow it to the Secret, as a user typing its name does.
    await page.locator('.quick-input-widget input').fill('Secret shop/cart-tls');
    const secret = page.locator('.quick-input-list .monaco-list-row', { hasText: 'tls.crt of Secret shop/cart-tls' });
    await secret.first().waitFor();
    assert.match(await secret.first().innerText(), /workloads\/cart-tls-secret\.yaml:\d+[\s\S]*cart\.shop\.svc · expires in 60 days/);
    await whenOpaque('.quick-input-widget');
    await page.screenshot({ path: path.join(SCREENSHOTS, '38-handshake-pick-secret.png') });
    await secret.first().click();
    const chosen = (role: FileRole) => view.locator(`.file[data-role="${role}"][data-chosen="true"] .file-name`);
    await chosen('serverCert').filter({ hasText: 'tls.crt of Secret shop/cart-tls in workloads/cart-tls-secret.yaml' }).waitFor();
    // The Secret's key comes with its certificate, as a key file beside a certificate file does.
    await chosen('serverKey').filter({ hasText: 'tls.key of Secret shop/cart-tls in workloads/cart-tls-secret.yaml' }).waitFor();
    // The certificate is self-signed: the client trusts it as it is.
    await view.locator('#pick-clientCa').click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Choose the CA bundle the client trusts' }).waitFor();
    await page.locator('.quick-input-widget input').fill('Secret shop/cart-tls');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'tls.crt of Secret shop/cart-tls' }).first().click();
    await chosen('clientCa').filter({ hasText: 'tls.crt of Secret shop/cart-tls' }).waitFor();
    await view.locator('#mode').selectOption('tls');
    await view.locator('#expectServerName').fill('cart.shop.svc');
    await view.locator('#run').click();
    await view.locator('#verdict[data-ok="true"]').waitFor();
    // The page names the key; its bytes stay in the extension host.
    assert.doesNotMatch(await view.locator('body').innerHTML(), /PRIVATE KEY|LS0tLS1CRUdJTi/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '39-handshake-secret-passed.png') });
  });

  it('opens the Getting Started walkthrough; its example, lens and quick fix tick their steps', async () => {
    await clearWorkbench();
    await openWalkthrough();
    await walkthroughStep('openExample').waitFor();
    // Trusted: the steps that write keys and open sockets are there, their Restricted Mode notes are not.
    await walkthroughStep('createDevCa').waitFor();
    assert.equal(await walkthroughStep('createDevCaRestricted').count(), 0);
    // The step's own page, drawn from the package's media/walkthrough/.
    await decodedView().locator('h1', { hasText: 'An example to try things on' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, '40-walkthrough.png') });
    await walkthroughButton('Open the Example').click();
    const example = page.locator('.tab', { hasText: 'Untitled-1' });
    try {
      await page.locator('.tab.active', { hasText: 'Untitled' }).waitFor();
      await page.locator('.part.editor .squiggly-error').first().waitFor();
      await goToLine(EXAMPLE_MANIFEST.split('\n').findIndex((line) => line.includes('mode: Strict')) + 1);
      await page.keyboard.press('End');
      await page.keyboard.press('Control+.');
      // The fix the diagnostic carries is the preferred one, first and focused: Enter applies it.
      await page.locator('.action-widget', { hasText: 'Change to STRICT' }).waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.part.editor .view-line', { hasText: 'mode: STRICT' }).waitFor();
      await page.locator('.part.editor .squiggly-error').waitFor({ state: 'detached' });
      const lens = page.locator('.codelens-decoration a', { hasText: 'STRICT for 1 workload' });
      await lens.first().click();
      await page.locator('.peekview-widget').first().waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, '41-walkthrough-example-fixed.png') });
      await page.keyboard.press('Escape');
    } finally {
      // The example was never saved: close it without the save prompt, which would stop every test after this one.
      if (await example.count()) {
        await example.first().click();
        await runCommand('View: Revert and Close Editor');
      }
    }
    await openWalkthrough();
    for (const id of ['openExample', 'readLens', 'fixDiagnostic']) await walkthroughStep(id, true).waitFor();
    assert.equal(await walkthroughStep('createDevCa', true).count(), 0);
    await page.screenshot({ path: path.join(SCREENSHOTS, '42-walkthrough-steps-done.png') });
  });

  it('verifies a bundle against a CA picked from the workspace, and says so', async () => {
    await clearWorkbench();
    await quickOpen('payments-chain.pem');
    await runCommandKeepingPicker('Mesh mTLS: Verify Chain…');
    const root = page.locator('.quick-input-list .monaco-list-row', { hasText: 'shop-root-ca.pem' });
    await root.first().waitFor();
    // Files named like CA bundles come first in the pick.
    assert.match(await page.locator('.quick-input-list .monaco-list-row').first().innerText(), /shop-root-ca/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '10-verify-chain-pick.png') });
    await root.first().click();
    const toast = page.locator('.notification-toast', { hasText: 'Chain verified: spiffe://cluster.local/ns/shop/sa/payments' });
    await toast.waitFor();
    assert.match(await toast.innerText(), /Shop Intermediate CA → Shop Root CA \(trusting certs\/shop-root-ca\.pem\)/);
    await whenOpaque('.notification-toast');
    await page.screenshot({ path: path.join(SCREENSHOTS, '11-verify-chain-verdict.png') });
  });

  it('shows the CodeLens of the certificate inside a TLS Secret, and decodes it on a click', async () => {
    await clearWorkbench();
    await quickOpen('cart-tls-secret.yaml');
    const lens = page.locator('.codelens-decoration a', { hasText: 'cart.shop.svc' });
    await lens.first().waitFor();
    assert.match(await lens.first().innerText(), /expires in 60 days/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '13-secret-codelens.png') });
    await lens.first().click();
    await decodedView().locator('#title', { hasText: 'cart.shop.svc' }).waitFor();
    await decodedView().locator('#origin', { hasText: 'tls.crt' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, '14-secret-decoded.png') });
  });

  /** The message line under the quick input's box: the prompt, or the validation message when there is one. */
  function inputMessage(text: string) {
    return page.locator('.quick-input-widget .quick-input-message', { hasText: text });
  }

  /** Waits for the step that says `text`, then takes what it offers with Enter. */
  async function acceptStep(text: string): Promise<void> {
    await inputMessage(text).waitFor();
    await page.keyboard.press('Enter');
  }

  /** Waits for the pick step listing `label`, then takes the item it has active with Enter. */
  async function acceptPick(label: string): Promise<void> {
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).first().waitFor();
    await page.keyboard.press('Enter');
  }

  const devCaFolder = () => path.join(examples.dir, '.mesh-mtls', 'mesh-mtls-development-ca');

  /** Runs a command that asks questions, and moves the mouse off the widget so that no hover covers the pictures. */
  async function startSteps(title: string): Promise<void> {
    await runCommandKeepingPicker(title);
    await page.mouse.move(900, 700);
  }

  /** Takes every default of Create Dev CA, as a user pressing Enter at each step does; `atKeyTypes` looks at the key-type pick first. */
  async function createDefaultDevCa(atKeyTypes: () => Promise<void> = async () => undefined): Promise<void> {
    await startSteps('Mesh mTLS: Create Dev CA…');
    await acceptStep("The CA's name");
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Ed25519' }).waitFor();
    await atKeyTypes();
    await acceptPick('ECDSA P-256');
    await acceptStep('How many days the root CA is valid');
    await acceptPick('Root only');
    await acceptStep('the DNS domains the CA may certify');
    await acceptStep('the URI hosts or SPIFFE trust domains');
    await acceptStep('Writes root-ca.pem, root-ca-key.pem');
  }

  it('creates a Dev CA step by step from the palette, ECDSA P-256 offered first among the key types', async () => {
    await clearWorkbench();
    await createDefaultDevCa(async () => {
      assert.match(await page.locator('.quick-input-list .monaco-list-row').first().innerText(), /ECDSA P-256[\s\S]*The default/);
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'ECDSA P-256' }).waitFor();
      await whenOpaque('.quick-input-widget');
      await page.screenshot({ path: path.join(SCREENSHOTS, '15-create-dev-ca-key-type.png') });
    });
    const toast = page.locator('.notification-toast', { hasText: 'Created the Dev CA "Mesh mTLS Development CA"' });
    await toast.waitFor();
    assert.equal(statSync(path.join(devCaFolder(), 'root-ca-key.pem')).mode & 0o777, 0o600);
    assert.equal(existsSync(path.join(devCaFolder(), 'root-ca.pem')), true);
    await toast.locator('.monaco-button', { hasText: 'Decode' }).click();
    await decodedView().locator('#title', { hasText: 'Mesh mTLS Development CA' }).waitFor();
  });

  it('asks before replacing the files of a Dev CA made again, and keeps them on Cancel', async () => {
    await clearWorkbench();
    const files = ['root-ca.pem', 'root-ca-key.pem'].map((name) => path.join(devCaFolder(), name));
    const before = files.map((file) => readFileSync(file, 'utf8'));
    await createDefaultDevCa();
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'replace 2 files in .mesh-mtls/mesh-mtls-development-ca?' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /root-ca\.pem\s+root-ca-key\.pem[\s\S]*keys included, would be lost/);
    await whenOpaque('.monaco-dialog-box');
    await page.screenshot({ path: path.join(SCREENSHOTS, '17-create-dev-ca-overwrite-modal.png') });
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(
      files.map((file) => readFileSync(file, 'utf8')),
      before,
    );
  });

  it('refuses a bad DNS name as it is typed in Issue Certificate, goes Back a step, and writes nothing on Escape', async () => {
    await clearWorkbench();
    await startSteps('Mesh mTLS: Issue Certificate…');
    await acceptPick('Mesh mTLS Development CA');
    await acceptPick('Server');
    await inputMessage('Kubernetes services as NAME.NAMESPACE').waitFor();
    await page.keyboard.type('payments.shop');
    await inputMessage('Adds payments, payments.shop, payments.shop.svc, payments.shop.svc.cluster.local').waitFor();
    await page.keyboard.press('Enter');
    await inputMessage('DNS names, comma or space separated').waitFor();
    await page.keyboard.type('api.shop, payments..shop');
    await inputMessage('DNS name "payments..shop": it has an empty label ("..")').waitFor();
    // Enter on a refused value keeps the step.
    await page.keyboard.press('Enter');
    await inputMessage('DNS name "payments..shop"').waitFor();
    await whenOpaque('.quick-input-widget');
    await page.screenshot({ path: path.join(SCREENSHOTS, '16-issue-certificate-invalid-dns.png') });
    await page.locator('.quick-input-widget .quick-input-left-action-bar .action-label').first().click();
    await inputMessage('Adds payments, payments.shop').waitFor();
    assert.equal(await page.locator('.quick-input-widget input').inputValue(), 'payments.shop');
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    assert.equal(existsSync(path.join(devCaFolder(), 'issued')), false);
  });
});

/**
 * The same package in a workspace the user has not trusted, as VS Code opens a folder it does not
 * know when workspace trust is on: checking and explaining still work (package.json says
 * `untrustedWorkspaces: limited`); what writes keys or opens sockets is off, and says why.
 */
describe('UI smoke: Restricted Mode', function () {
  this.timeout(120_000);
  const session = workbenchSession({ workspaceTrust: true, failedPrefix: 'failed-restricted-' });
  let page: Page;
  before(() => (page = session.page()));
  const { quickOpen, whenOpaque, focusWorkbench, clearWorkbench, decodedView, showModeTypo, hoverMode, openWalkthrough, walkthroughStep, walkthroughButton } =
    workbench(session.page);

  it('opens the examples in Restricted Mode and still checks the manifests', async () => {
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
    assert.match(await (await showModeTypo()).innerText(), /Did you mean "STRICT"\?/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '34-restricted-mode.png') });
  });

  it('explains a value on hover and shows certificate lenses in Restricted Mode', async () => {
    assert.match(await (await hoverMode()).innerText(), /mode · string/);
    await page.screenshot({ path: path.join(SCREENSHOTS, '35-restricted-hover.png') });
    await page.keyboard.press('Escape');
    await quickOpen('expiring-soon.pem');
    await page.locator('.codelens-decoration a', { hasText: 'expires in 23 days' }).first().waitFor();
  });

  it('leaves the commands that write keys or open sockets out of the palette', async () => {
    await focusWorkbench();
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Mesh mTLS: ');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Decode Certificate' }).first().waitFor();
    const titles = await rows.allInnerTexts();
    for (const title of ['Create Dev CA', 'Issue Certificate', 'Open mTLS Handshake Test', 'Export as Kubernetes TLS Secret'])
      assert.ok(!titles.some((text) => text.includes(title)), `${title} is offered in Restricted Mode: ${titles.join(' | ')}`);
    await whenOpaque('.quick-input-widget');
    await page.screenshot({ path: path.join(SCREENSHOTS, '36-restricted-palette.png') });
    await page.keyboard.press('Escape');
  });

  it('says in the walkthrough why creating a CA and the handshake test are off, and how to turn them on', async () => {
    // No Problems panel under the walkthrough: the expanded step's button must be in the picture.
    await clearWorkbench();
    await openWalkthrough();
    await walkthroughStep('createDevCaRestricted').waitFor();
    await walkthroughStep('handshakeTestRestricted').waitFor();
    assert.equal(await walkthroughStep('createDevCa').count(), 0);
    assert.equal(await walkthroughStep('handshakeTest').count(), 0);
    await walkthroughStep('createDevCaRestricted').click();
    await walkthroughButton('Manage Workspace Trust').waitFor();
    assert.match(await walkthroughStep('createDevCaRestricted').innerText(), /writes private keys/);
    await decodedView().locator('h1', { hasText: 'Creating a CA needs a trusted workspace' }).waitFor();
    await page.mouse.move(1300, 850);
    await page.screenshot({ path: path.join(SCREENSHOTS, '37-restricted-walkthrough.png') });
  });
});
