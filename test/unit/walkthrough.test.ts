import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { NEEDS_TRUST, restrictedMessage } from '../../client/src/commands/restricted';
import { EXAMPLE_FIXED_CONTEXT, EXAMPLE_MANIFEST, LENS_READ_CONTEXT, showsOurError } from '../../client/src/walkthrough/exampleManifest';
import { resourcesOf } from '../../server/src/analysis/resources';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { validateYaml } from '../../server/src/service/validation/index';
import { mtlsCodeLenses } from '../../server/src/service/mtlsLenses';
import { ROOT } from '../rig/paths';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
  completionEvents: string[];
  when?: string;
}
interface Command {
  command: string;
  title: string;
  enablement?: string;
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { commands: Command[]; walkthroughs: Array<{ id: string; steps: Step[] }> };
};
const nls = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const english = (text: string) => nls[/^%(.+)%$/.exec(text)?.[1] ?? ''] ?? text;
const [walkthrough] = manifest.contributes.walkthroughs;
const steps = walkthrough.steps;
const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
/** VS Code's own commands the walkthrough links to or completes on. */
const BUILT_IN = new Set(['workbench.trust.manage', 'workbench.actions.view.problems']);
/** The Mesh Posture view's id (its view is built elsewhere): `<view>.focus` is VS Code's own command for any view. */
const POSTURE_VIEW = 'meshMtls.posture';

const links = (step: Step) => [...english(step.description).matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]);

describe('the Getting Started walkthrough', () => {
  it('walks through the example, a lens, a fix, a dev CA, a handshake and the posture view, in that order', () => {
    assert.deepEqual(
      steps.map((s) => s.id),
      ['openExample', 'readLens', 'fixDiagnostic', 'createDevCa', 'createDevCaRestricted', 'handshakeTest', 'handshakeTestRestricted', 'posture'],
    );
  });

  it('gives every step its own short Markdown page, shipped in the package', () => {
    const allowed = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(allowed.includes('!media/walkthrough/*.md'));
    for (const step of steps) {
      const page = step.media.markdown;
      assert.match(page ?? '', /^media\/walkthrough\/[\w-]+\.md$/, step.id);
      assert.ok(existsSync(path.join(ROOT, page!)), page);
      const text = readFileSync(path.join(ROOT, page!), 'utf8');
      assert.match(text, /^# \S/, `${page} opens with a heading`);
      assert.ok(text.split(/\s+/).length < 160, `${page} stays short`);
    }
  });

  it('has a button in every step that runs a command there is', () => {
    for (const step of steps) {
      const commands = links(step);
      assert.equal(commands.length, 1, step.id);
      const [command] = commands;
      if (command.endsWith('.focus')) assert.equal(command, `${POSTURE_VIEW}.focus`, step.id);
      else assert.ok(contributed.has(command) || BUILT_IN.has(command), `${step.id}: ${command}`);
    }
  });

  it('completes each step on an event that fires: a command run, the posture view shown, the lens clicked or the example fixed', () => {
    for (const step of steps) {
      assert.ok(step.completionEvents.length > 0, step.id);
      for (const event of step.completionEvents) {
        const [kind, name] = event.split(/:(.*)/s);
        if (kind === 'onCommand') assert.ok(contributed.has(name) || BUILT_IN.has(name), event);
        else if (kind === 'onView') assert.equal(name, POSTURE_VIEW);
        else {
          assert.equal(kind, 'onContext', event);
          assert.ok([EXAMPLE_FIXED_CONTEXT, LENS_READ_CONTEXT].includes(name), event);
        }
      }
    }
    // The lens step completes on the lens's own click (its command sets the key; see LENS_READ_CONTEXT).
    assert.deepEqual(steps.find((s) => s.id === 'readLens')?.completionEvents, [`onContext:${LENS_READ_CONTEXT}`]);
  });

  it('shows the key-writing and socket-opening steps only when trusted, and in Restricted Mode says why instead', () => {
    for (const step of steps) {
      const needsTrust = links(step).some((command) => command in NEEDS_TRUST);
      if (needsTrust) {
        assert.equal(step.when, 'isWorkspaceTrusted', step.id);
        const twin = steps.find((s) => s.id === `${step.id}Restricted`);
        assert.equal(twin?.when, '!isWorkspaceTrusted', `${step.id} has a Restricted Mode twin`);
        assert.deepEqual(links(twin), ['workbench.trust.manage']);
        assert.match(english(twin.description), /(writes private keys|opens network sockets).*trust this workspace/);
      } else if (!step.id.endsWith('Restricted')) assert.equal(step.when, undefined, `${step.id} works in Restricted Mode`);
    }
  });
});

describe('commands Restricted Mode turns off', () => {
  it('are the ones package.json enables in trusted workspaces only, named as package.nls.json names them', () => {
    const gated = manifest.contributes.commands.filter((c) => c.enablement === 'isWorkspaceTrusted');
    assert.deepEqual(gated.map((c) => c.command).sort(), Object.keys(NEEDS_TRUST).sort());
    for (const command of gated) assert.equal(NEEDS_TRUST[command.command].title, english(command.title));
  });

  it('say why when run anyway', () => {
    assert.equal(
      restrictedMessage('meshMtls.createDevCa'),
      'Mesh mTLS: Create Dev CA is off in Restricted Mode, since it writes private keys into the workspace. Trust this workspace to use it.',
    );
    assert.match(
      restrictedMessage('meshMtls.openHandshakeTest'),
      /^Mesh mTLS: Open mTLS Handshake Test is off in Restricted Mode, since it opens network sockets\./,
    );
  });
});

describe('the walkthrough example', () => {
  const registry = createDefaultRegistry();
  const fixed = EXAMPLE_MANIFEST.replace('mode: Strict', 'mode: STRICT');
  const lensTitles = (text: string) => {
    const uri = 'untitled:Untitled-1';
    const model = new WorkspaceModel(resourcesOf(uri, parseYaml(text)));
    return mtlsCodeLenses(uri, model).map((lens) => lens.command?.title);
  };

  it('has one error, the mode in the wrong case, with a quick fix to STRICT', () => {
    const errors = validateYaml(parseYaml(EXAMPLE_MANIFEST), registry).filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.deepEqual(
      errors.map((d) => d.code),
      ['enum-value'],
    );
    assert.equal((errors[0].data as { replacement?: string }).replacement, 'STRICT');
    assert.equal(showsOurError(errors, DiagnosticSeverity.Error), true);
  });

  it('is clean once fixed, so the fix step completes, and its lens then puts web in STRICT mode', () => {
    const errors = validateYaml(parseYaml(fixed), registry).filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.equal(showsOurError(errors, DiagnosticSeverity.Error), false);
    assert.ok(
      lensTitles(fixed).some((title) => /STRICT for 1 workload/.test(title ?? '')),
      JSON.stringify(lensTitles(fixed)),
    );
  });

  it('counts only our own errors: another extension’s, or our warnings, do not hold the step back', () => {
    assert.equal(showsOurError([{ source: 'yaml', severity: DiagnosticSeverity.Error }], DiagnosticSeverity.Error), false);
    assert.equal(showsOurError([{ source: 'mesh-mtls', severity: DiagnosticSeverity.Warning }], DiagnosticSeverity.Error), false);
  });
});
