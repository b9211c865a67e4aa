import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './peers';

// The server's waits, read from its sources at each run: the handlers keep them private, and a
// copy here would drift as soon as someone tunes them. The rows that include a wait say so, and
// the cross-file row subtracts the two it goes through.

export interface Debounces {
  /** server/src/handlers/diagnostics.ts: an edit's diagnostics wait this long for the next keystroke. */
  EDIT_DEBOUNCE_MS: number;
  /** server/src/handlers/workspace.ts: an edited document's resources enter the workspace index after this. */
  INDEX_DEBOUNCE_MS: number;
  /** server/src/handlers/workspace.ts: the workspace analysis runs, and closed files are re-published, after this. */
  ANALYSIS_DEBOUNCE_MS: number;
}

function constant(file: string, name: string): number {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  const value = new RegExp(`\\bconst ${name} = (\\d+)\\b`).exec(source)?.[1];
  if (value === undefined) throw new Error(`the bench reads ${name} from ${file} and did not find it there: say where it went in bench/debounce.ts`);
  return Number(value);
}

export function serverDebounces(): Debounces {
  return {
    EDIT_DEBOUNCE_MS: constant('server/src/handlers/diagnostics.ts', 'EDIT_DEBOUNCE_MS'),
    INDEX_DEBOUNCE_MS: constant('server/src/handlers/workspace.ts', 'INDEX_DEBOUNCE_MS'),
    ANALYSIS_DEBOUNCE_MS: constant('server/src/handlers/workspace.ts', 'ANALYSIS_DEBOUNCE_MS'),
  };
}
