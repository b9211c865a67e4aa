import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { READ_CAPS } from '../../../common/src/files/boundedRead';
import type { SiblingFile } from '../service/certificates/siblingFiles';
import { readSmallFile } from './scan';

/**
 * The named files beside `file` that exist: from the editor when open there (its text is newer
 * than the disk's), else from disk. Only regular files of key or certificate size are read, and a
 * link is followed only while it stays inside `root` (the workspace folder; by default the
 * folder of `file`), so a key.pem linked to /dev/zero, a FIFO or a file elsewhere costs nothing.
 */
export async function readSiblings(
  file: string,
  names: string[],
  openText: (uri: string) => string | undefined,
  root = path.dirname(file),
): Promise<SiblingFile[]> {
  const dir = path.dirname(file);
  const found = await Promise.all(
    names.map(async (name) => {
      const full = path.join(dir, name);
      const text = openText(pathToFileURL(full).href) ?? (await readSmallFile(full, READ_CAPS.keyOrCertificate, root));
      return text === undefined ? [] : [{ name, text }];
    }),
  );
  return found.flat();
}
