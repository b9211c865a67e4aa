import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { findPemBlocks, toPem } from '../../common/src/pem/blocks';
import { certificateDetails, CertificateDecodeError, decodeDer, decodePemBlock } from '../../common/src/x509/decode';
import { decodeFile } from '../../common/src/x509/decodeFile';
import type { DecodedObject } from '../../common/src/x509/model';
import { inTempDir, openssl } from '../support/certificates';
import { pick, seededRandom } from '../support/random';

// Mutated DER, mutated PEM text and random base64 never make the decoder throw: every input
// comes back as plain data, decoded or 'unreadable' with a reason. FUZZ_SEED replays a run.

const SEED = Number(process.env.FUZZ_SEED ?? 8080);
const CASES = Number(process.env.FUZZ_CASES ?? 2500);

const LABELS = [
  'CERTIFICATE',
  'TRUSTED CERTIFICATE',
  'CERTIFICATE REQUEST',
  'PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
  'RSA PRIVATE KEY',
  'EC PRIVATE KEY',
  'PUBLIC KEY',
  'RSA PUBLIC KEY',
  'OPENSSH PRIVATE KEY',
  'X509 CRL',
];
const KINDS = new Set(['certificate', 'csr', 'privateKey', 'publicKey', 'unreadable']);

interface Seed {
  label: string;
  der: Uint8Array;
  /** A private key: no run of its bytes may show up in any result. */
  secret: boolean;
}

/** Certificates, a request and keys of every format, made by openssl once for the whole run. */
function makeSeeds(): Seed[] {
  return inTempDir((dir) => {
    const der = (args: string[], file = 'o.der') => {
      openssl(dir, [...args, '-outform', 'DER', '-out', file]);
      return new Uint8Array(readFileSync(path.join(dir, file)));
    };
    openssl(dir, [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'ec.pem',
      '-subj',
      '/C=DE/O=Fuzz+OU=Unit/CN=fuzz.test',
      '-multivalue-rdn',
      '-addext',
      'subjectAltName=DNS:a.test,IP:::1,URI:spiffe://td/x,email:a@b.c,otherName:1.2.3;UTF8:x,dirName:dir',
      '-addext',
      'nameConstraints=permitted;DNS:.test,excluded;IP:10.0.0.0/255.0.0.0',
      '-addext',
      'authorityInfoAccess=OCSP;URI:http://o.test',
      '-addext',
      'crlDistributionPoints=URI:http://c.test',
      '-addext',
      'extendedKeyUsage=serverAuth',
      '-config',
      writeConfig(dir),
      '-out',
      'ec-cert.pem',
    ]);
    openssl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', 'rsa.pem']);
    openssl(dir, ['req', '-x509', '-key', 'rsa.pem', '-subj', '/CN=rsa.fuzz', '-out', 'rsa-cert.pem']);
    openssl(dir, ['req', '-new', '-key', 'ec.pem', '-subj', '/CN=csr.fuzz', '-addext', 'keyUsage=digitalSignature', '-out', 'req.pem']);
    openssl(dir, ['genpkey', '-algorithm', 'ED25519', '-out', 'ed.pem']);
    return [
      { label: 'CERTIFICATE', der: der(['x509', '-in', 'ec-cert.pem']), secret: false },
      { label: 'CERTIFICATE', der: der(['x509', '-in', 'rsa-cert.pem']), secret: false },
      { label: 'CERTIFICATE REQUEST', der: der(['req', '-in', 'req.pem']), secret: false },
      { label: 'PRIVATE KEY', der: der(['pkcs8', '-topk8', '-nocrypt', '-in', 'ec.pem']), secret: true },
      { label: 'PRIVATE KEY', der: der(['pkcs8', '-topk8', '-nocrypt', '-in', 'ed.pem']), secret: true },
      { label: 'EC PRIVATE KEY', der: der(['ec', '-in', 'ec.pem']), secret: true },
      { label: 'RSA PRIVATE KEY', der: der(['rsa', '-in', 'rsa.pem', '-traditional']), secret: true },
      { label: 'ENCRYPTED PRIVATE KEY', der: der(['pkcs8', '-topk8', '-v2', 'aes256', '-in', 'ec.pem', '-passout', 'pass:x']), secret: false },
      { label: 'PUBLIC KEY', der: der(['pkey', '-in', 'rsa.pem', '-pubout']), secret: false },
      { label: 'RSA PUBLIC KEY', der: der(['rsa', '-in', 'rsa.pem', '-RSAPublicKey_out']), secret: false },
    ];
  });
}

