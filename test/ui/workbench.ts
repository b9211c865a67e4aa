import type { Page } from 'playwright-core';

// What the UI tests do in the workbench again and again, as a user would: open a file, run a
// command from the palette, clear the editors, wait for a widget to be drawn. `page()` is asked
// each time, so a suite may open its page after making these.

export function workbench(page: () => Page) {
  /** A webview that has focus keeps the workbench's keys (F1, Ctrl+P) to itself; hand focus back first. */
  async function focusWorkbench(): Promise<void> {
    await page().evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }

  async function quickOpen(fileName: string): Promise<void> {
    await focusWorkbench();
    await page().keyboard.press('Control+P');
    await page().locator('.quick-input-widget input').fill(fileName);
    // Enter takes the focused row; right after typing it may still be a recently opened file.
    await page().locator('.quick-input-list .monaco-list-row.focused', { hasText: fileName }).first().waitFor();
    await page().keyboard.press('Enter');
    await page().locator('.tab.active', { hasText: fileName }).waitFor();
  }

  /** The page inside the one webview on show (VS Code nests it in a second frame). */
  function decodedView() {
    return page().frameLocator('iframe.webview').last().frameLocator('iframe#active-frame');
  }

  async function runCommand(title: string): Promise<void> {
    await runCommandKeepingPicker(title);
    await page().locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Runs a command from the palette; a command that opens a picker of its own leaves that picker up. */
  async function runCommandKeepingPicker(title: string): Promise<void> {
    await focusWorkbench();
    await page().keyboard.press('F1');
    await page().locator('.quick-input-widget input').fill(`>${title}`);
    // A click, not Enter: Enter runs the focused row, which fuzzy ranking may give to another command.
    await page().locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
  }

  /** One editor, no panel: room for the widget a screenshot is about. */
  async function clearWorkbench(): Promise<void> {
    await runCommand('View: Close All Editor Groups');
    if (await page().locator('.part.panel').isVisible()) await runCommand('View: Hide Panel');
    if (await page().locator('.notification-toast').count()) await runCommand('Notifications: Clear All Notifications');
  }

  /** Monaco fades its widgets in; a screenshot waits until the widget is fully drawn. */
  async function whenOpaque(selector: string): Promise<void> {
    await page().waitForFunction(
      (s) => Array.from(document.querySelectorAll(s)).some((e) => getComputedStyle(e).opacity === '1' && (e as HTMLElement).offsetHeight > 0),
      selector,
    );
  }

  async function goToLine(line: number): Promise<void> {
    await page().keyboard.press('Control+G');
    await page().locator('.quick-input-widget input').fill(`:${line}`);
    // Enter before the picker has read the number accepts nothing and leaves it open.
    await page()
      .locator('.quick-input-list .monaco-list-row', { hasText: `line ${line}` })
      .first()
      .waitFor();
    await page().keyboard.press('Enter');
    await page().locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await page()
      .locator('.part.editor .line-numbers.active-line-number', { hasText: String(line) })
      .waitFor();
  }

  /** The wrong-case mode of peer-authentication-typo.yaml: its squiggle, then its row in Problems (returned). */
  async function showModeTypo() {
    await quickOpen('peer-authentication-typo.yaml');
    await page().locator('.part.editor .squiggly-error').first().waitFor();
    await page().keyboard.press('Control+Shift+M');
    const row = page().locator('.markers-panel .monaco-list-row', { hasText: 'is not a valid value for spec.mtls.mode' }).first();
    await row.waitFor();
    return row;
  }

  /** The hover over the mode of peer-authentication.yaml, fully drawn (returned). */
  async function hoverMode() {
    await quickOpen('peer-authentication.yaml');
    await goToLine(10);
    await page().keyboard.press('End');
    await page().keyboard.press('ArrowLeft');
    await page().keyboard.press('Control+K');
    await page().keyboard.press('Control+I');
    const hover = page().locator('.monaco-hover', { hasText: 'plaintext connections are rejected' }).first();
    await hover.waitFor();
    await whenOpaque('.monaco-hover');
    return hover;
  }

  /** Opens our walkthrough from the palette, as Help › Open Walkthrough… does. */
  async function openWalkthrough(): Promise<void> {
    await runCommandKeepingPicker('Welcome: Open Walkthrough...');
    await page().locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Mesh mTLS' }).first().click();
    await page().locator('.gettingStartedSlideDetails', { hasText: 'Get Started with Mesh mTLS' }).waitFor();
  }

  /** A step of the walkthrough on show, by its id in package.json; `done` only when its box is ticked. */
  function walkthroughStep(id: string, done?: boolean) {
    return page().locator(`button.getting-started-step[data-step-id$="${id}"]${done ? ':has([data-done-step-id].complete)' : ''}`);
  }

  /** A button of the expanded step (a command link of its description). */
  function walkthroughButton(label: string) {
    return page().locator('.gettingStartedSlideDetails .monaco-button:visible', { hasText: label }).first();
  }

  return {
    showModeTypo,
    hoverMode,
    openWalkthrough,
    walkthroughStep,
    walkthroughButton,
    focusWorkbench,
    quickOpen,
    decodedView,
    runCommand,
    runCommandKeepingPicker,
    clearWorkbench,
    whenOpaque,
    goToLine,
  };
}
