import { fileURLToPath } from 'node:url';

/** The file a `file:` URI names; undefined for any other URI and for one that is no well-formed file URL (clients send those too). */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
