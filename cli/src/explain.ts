import diagnosticsDoc from '../../docs/diagnostics.md';
import { DIAGNOSTIC_CODES } from '../../server/src/documents/diagnostic';
import { UsageError } from './usageError';

/** The docs/diagnostics.md entry of a code: its heading down to the next one. */
export function explanation(code: string): string | undefined {
  const start = diagnosticsDoc.indexOf(`\n## ${code}\n`);
  if (start < 0) return undefined;
  const rest = diagnosticsDoc.slice(start + 1);
  const end = rest.search(/\n#{1,2} /);
  return (end < 0 ? rest : rest.slice(0, end)).trim();
}

export function explain(code: string | undefined): number {
  if (!code) throw new UsageError('--explain needs a CODE');
  const text = (DIAGNOSTIC_CODES as readonly string[]).includes(code) ? explanation(code) : undefined;
  if (!text) throw new UsageError(`no diagnostic code "${code}" (see docs/diagnostics.md for the list)`);
  process.stdout.write(`${text}\n`);
  return 0;
}
