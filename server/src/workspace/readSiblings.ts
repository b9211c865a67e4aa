import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SiblingFile } from '../service/certificates/siblingFiles';
import { readSmallFile } from './scan';

/** Key and certificate files are small; anything larger is not one. */
const MAX_SIBLING_BYTES = 1_000_000;

/**
 * The named files beside `file` that exist: from the editor when open there (its text is newer
 * than the disk's), else from disk.
 */
export async function readSiblings(file: string, names: string[], openText: (uri: string) => string | undefined): Promise<SiblingFile[]> {
  const dir = path.dirname(file);
  const found = await Promise.all(
    names.map(async (name) => {
      const full = path.join(dir, name);
      const text = openText(pathToFileURL(full).href) ?? (await readSmallFile(full, MAX_SIBLING_BYTES));
      return text === undefined ? [] : [{ name, text }];
    }),
  );
  return found.flat();
}
