import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mintSelfSigned } from '../../common/src/pki/selfSigned';
import { EXAMPLES } from './paths';

const DAY = 24 * 60 * 60 * 1000;
export const EXPIRING_SOON = path.join(EXAMPLES, 'certs', 'expiring-soon.pem');

/**
 * A certificate that always expires in 23 days cannot be committed, so it is minted (a 90-day
 * certificate, 67 days old) each time the tests or `npm start` run. Its key is not kept.
 */
export async function writeExpiringSoonCertificate(now = new Date()): Promise<string> {
  const { certificatePem } = await mintSelfSigned({
    commonName: 'checkout.shop.svc',
    dnsNames: ['checkout.shop.svc', 'checkout.shop.svc.cluster.local'],
    notBefore: new Date(now.getTime() - 67 * DAY),
    notAfter: new Date(now.getTime() + 23 * DAY),
  });
  writeFileSync(EXPIRING_SOON, certificatePem);
  return EXPIRING_SOON;
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
