import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { privateKeyPem } from '../common/src/pki/keyPairs';
import { createDevCa, issueCertificate } from '../common/src/pki/mint';
import { certificatePem } from '../common/src/pki/pkiFiles';

// The minting row of `npm run bench`: a root, an intermediate and 100 ECDSA P-256 mTLS leaves,
// PEM-encoded as they would be written, against the same hierarchy made with the openssl CLI a
// process per step (what the docs of each mesh tell users to run).

export const LEAVES = 100;

export async function mintHierarchy(leaves = LEAVES): Promise<number> {
  const ca = await createDevCa({ name: 'Bench Dev CA', intermediate: true });
  let bytes = 0;
  for (let i = 0; i < leaves; i++) {
    const issued = await issueCertificate(ca, { profile: 'mtls', dns: [`svc-${i}.bench.svc`] });
    bytes += certificatePem(issued.certificate).length + privateKeyPem(issued.key).length;
  }
  return bytes;
}

/**
 * The openssl equivalent: `req -x509` for the root, `req` + `x509 -req` for the intermediate and
 * for each leaf (a new P-256 key each time), with the same extensions.
 */
export function opensslHierarchy(leaves = LEAVES): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'mm-bench-mint-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string) => path.join(dir, name);
  writeFileSync(
    file('ca.ext'),
    'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'ignore'] });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  return () => {
    run([
      'req',
      '-x509',
      ...newKey,
      '-keyout',
      file('root.key'),
      '-out',
      file('root.pem'),
      '-subj',
      '/CN=Bench Root',
      '-days',
      '365',
      '-addext',
      'basicConstraints=critical,CA:TRUE,pathlen:1',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    run(['req', '-new', ...newKey, '-keyout', file('int.key'), '-out', file('int.csr'), '-subj', '/CN=Bench Intermediate']);
    run([
      'x509',
      '-req',
      '-in',
      file('int.csr'),
      '-CA',
      file('root.pem'),
      '-CAkey',
      file('root.key'),
      '-CAcreateserial',
      '-days',
      '180',
      '-extfile',
      file('ca.ext'),
      '-out',
      file('int.pem'),
    ]);
    for (let i = 0; i < leaves; i++) {
      writeFileSync(
        file('leaf.ext'),
        `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:svc-${i}.bench.svc\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n`,
      );
      run(['req', '-new', ...newKey, '-keyout', file('leaf.key'), '-out', file('leaf.csr'), '-subj', `/CN=svc-${i}.bench.svc`]);
      run([
        'x509',
        '-req',
        '-in',
        file('leaf.csr'),
        '-CA',
        file('int.pem'),
        '-CAkey',
        file('int.key'),
        '-CAcreateserial',
        '-days',
        '90',
        '-extfile',
        file('leaf.ext'),
        '-out',
        file('leaf.pem'),
      ]);
    }
  };
}