function writeConfig(dir: string): string {
  const file = path.join(dir, 'fuzz.cnf');
  writeFileSync(
    file,
    '[req]\ndistinguished_name = dn\nx509_extensions = ext\n[dn]\n[ext]\nbasicConstraints = critical,CA:TRUE,pathlen:1\nkeyUsage = keyCertSign\nsubjectKeyIdentifier = hash\n[dir]\nCN = dir\n',
  );
  return file;
}

/** Byte-level damage: bit flips, truncation, length bytes set to odd values, inserted and repeated bytes. */
function mutateDer(random: () => number, input: Uint8Array): Uint8Array {
  let bytes = Buffer.from(input);
  const steps = 1 + Math.floor(random() * 3);
  for (let s = 0; s < steps && bytes.length > 0; s++) {
    const at = Math.floor(random() * bytes.length);
    switch (Math.floor(random() * 6)) {
      case 0:
        bytes[at] ^= 1 << Math.floor(random() * 8);
        break;
      case 1:
        bytes = bytes.subarray(0, at);
        break;
      case 2: {
        // A length byte: the one after a tag byte found at or after `at`.
        const tag = bytes.findIndex((b, i) => i >= at && (b === 0x30 || b === 0x31 || b === 0x04 || b === 0x03 || b === 0x02 || (b & 0xe0) === 0xa0));
        if (tag >= 0 && tag + 1 < bytes.length)
          bytes[tag + 1] = pick(random, [0x00, 0x7f, 0x80, 0x81, 0x82, 0x84, 0x85, 0xff, (bytes[tag + 1] + 1) & 0xff, (bytes[tag + 1] + 255) & 0xff]);
        break;
      }
      case 3:
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([Math.floor(random() * 256)]), bytes.subarray(at)]);
        break;
      case 4:
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at, at + 1 + Math.floor(random() * 40)), bytes.subarray(at)]);
        break;
      default:
        bytes[at] = Math.floor(random() * 256);
    }
  }
  return new Uint8Array(bytes);
}

const PEM_FRAGMENTS = [
  '\r\n',
  '\n',
  '    ',
  '-----',
  '-----END CERTIFICATE-----\n',
  '-----BEGIN PRIVATE KEY-----\n',
  'Proc-Type: 4,ENCRYPTED\n',
  'DEK-Info: AES-256-CBC,00\n',
  '=',
  '==',
  '*',
  'é',
  '\u0000',
  'MII',
  'A'.repeat(300),
];

/** Text-level damage to a PEM block: inserted fragments, deleted runs, moved lines, changed labels. */
const PEM_MUTATIONS: Array<(random: () => number, text: string, at: number) => string> = [
  (random, text, at) => text.slice(0, at) + pick(random, PEM_FRAGMENTS) + text.slice(at),
  (random, text, at) => text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 30)),
  (random, text) => {
    const lines = text.split('\n');
    const [moved] = lines.splice(Math.floor(random() * lines.length), 1);
    lines.splice(Math.floor(random() * (lines.length + 1)), 0, moved);
    return lines.join('\n');
  },
  (random, text) => text.replace(/(BEGIN|END) [A-Z ]+-----/, (_, which) => `${which} ${pick(random, LABELS)}-----`),
];

function mutatePem(random: () => number, text: string): string {
  let result = text;
  const steps = 1 + Math.floor(random() * 3);
  for (let s = 0; s < steps; s++) result = pick(random, PEM_MUTATIONS)(random, result, Math.floor(random() * (result.length + 1)));
  return result;
}

