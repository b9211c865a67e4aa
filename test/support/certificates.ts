import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mintSelfSigned, type MintedCertificate } from '../../common/src/pki/selfSigned';

export const DAY = 24 * 60 * 60 * 1000;

/** A certificate valid from `ageDays` ago until `daysLeft` days from `now` (negative: already expired). */
export function certificateExpiringIn(daysLeft: number, commonName = 'test.example', now = new Date(), ageDays = 30): Promise<MintedCertificate> {
  return mintSelfSigned({
    commonName,
    dnsNames: [commonName],
    notBefore: new Date(now.getTime() - ageDays * DAY),
    notAfter: new Date(now.getTime() + daysLeft * DAY),
  });
}

/** Runs `openssl x509 <args>` on a PEM certificate and returns what it prints. */
export function openssl509(pem: string, args: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mm-openssl-'));
  try {
    const file = path.join(dir, 'cert.pem');
    writeFileSync(file, pem);
    return execFileSync('openssl', ['x509', '-in', file, '-noout', ...args], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A PEM certificate request made by `openssl req`, with the given `-addext` extensions. */
export function opensslCsr(extensions: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mm-openssl-'));
  try {
    const args = ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-subj', '/CN=csr.test'];
    for (const extension of extensions) args.push('-addext', extension);
    return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A self-signed ECDSA certificate and its key made by `openssl req -x509`, with `-addext` extensions. */
export function opensslSelfSigned(commonName: string, extensions: string[]): { certificatePem: string; privateKeyPem: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mm-openssl-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '30', '-keyout', keyFile, '-subj', `/CN=${commonName}`];
    for (const extension of extensions) args.push('-addext', extension);
    const certificatePem = execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { certificatePem, privateKeyPem: readFileSync(keyFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
