import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { findPemBlocks, toPem } from '../common/src/pem/blocks';
import { decodePemBlock } from '../common/src/x509/decode';
import { lintObjects } from '../common/src/x509/lint';

// The certificate rows of `npm run bench`: the system trust bundle decoded and linted in process,
// against one `openssl x509 -noout -text` process per certificate (what a user without us runs).

export const SYSTEM_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

export interface CertificateBenchInput {
  text: string;
  certificates: number;
}

export function systemBundle(): CertificateBenchInput | undefined {
  if (!existsSync(SYSTEM_BUNDLE)) return undefined;
  const text = readFileSync(SYSTEM_BUNDLE, 'utf8');
  return { text, certificates: findPemBlocks(text).filter((b) => b.label === 'CERTIFICATE').length };
}

/** Reads every block of a bundle and runs the certificate rules over them, as the server does per document version. */
export function decodeAndLint(text: string, now: Date): number {
  const objects = findPemBlocks(text).map((block) => ({ der: block.der, decoded: decodePemBlock(block) }));
  return lintObjects({ objects, now, expiringSoonDays: 30 }).length;
}

/** A bundle of `count` certificates made by repeating the system bundle's (a real mix of keys and extensions). */
export function largeBundle(input: CertificateBenchInput, count: number): string {
  const blocks = findPemBlocks(input.text).filter((b) => b.label === 'CERTIFICATE' && b.der);
  return Array.from({ length: count }, (_, i) => toPem('CERTIFICATE', blocks[i % blocks.length].der!)).join('');
}

/** Wall time of one `openssl x509 -noout -text` per certificate of the bundle, files written beforehand. */
export function opensslPerCertificate(text: string): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'mm-bench-'));
  const files = findPemBlocks(text)
    .filter((b) => b.label === 'CERTIFICATE' && b.der)
    .map((block, i) => {
      const file = path.join(dir, `${i}.pem`);
      writeFileSync(file, toPem('CERTIFICATE', block.der!));
      return file;
    });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return () => {
    for (const file of files) execFileSync('openssl', ['x509', '-in', file, '-noout', '-text'], { stdio: ['ignore', 'ignore', 'ignore'] });
  };
}

export function timeOnce(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}
