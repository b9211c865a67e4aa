import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isInside, READ_CAPS } from '../../../common/src/files/boundedRead';
import type { SpireFileReference } from '../service/spireLanguage';
import { readSmallFile } from './scan';

/**
 * The files SPIRE config references name, as far as the workspace holds them. A relative path is
 * SPIRE's working directory's, which for a repository's configs (SPIRE's own conf/ layout) is the
 * repository root: it is tried against each workspace folder, then beside the config. An absolute
 * path (a container's /run/spire/...) counts only inside a workspace folder. Reads are bounded and
 * never leave the folder; an open document's text wins over the disk's.
 */
export async function readSpireFiles(
  configUri: string,
  references: SpireFileReference[],
  folders: string[],
  openText: (uri: string) => string | undefined,
): Promise<Map<SpireFileReference, { uri: string; text: string }>> {
  const found = new Map<SpireFileReference, { uri: string; text: string }>();
  const roots = folders.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
  const besideConfig = configUri.startsWith('file:') ? path.dirname(fileURLToPath(configUri)) : undefined;
  await Promise.all(
    references.map(async (reference) => {
      const candidates = path.isAbsolute(reference.path)
        ? roots.filter((root) => isInside(reference.path, root)).map((root) => ({ file: reference.path, root }))
        : [
            ...roots.map((root) => ({ file: path.join(root, reference.path), root })),
            ...(besideConfig ? [{ file: path.join(besideConfig, reference.path), root: besideConfig }] : []),
          ];
      for (const { file, root } of candidates) {
        if (!isInside(file, root)) continue;
        const uri = pathToFileURL(file).href;
        const text = openText(uri) ?? (await readSmallFile(file, READ_CAPS.certificateBundle, root));
        if (text !== undefined) {
          found.set(reference, { uri, text });
          return;
        }
      }
    }),
  );
  return found;
}
