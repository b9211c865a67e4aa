// Where minted certificates and keys go: the layout of a CA folder (what `ca create` writes and
// `cert issue --ca` reads) and of an issued certificate's files.

import * as path from 'node:path';
import { READ_CAPS, readTextBoundedSync, skipMessage } from '../files/boundedRead';
import { findPemBlocks, toPem } from '../pem/blocks';
import { loadSigningKey, privateKeyPem } from './keyPairs';
import type { CaMaterial, DevCa, IssuedCertificate, KeyedCertificate } from './mint';
import type { OutputFile } from './outputFiles';

export const CA_FILES = {
  rootCert: 'root-ca.pem',
  rootKey: 'root-ca-key.pem',
  intermediateCert: 'intermediate-ca.pem',
  intermediateKey: 'intermediate-ca-key.pem',
} as const;

export class CaFolderError extends Error {}

/** The files of a new CA, with the key each has in `--json` output. */
export function caOutputFiles(ca: DevCa): Array<OutputFile & { role: keyof typeof CA_FILES }> {
  const files: Array<OutputFile & { role: keyof typeof CA_FILES }> = [
    { role: 'rootCert', name: CA_FILES.rootCert, content: certificatePem(ca.root.certificate), secret: false },
    { role: 'rootKey', name: CA_FILES.rootKey, content: privateKeyPem(ca.root.key), secret: true },
  ];
  if (ca.intermediate) {
    files.push(
      { role: 'intermediateCert', name: CA_FILES.intermediateCert, content: certificatePem(ca.intermediate.certificate), secret: false },
      { role: 'intermediateKey', name: CA_FILES.intermediateKey, content: privateKeyPem(ca.intermediate.key), secret: true },
    );
  }
  return files;
}

/**
 * A certificate or key file's text, undefined when it does not exist; throws saying why any other
 * file cannot be read (a link out of `root`, a FIFO, a file far too large to be a key).
 */
export function readPemFile(file: string, root?: string): string | undefined {
  const read = readTextBoundedSync(file, { maxBytes: READ_CAPS.keyOrCertificate, root });
  if ('text' in read) return read.text;
  if (read.skipped === 'missing') return undefined;
  throw new CaFolderError(skipMessage(read));
}

/**
 * Reads a CA folder written by `ca create`: the root certificate, and the intermediate with its
 * key when there is one (else the root's key). Says which file is missing or wrong. With `within`,
 * links out of it are not read (a folder found in a workspace, not one the user named).
 */
export function readCaFolder(dir: string, within?: string): CaMaterial {
  const read = (name: string, required: boolean): string | undefined => {
    const file = path.join(dir, name);
    const text = readPemFile(file, within);
    if (text === undefined && required) throw new CaFolderError(`${file} is missing: --ca takes a folder written by "mesh-mtls ca create"`);
    return text;
  };
  const rootPem = read(CA_FILES.rootCert, true)!;
  const intermediatePem = read(CA_FILES.intermediateCert, false);
  const root = { certificate: firstCertificate(rootPem, path.join(dir, CA_FILES.rootCert)) };
  if (intermediatePem !== undefined) {
    const intermediate = keyed(
      intermediatePem,
      read(CA_FILES.intermediateKey, true)!,
      path.join(dir, CA_FILES.intermediateCert),
      path.join(dir, CA_FILES.intermediateKey),
    );
    const rootKeyPem = read(CA_FILES.rootKey, false);
    const rootKey = rootKeyPem === undefined ? undefined : loadSigningKey(rootKeyPem);
    return { root: rootKey ? { ...root, key: rootKey } : root, intermediate };
  }
  return { root: keyed(rootPem, read(CA_FILES.rootKey, true)!, path.join(dir, CA_FILES.rootCert), path.join(dir, CA_FILES.rootKey)) };
}

/** A certificate and key read from PEM, or the reason they cannot be used. */
export function keyed(certificatePemText: string, keyPemText: string, certificateFile: string, keyFile: string): KeyedCertificate {
  const certificate = firstCertificate(certificatePemText, certificateFile);
  if (/ENCRYPTED/.test(keyPemText))
    throw new CaFolderError(`${keyFile} is encrypted; decrypt it first (openssl pkey -in ${path.basename(keyFile)} -out plain-key.pem)`);
  const key = loadSigningKey(keyPemText);
  if (!key) throw new CaFolderError(`${keyFile} holds no private key of a type we sign with (ECDSA P-256/P-384, RSA 2048/3072/4096, Ed25519)`);
  return { certificate, key };
}

function firstCertificate(text: string, file: string): Uint8Array {
  const block = findPemBlocks(text).find((b) => b.label === 'CERTIFICATE' && b.der);
  if (!block?.der) throw new CaFolderError(`${file} holds no readable PEM certificate`);
  return block.der;
}

export function certificatePem(der: Uint8Array): string {
  return toPem('CERTIFICATE', der);
}

/** The files of an issued certificate, named after `base`: the leaf, its key, the chain a server sends, and the root. */
export function leafOutputFiles(base: string, issued: IssuedCertificate): Array<OutputFile & { role: 'cert' | 'key' | 'chain' | 'ca' }> {
  return [
    { role: 'cert', name: `${base}.pem`, content: certificatePem(issued.certificate), secret: false },
    { role: 'key', name: `${base}-key.pem`, content: privateKeyPem(issued.key), secret: true },
    { role: 'chain', name: `${base}-chain.pem`, content: issued.chain.map(certificatePem).join(''), secret: false },
    { role: 'ca', name: CA_FILES.rootCert, content: certificatePem(issued.root), secret: false },
  ];
}

/** The files `leafOutputFiles` writes beside a certificate BASE.pem, by role. */
export function issuedFilePaths(certificateFile: string): { cert: string; key: string; chain: string; ca: string } {
  const base = certificateFile.replace(/\.pem$/, '');
  return { cert: `${base}.pem`, key: `${base}-key.pem`, chain: `${base}-chain.pem`, ca: path.join(path.dirname(base), CA_FILES.rootCert) };
}

/** What a TLS Secret of an issued certificate holds, read from its files; throws naming the one missing. */
export function readIssuedFiles(certificateFile: string): { chainPem: string; keyPem: string; caPem: string } {
  const files = issuedFilePaths(certificateFile);
  const read = (file: string): string => {
    const text = readPemFile(file);
    if (text === undefined)
      throw new CaFolderError(
        `${path.basename(file)} is missing beside ${path.basename(files.cert)}: give a certificate written by Issue Certificate (BASE.pem with BASE-key.pem, BASE-chain.pem and root-ca.pem beside it)`,
      );
    return text;
  };
  read(files.cert);
  const keyPem = read(files.key);
  return { keyPem, chainPem: read(files.chain), caPem: read(files.ca) };
}

/** A file base name for a leaf: its first DNS name, else its SPIFFE service account, else its CN, else "client". */
export function leafBaseName(request: { dns?: string[]; uri?: string[]; spiffeId?: string; commonName?: string }): string {
  const spiffe = request.spiffeId ?? request.uri?.find((u) => u.startsWith('spiffe://'));
  const candidate = request.dns?.[0] ?? spiffe?.split('/').filter(Boolean).pop() ?? request.commonName ?? 'client';
  const safe = candidate
    .replace(/^\*\./, 'wildcard.')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return safe || 'certificate';
}
