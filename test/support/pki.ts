import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findPemBlocks } from '../../common/src/pem/blocks';
import * as assert from 'node:assert/strict';
import { verifyChain, type ChainFailureReason } from '../../common/src/x509/chain';

// Real certificate hierarchies for tests, minted by the openssl CLI: `openssl ca` because it is the
// one openssl 3.0 command that takes chosen start and end dates, so expired and not-yet-valid
// certificates need no fake clock.

export type KeyKind = 'ec' | 'ec384' | 'rsa2048' | 'rsa1024' | 'rsa-pss' | 'ed25519';

export interface MintRequest {
  /** openssl -subj form: "/O=Shop/CN=web". */
  subject: string;
  /** The CA that signs it; self-signed when absent. */
  issuer?: Minted;
  /** Lines of an openssl extension file: "basicConstraints=critical,CA:TRUE". */
  extensions: string[];
  notBefore?: Date;
  notAfter?: Date;
  key?: KeyKind;
  /** Reuse another certificate's key (re-issued roots, key-mismatch cases). */
  keyOf?: Minted;
  /** openssl digest name: sha256 (default), sha1, md5. */
  digest?: string;
}

export interface Minted {
  subject: string;
  certificatePem: string;
  der: Uint8Array;
  /** Unencrypted PKCS#8 PEM of the certificate's key. */
  keyPem: string;
  certificateFile: string;
  keyFile: string;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Extension lines of a CA: critical CA:TRUE (with pathLen when given), keyCertSign and cRLSign, key identifiers. */
export function caExtensions(pathLength?: number): string[] {
  return [
    `basicConstraints=critical,CA:TRUE${pathLength === undefined ? '' : `,pathlen:${pathLength}`}`,
    'keyUsage=critical,keyCertSign,cRLSign',
    'subjectKeyIdentifier=hash',
    'authorityKeyIdentifier=keyid',
  ];
}

/** Extension lines of a TLS server-and-client leaf for `dnsName`. */
export function leafExtensions(dnsName: string): string[] {
  return [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth,clientAuth',
    `subjectAltName=DNS:${dnsName}`,
    'subjectKeyIdentifier=hash',
    'authorityKeyIdentifier=keyid',
  ];
}

const CA_CONFIG = (dir: string) => `[ ca ]
default_ca = test_ca
[ test_ca ]
dir = ${dir}
database = ${dir}/index.txt
serial = ${dir}/serial
new_certs_dir = ${dir}/issued
default_md = sha256
policy = any_name
unique_subject = no
email_in_dn = no
copy_extensions = none
[ any_name ]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = optional
emailAddress = optional
[ req ]
distinguished_name = req_name
[ req_name ]
`;

/** A scratch directory of keys and certificates; call `dispose()` when the tests are done. */
export class TestPki {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'mm-pki-'));
  private count = 0;

  constructor() {
    mkdirSync(path.join(this.dir, 'issued'));
    writeFileSync(path.join(this.dir, 'index.txt'), '');
    writeFileSync(path.join(this.dir, 'ca.cnf'), CA_CONFIG(this.dir));
  }

  mint(request: MintRequest): Minted {
    const base = path.join(this.dir, `c${++this.count}`);
    const keyFile = request.keyOf?.keyFile ?? this.newKey(`${base}.key`, request.key ?? 'ec');
    const csrFile = `${base}.csr`;
    const extFile = `${base}.ext`;
    const certificateFile = `${base}.pem`;
    writeFileSync(extFile, request.extensions.join('\n') + '\n');
    this.openssl(['req', '-new', '-config', path.join(this.dir, 'ca.cnf'), '-key', keyFile, '-subj', request.subject, '-out', csrFile]);
    const notBefore = request.notBefore ?? new Date(Date.now() - DAY_MS);
    const notAfter = request.notAfter ?? new Date(Date.now() + 90 * DAY_MS);
    const args = ['ca', '-batch', '-notext', '-preserveDN', '-rand_serial', '-config', path.join(this.dir, 'ca.cnf'), '-in', csrFile, '-out', certificateFile];
    args.push('-extfile', extFile, '-startdate', generalizedTime(notBefore), '-enddate', generalizedTime(notAfter));
    args.push('-md', request.key === 'ed25519' ? 'default' : (request.digest ?? 'sha256'));
    if (request.issuer) args.push('-cert', request.issuer.certificateFile, '-keyfile', request.issuer.keyFile);
    else args.push('-selfsign', '-keyfile', keyFile);
    this.openssl(args);
    const certificatePem = readFileSync(certificateFile, 'utf8');
    return {
      subject: request.subject,
      certificatePem,
      der: findPemBlocks(certificatePem)[0].der!,
      keyPem: readFileSync(keyFile, 'utf8'),
      certificateFile,
      keyFile,
    };
  }

  /** Writes PEM text (certificates concatenated) to a file in the scratch directory. */
  file(name: string, ...certificates: Minted[]): string {
    const file = path.join(this.dir, name);
    writeFileSync(file, certificates.map((c) => c.certificatePem).join(''));
    return file;
  }

  /** Runs openssl in the scratch directory; returns stdout. */
  openssl(args: string[]): string {
    return execFileSync('openssl', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private newKey(file: string, kind: KeyKind): string {
    const options: Record<KeyKind, string[]> = {
      ec: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
      ec384: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
      rsa2048: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
      rsa1024: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024'],
      'rsa-pss': ['-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048'],
      ed25519: ['-algorithm', 'ED25519'],
    };
    this.openssl(['genpkey', ...options[kind], '-out', file]);
    return file;
  }
}

/** YYYYMMDDHHMMSSZ, the form `openssl ca -startdate/-enddate` takes for any year. */
function generalizedTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export interface OpensslVerifyError {
  depth: number;
  message: string;
}

/**
 * `openssl verify -CAfile trusted -untrusted intermediates leaf` at `at`: whether it passed and
 * every error it printed, in order (it keeps going after some kinds of error).
 */
export function opensslVerify(
  pki: TestPki,
  input: { leaf: Minted; intermediates: Minted[]; trusted: Minted[]; at: Date },
): { ok: boolean; errors: OpensslVerifyError[] } {
  const args = ['verify', '-attime', String(Math.floor(input.at.getTime() / 1000)), '-CAfile', pki.file('trusted.pem', ...input.trusted)];
  if (input.intermediates.length) args.push('-untrusted', pki.file('untrusted.pem', ...input.intermediates));
  args.push(input.leaf.certificateFile);
  let output: string;
  let ok = true;
  try {
    output = execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    output = `${failed.stdout ?? ''}${failed.stderr ?? ''}`;
    ok = false;
  }
  const errors = [...output.matchAll(/^error (\d+) at (\d+) depth lookup: (.+)$/gm)].map((m) => ({ depth: Number(m[2]), message: m[3].trim() }));
  return { ok, errors };
}

/** What `openssl verify` prints first for each of our reasons (OpenSSL 3.0 wording). */
export const OPENSSL_SAYS: Record<ChainFailureReason, string[]> = {
  'unreadable certificate': [],
  'unknown issuer': ['unable to get local issuer certificate', 'unable to get issuer certificate'],
  'self-signed and not trusted': [
    'self-signed certificate',
    'self-signed certificate in certificate chain',
    'self signed certificate',
    'self signed certificate in certificate chain',
  ],
  'issuer not a CA': ['invalid CA certificate'],
  // OpenSSL's CA check refuses the key usage first, then names it.
  'missing keyCertSign': ['invalid CA certificate', 'key usage does not include certificate signing'],
  'path length exceeded': ['path length constraint exceeded'],
  'signature does not verify': ['certificate signature failure'],
  expired: ['certificate has expired'],
  'not yet valid': ['certificate is not yet valid'],
  'unhandled critical extension': ['unhandled critical extension'],
  // OpenSSL finds no issuer for a certificate whose extensions it cannot cache.
  'invalid extensions': ['unable to get local issuer certificate', 'unable to get issuer certificate'],
  'invalid time format': ["format error in certificate's notBefore field", "format error in certificate's notAfter field"],
  'outside permitted names': ['permitted subtree violation'],
  'excluded name': ['excluded subtree violation'],
  'constraint with bounds': ['name constraints minimum and maximum not supported'],
  'unsupported constraint': ['unsupported name constraint type'],
  'unreadable name': ['unsupported or invalid name syntax'],
};

/** A chain, its trust anchors, and what both verifyChain and `openssl verify` must conclude. */
export interface VerifyCase {
  name: string;
  /** Leaf first, then the untrusted intermediates. */
  chain: () => Minted[];
  trusted: () => Minted[];
  at?: Date;
  expect: { path: string[] } | { index: number; subject: string; reason: ChainFailureReason; detail?: string };
}

/** verifyChain's verdict is the expected one, and `openssl verify` agrees: same outcome, its first error at the same depth and of the same kind. */
export function assertVerifyAgrees(pki: TestPki, c: VerifyCase, now: Date): void {
  const at = c.at ?? now;
  const [first, ...intermediates] = c.chain();
  const verdict = verifyChain(
    [first, ...intermediates].map((m) => m.der),
    c.trusted().map((m) => m.der),
    at,
  );
  const openssl = opensslVerify(pki, { leaf: first, intermediates, trusted: c.trusted(), at });
  if ('path' in c.expect) {
    assert.deepEqual(verdict, { ok: true, path: c.expect.path });
    assert.deepEqual(openssl, { ok: true, errors: [] });
    return;
  }
  assert.equal(verdict.ok, false);
  assert.deepEqual(verdict.failure, c.expect);
  assert.equal(openssl.ok, false, 'openssl refuses it too');
  const firstError = openssl.errors[0];
  assert.ok(firstError, 'openssl printed an error');
  assert.equal(firstError.depth, c.expect.index, `openssl's first error is at the same depth: ${firstError.message}`);
  assert.ok(OPENSSL_SAYS[c.expect.reason].includes(firstError.message), `openssl says "${firstError.message}" for "${c.expect.reason}"`);
}
