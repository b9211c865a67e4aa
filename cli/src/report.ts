import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderHtml } from '../../common/src/report/html';
import { renderMarkdown } from '../../common/src/report/markdown';
import { postureReport } from '../../server/src/report/posture';
import { countDiagnostics } from '../../server/src/report/ownFindings';
import { defaultSettings } from '../../common/src/protocol';
import { exitCode, failOnOption } from './lint';
import { parseOptions } from './options';
import { UsageError } from './usageError';
import { checkWorkspace, WORKSPACE_OPTIONS, workspaceSettings } from './workspaceCheck';

const FORMATS = ['html', 'markdown', 'json'] as const;

/**
 * `mesh-mtls report`: the mesh posture of the folders, read as one workspace (the same model the
 * editor's Mesh Posture view shows), as an HTML page, Markdown or JSON. The exit code is lint's
 * for the same files, so a pipeline can publish the report and still fail on errors.
 */
export function report(args: string[]): number {
  const options = parseOptions('report', args, {
    flags: ['follow-symlinks'],
    single: ['output', 'now', 'expiring-soon-days'],
    repeated: ['format', 'fail-on', ...WORKSPACE_OPTIONS],
  });
  const last = (name: string) => options.repeated.get(name)?.at(-1);
  const format = last('format') ?? 'html';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be html, markdown or json, not "${format}"`);
  const failOn = failOnOption(last('fail-on'));
  const nowText = options.single.get('now');
  const now = nowText === undefined ? new Date() : new Date(nowText);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be a date and time such as 2026-06-01T00:00:00Z, not "${nowText}"`);
  const daysText = options.single.get('expiring-soon-days');
  const expiringSoonDays = daysText === undefined ? defaultSettings.certificates.expiringSoonDays : Number(daysText);
  if (!Number.isInteger(expiringSoonDays) || expiringSoonDays < 0)
    throw new UsageError(`--expiring-soon-days must be a whole number of days, not "${daysText}"`);
  const settings = workspaceSettings(options);
  const targets = options.positional;
  if (targets.length === 0) throw new UsageError('report needs at least one FOLDER or FILE');

  const checked = checkWorkspace(targets, options.flags.has('follow-symlinks'), settings, { certificates: true });

  const posture = postureReport({
    model: checked.model,
    certificates: checked.certificates,
    pathOf: (uri) => displayPath(fileURLToPath(uri), targets),
    now,
    expiringSoonDays,
    findings: countDiagnostics(checked.findings.map((f) => f.diagnostic)),
    roots: targets,
  });
  const text = format === 'json' ? `${JSON.stringify(posture, null, 2)}\n` : format === 'markdown' ? renderMarkdown(posture) : renderHtml(posture);
  const output = options.single.get('output');
  if (output === undefined) process.stdout.write(text);
  else writeFileSync(output, text);
  return exitCode(checked.findings, checked.unreadable, failOn);
}

/** A file as the report names it: relative to the folder target that holds it, `/` separated. */
function displayPath(file: string, targets: string[]): string {
  const absolute = path.resolve(file);
  const root = targets.map((t) => path.resolve(t)).find((t) => absolute.startsWith(`${t}${path.sep}`));
  return (root ? path.relative(root, absolute) : path.relative(process.cwd(), absolute)).split(path.sep).join('/');
}
