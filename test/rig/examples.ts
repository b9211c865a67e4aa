import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mintSelfSigned } from '../../common/src/pki/selfSigned';
import { EXAMPLES } from './paths';

const DAY = 24 * 60 * 60 * 1000;
export const EXPIRING_SOON = path.join(EXAMPLES, 'certs', 'expiring-soon.pem');
export const TLS_SECRET = path.join(EXAMPLES, 'workloads', 'cart-tls-secret.yaml');

/**
 * Examples whose expiry is relative to today cannot be committed, so they are minted each time
 * the tests or `npm start` run (both git-ignored): a certificate that always expires in 23 days
 * (90-day lifetime, 67 days old; its key is not kept), and a TLS Secret whose certificate expires
 * in 60 days, with the throw-away key a TLS Secret must hold.
 */
export async function writeMintedExamples(now = new Date()): Promise<void> {
  const soon = await mintSelfSigned({
    commonName: 'checkout.shop.svc',
    dnsNames: ['checkout.shop.svc', 'checkout.shop.svc.cluster.local'],
    notBefore: new Date(now.getTime() - 67 * DAY),
    notAfter: new Date(now.getTime() + 23 * DAY),
  });
  writeFileSync(EXPIRING_SOON, soon.certificatePem);
  const cart = await mintSelfSigned({
    commonName: 'cart.shop.svc',
    dnsNames: ['cart.shop.svc', 'cart.shop.svc.cluster.local'],
    notBefore: new Date(now.getTime() - 30 * DAY),
    notAfter: new Date(now.getTime() + 60 * DAY),
  });
  const base64 = (pem: string) => Buffer.from(pem).toString('base64');
  writeFileSync(
    TLS_SECRET,
    [
      '# Minted by the test rig and `npm start` (test/rig/examples.ts); git-ignored. The key is a throw-away.',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: cart-tls',
      '  namespace: shop',
      'type: kubernetes.io/tls',
      'data:',
      `  tls.crt: ${base64(cart.certificatePem)}`,
      `  tls.key: ${base64(cart.privateKeyPem)}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
}

/**
 * A throw-away copy of the examples for a test run to open: a failed test that leaves an editor
 * dirty, or a dialog that saves it, must never change the project's own files.
 */
export function copyExamples(): { dir: string; dispose: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'mm-examples-'));
  const dir = path.join(root, 'examples');
  cpSync(EXAMPLES, dir, { recursive: true });
  return { dir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
