import { writeFileSync } from 'node:fs';
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