function randomBase64(random: () => number): string {
  const bytes = Buffer.alloc(Math.floor(random() * 400));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  // Often start like DER, so the decoder gets past the first byte.
  if (bytes.length > 2 && random() < 0.7) bytes[0] = 0x30;
  return bytes.toString('base64');
}

/** What every result must be: one of the kinds, plain JSON data, unreadable ones with a reason. */
function assertWellFormed(decoded: DecodedObject, secret?: Uint8Array): void {
  assert.ok(decoded && KINDS.has(decoded.kind), `unexpected result ${JSON.stringify(decoded)}`);
  const json = JSON.stringify(decoded);
  assert.deepEqual(JSON.parse(json), decoded, 'the result is plain data');
  if (decoded.kind === 'unreadable') assert.ok(typeof decoded.reason === 'string' && decoded.reason.length > 10, `a reason: ${json}`);
  if (secret) {
    const plain = json.replace(/:/g, '');
    for (let i = 8; i + 8 <= secret.length; i += 4) {
      const window = secret.subarray(i, i + 8);
      assert.ok(
        !plain.includes(Buffer.from(window).toString('hex').toUpperCase()) && !json.includes(Buffer.from(window).toString('base64')),
        'key material in a result',
      );
    }
  }
}

describe('fuzzing the certificate decoder', () => {
  let seeds: Seed[];
  before(() => {
    seeds = makeSeeds();
  });

  it(`never throws on ${CASES} mutated DER objects, decoded with and without a label (seed ${SEED})`, () => {
    console.log(`    (FUZZ_SEED=${SEED} FUZZ_CASES=${CASES} replays this run)`);
    const random = seededRandom(SEED);
    const kinds = new Map<string, number>();
    for (let i = 0; i < CASES; i++) {
      const seed = pick(random, seeds);
      const der = mutateDer(random, seed.der);
      const context = () => `case ${i} (FUZZ_SEED=${SEED}), ${seed.label}: ${Buffer.from(der).toString('base64')}`;
      try {
        for (const label of [seed.label, pick(random, LABELS), undefined]) {
          const decoded = decodeDer(der, label);
          assertWellFormed(decoded, seed.secret ? seed.der : undefined);
          kinds.set(decoded.kind, (kinds.get(decoded.kind) ?? 0) + 1);
        }
        assert.doesNotThrow(() => {
          try {
            certificateDetails(der);
          } catch (error) {
            if (!(error instanceof CertificateDecodeError)) throw error;
          }
        });
        decodeFile(der).forEach((o) => assertWellFormed(o.decoded));
      } catch (error) {
        assert.fail(`${(error as Error).stack}\n${context()}`);
      }
    }
    // Mutations must leave some inputs readable and make others unreadable, or the fuzzing is hollow.
    assert.ok((kinds.get('unreadable') ?? 0) > CASES / 10, JSON.stringify([...kinds]));
    assert.ok((kinds.get('certificate') ?? 0) > CASES / 20, JSON.stringify([...kinds]));
  });

  it(`never throws on ${CASES} mutated PEM texts and random base64 bodies (seed ${SEED})`, () => {
    const random = seededRandom(SEED + 1);
    let blocks = 0;
    for (let i = 0; i < CASES; i++) {
      const seed = pick(random, seeds);
      const text =
        i % 3 === 2
          ? `-----BEGIN ${pick(random, LABELS)}-----\n${randomBase64(random).replace(/(.{64})/g, '$1\n')}\n-----END ${pick(random, LABELS)}-----\n`
          : mutatePem(random, toPem(seed.label, seed.der));
      try {
        for (const block of findPemBlocks(text)) {
          assertWellFormed(decodePemBlock(block), seed.secret && i % 3 !== 2 ? seed.der : undefined);
          blocks++;
        }
        decodeFile(Buffer.from(text)).forEach((o) => assertWellFormed(o.decoded));
      } catch (error) {
        assert.fail(`${(error as Error).stack}\ncase ${i} (FUZZ_SEED=${SEED}):\n${text}`);
      }
    }
    assert.ok(blocks > CASES / 2, `only ${blocks} blocks were found in ${CASES} texts`);
  });
});
