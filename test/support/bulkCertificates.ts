import { findPemBlocks, toPem } from '../../common/src/pem/blocks';
import { opensslCertificate } from './certificates';

const NAME = 'bulk-00000000';
const SERIAL = '7a11223344556677';

/**
 * `count` distinct PEM certificates, each named for itself ("bulk-00000042"): one made by openssl,
 * the others its copies with the serial number and the name rewritten in place. Their signatures
 * no longer verify, but every one decodes, and no two share bytes, so each costs a real decode.
 * With `sameName`, only the serial numbers differ: every copy names every other as its issuer.
 */
export function bulkCertificates(count: number, options: { sameName?: boolean } = {}): string {
  const der = findPemBlocks(opensslCertificate({ subject: `/CN=${NAME}`, args: ['-set_serial', `0x${SERIAL}`] }))[0].der!;
  const template = Buffer.from(der);
  const serialAt = template.indexOf(Buffer.from(SERIAL, 'hex'));
  const names: number[] = [];
  for (let at = template.indexOf(NAME); at >= 0; at = template.indexOf(NAME, at + 1)) names.push(at);
  return Array.from({ length: count }, (_, i) => {
    const copy = Buffer.from(template);
    copy.writeUInt32BE(i, serialAt + 4);
    if (!options.sameName) for (const at of names) copy.write(`bulk-${String(i).padStart(8, '0')}`, at, 'latin1');
    return toPem('CERTIFICATE', copy);
  }).join('');
}
