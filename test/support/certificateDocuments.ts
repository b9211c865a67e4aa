import { parseDocument, type ParsedDocument } from '../../server/src/documents/parsedDocument';
import { documentObjects } from '../../server/src/service/certificates/documentObjects';
import type { DocumentObjects } from '../../server/src/service/certificates/found';
import { caExtensions, leafExtensions, TestPki, type Minted } from './pki';

/** A document as the server holds it, and what the certificate services find in it. */
export function objectsOf(
  text: string,
  languageId = 'pem',
  uri = languageId === 'yaml' ? 'file:///work/manifest.yaml' : 'file:///work/bundle.pem',
  previous?: ParsedDocument,
): { parsed: ParsedDocument; found: DocumentObjects } {
  const parsed = parseDocument(uri, languageId, (previous?.version ?? 0) + 1, text, previous);
  return { parsed, found: documentObjects(parsed) };
}

export const base64 = (text: string | Uint8Array): string => Buffer.from(text).toString('base64');

/** Text indented by `spaces`, without its final line break: the body of a YAML block scalar. */
export const indent = (text: string, spaces: number): string =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');

/** Lines `text` spans once trimmed: how far the next block starts below this one's BEGIN. */
export const lineCount = (text: string): number => text.trimEnd().split('\n').length;

/** A root CA and a TLS leaf it signed, minted by openssl in a scratch PKI; call `pki.dispose()` after. */
export function mintRootAndLeaf(options: { root: string; leaf: string; leafExtensions?: string[]; notBefore?: Date; notAfter?: Date }): {
  pki: TestPki;
  root: Minted;
  leaf: Minted;
} {
  const pki = new TestPki();
  const dates = { notBefore: options.notBefore, notAfter: options.notAfter };
  const root = pki.mint({ subject: options.root, extensions: caExtensions(), ...dates });
  const dnsName = options.leaf.replace(/^.*CN=/, '');
  const leaf = pki.mint({ subject: options.leaf, issuer: root, extensions: [...leafExtensions(dnsName), ...(options.leafExtensions ?? [])], ...dates });
  return { pki, root, leaf };
}
