import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { explain } from './explain';
import { parseOptions } from './options';
import { sarifLog } from './sarif';
import { UsageError } from './usageError';
import { checkWorkspace, WORKSPACE_OPTIONS, workspaceSettings, type Finding } from './workspaceCheck';

export const SEVERITY: Record<number, 'error' | 'warning' | 'information' | 'hint'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};
export const FAIL_ON = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, never: 0 } as const;

/**
 * `mesh-mtls lint`: every file checked on its own, then all of them read as one workspace for
 * the cross-resource rules. Returns the exit code.
 */
export function lint(args: string[]): number {
  // Valued options may be repeated: the last one counts, as it always has.
  const options = parseOptions('lint', args, {
    flags: ['follow-symlinks'],
    repeated: ['format', 'fail-on', 'explain', ...WORKSPACE_OPTIONS],
  });
  const last = (name: string) => options.repeated.get(name)?.at(-1);
  const explained = last('explain');
  if (explained !== undefined) return explain(explained);
  const format = last('format') ?? 'text';
  const failOn = failOnOption(last('fail-on'));
  const settings = workspaceSettings(options);
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  if (options.positional.length === 0) throw new UsageError('lint needs at least one FILE or FOLDER');
  const { findings, unreadable } = checkWorkspace(options.positional, options.flags.has('follow-symlinks'), settings);

  if (format === 'json') {
    const json = findings.map(({ file, diagnostic: d }) => ({
      file,
      range: d.range,
      severity: SEVERITY[d.severity ?? DiagnosticSeverity.Error],
      code: d.code,
      message: d.message,
    }));
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else if (format === 'sarif') {
    process.stdout.write(`${JSON.stringify(sarifLog(findings), null, 2)}\n`);
  } else {
    for (const { file, diagnostic } of findings) process.stdout.write(`${formatText(file, diagnostic)}\n`);
  }
  return exitCode(findings, unreadable, failOn);
}

export function failOnOption(value: string | undefined): keyof typeof FAIL_ON {
  const failOn = (value ?? 'error') as keyof typeof FAIL_ON;
  if (!Object.hasOwn(FAIL_ON, failOn)) throw new UsageError(`--fail-on must be error, warning or never, not "${failOn}"`);
  return failOn;
}

/** 2 when a file could not be read; 1 when a finding is at or above --fail-on; else 0. */
export function exitCode(findings: Finding[], unreadable: boolean, failOn: keyof typeof FAIL_ON): number {
  if (unreadable) return 2;
  const threshold = FAIL_ON[failOn];
  return threshold !== 0 && findings.some(({ diagnostic }) => (diagnostic.severity ?? DiagnosticSeverity.Error) <= threshold) ? 1 : 0;
}

function formatText(file: string, d: Diagnostic): string {
  const { line, character } = d.range.start;
  return `${file}:${line + 1}:${character + 1}: ${SEVERITY[d.severity ?? DiagnosticSeverity.Error]} [${d.code}] ${d.message}`;
}
