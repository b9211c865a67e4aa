import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
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
    const args = [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-subj',
      '/CN=csr.test',
    ];
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
    const args = [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '30',
      '-keyout',
      keyFile,
      '-subj',
      `/CN=${commonName}`,
    ];
    for (const extension of extensions) args.push('-addext', extension);
    const certificatePem = execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { certificatePem, privateKeyPem: readFileSync(keyFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `fn` in a fresh temporary directory that is removed afterwards. */
export function inTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'mm-openssl-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes `files` (name → content) to a scratch folder and runs `openssl <args>` there, the args
 * naming those files; resolves with its exit status and everything it printed, failing or not.
 */
export function opensslOn(files: Record<string, string>, args: string[]): { status: number | null; output: string } {
  return inTempDir((dir) => {
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  });
}

/** Runs `openssl <args>` in `dir` (relative file names resolve there) and returns what it prints. */
export function openssl(dir: string, args: string[], input?: string): string {
  return execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** The same, without blocking, so many openssl processes can run at once. */
export function opensslAsync(dir: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { cwd: dir, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`openssl ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
}

/**
 * A self-signed PEM certificate made by `openssl req -x509`: with a new key (`-newkey` value and
 * `-pkeyopt`s; EC P-256 when neither is given) or an existing key file, and `-addext` extensions.
 */
export function opensslCertificate(options: {
  subject?: string | null;
  newkey?: string;
  pkeyopt?: string[];
  keyFile?: string;
  extensions?: string[];
  args?: string[];
}): string {
  return inTempDir((dir) => {
    const args = ['req', '-x509', '-nodes', '-days', '30'];
    if (options.keyFile) args.push('-key', options.keyFile);
    else args.push('-newkey', options.newkey ?? 'ec', '-keyout', 'key.pem');
    if (!options.keyFile) for (const option of options.pkeyopt ?? (options.newkey ? [] : ['ec_paramgen_curve:P-256'])) args.push('-pkeyopt', option);
    // null: the subject comes from a -config file in `args`.
    if (options.subject !== null) args.push('-subj', options.subject ?? '/CN=test.example');
    for (const extension of options.extensions ?? []) args.push('-addext', extension);
    return openssl(dir, [...args, ...(options.args ?? [])]);
  });
}

/** What `openssl x509` prints about one certificate, read into the fields our model also has. */
export interface OpensslFacts {
  subject: string;
  issuer: string;
  serial: string;
  notBefore: Date;
  notAfter: Date;
  signatureAlgorithm: string;
  /** "rsaEncryption", "id-ecPublicKey", "ED25519"… */
  keyAlgorithm: string;
  keyBits?: number;
  curve?: string;
  /** Every SAN as openssl prints it, e.g. "DNS:a.test", "IP Address:2001:DB8:0:0:0:0:0:1". */
  subjectAltNames: string[];
  sha256: string;
  sha1: string;
  /** The X509v3 extensions section, in certificate order. */
  extensions: OpensslExtension[];
}

/** One extension as `openssl x509 -text` prints it: its heading, critical flag and indented body. */
export interface OpensslExtension {
  /** "X509v3 Key Usage", "Authority Information Access", or the OID of one openssl has no name for. */
  heading: string;
  critical: boolean;
  /** The lines below the heading, trimmed, joined by newlines. */
  body: string;
}

/**
 * Splits the extensions section of `openssl x509 -text` ("X509v3 extensions:") or `openssl req
 * -text` ("Requested Extensions:"): headings are indented 4 more than the section, bodies deeper.
 */
export function opensslExtensions(text: string): OpensslExtension[] {
  const section = /^( *)(?:X509v3 extensions|Requested Extensions):\n/m.exec(text);
  if (!section) return [];
  const indent = section[1].length + 4;
  const found: OpensslExtension[] = [];
  for (const line of text.slice(section.index + section[0].length).split('\n')) {
    const depth = /^ */.exec(line)![0].length;
    if (depth < indent || !line.trim()) break;
    const heading = depth === indent ? /^\s*(\S.*?):( critical)?\s*$/.exec(line) : null;
    if (heading) found.push({ heading: heading[1], critical: heading[2] !== undefined, body: '' });
    else if (found.length) found[found.length - 1].body += (found[found.length - 1].body ? '\n' : '') + line.trim();
  }
  return found;
}

// RFC 4514 output, but with UTF-8 left readable: escaping every byte over 0x7F as \XX (what
// plain RFC2253 does) is also valid RFC 4514, just not what a person wants to read.
export const NAME_OPTIONS = 'RFC2253,-esc_msb';

/**
 * What openssl prints about each DER certificate: one `openssl x509` per certificate (a few at a
 * time) for names, dates, key, SANs and SHA-256, and one `openssl dgst -sha1` over all of them for
 * SHA-1 (x509 prints one fingerprint per run; a certificate's SHA-1 fingerprint is the SHA-1 of its DER).
 */
export async function opensslFacts(certificates: Uint8Array[], parallel = Math.max(2, cpus().length)): Promise<OpensslFacts[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mm-openssl-'));
  try {
    certificates.forEach((der, i) => writeFileSync(path.join(dir, `${i}.der`), der));
    const texts: string[] = new Array(certificates.length);
    let next = 0;
    const worker = async () => {
      while (next < certificates.length) {
        const index = next++;
        texts[index] = await opensslAsync(dir, [
          'x509',
          '-inform',
          'DER',
          '-in',
          `${index}.der`,
          '-noout',
          '-nameopt',
          NAME_OPTIONS,
          '-subject',
          '-issuer',
          '-serial',
          '-dates',
          '-fingerprint',
          '-sha256',
          '-text',
        ]);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    const digests = certificates.length ? await opensslAsync(dir, ['dgst', '-sha1', '-c', ...certificates.map((_, i) => `${i}.der`)]) : '';
    const sha1 = new Map(Array.from(digests.matchAll(/^SHA1\((\d+)\.der\)= (.+)$/gm), (m) => [Number(m[1]), m[2].toUpperCase()]));
    return texts.map((text, i) => readFacts(text, sha1.get(i) ?? '(no SHA-1 from openssl)'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readFacts(main: string, sha1: string): OpensslFacts {
  const field = (pattern: RegExp): string => {
    const match = pattern.exec(main);
    if (!match) throw new Error(`openssl output has no ${pattern}:\n${main}`);
    return match[1];
  };
  const date = (name: string) => new Date(field(new RegExp(`^${name}=(.+)$`, 'm')).replace(/ GMT$/, ' UTC'));
  const sanLine = /X509v3 Subject Alternative Name:(?: critical)? *\n\s*(.*)/.exec(main)?.[1];
  const bits = /Public-Key: \((\d+) bit\)/.exec(main)?.[1];
  return {
    subject: field(/^subject=(.*)$/m),
    issuer: field(/^issuer=(.*)$/m),
    serial: field(/^serial=(.*)$/m),
    notBefore: date('notBefore'),
    notAfter: date('notAfter'),
    signatureAlgorithm: field(/Signature Algorithm: (.+)/).trim(),
    keyAlgorithm: field(/Public Key Algorithm: (.+)/),
    keyBits: bits ? Number(bits) : undefined,
    curve: /NIST CURVE: (.+)/.exec(main)?.[1] ?? /ASN1 OID: (.+)/.exec(main)?.[1],
    subjectAltNames: sanLine ? splitOpensslSans(sanLine) : [],
    sha256: field(/sha256 Fingerprint=(.+)/i),
    sha1,
    extensions: opensslExtensions(main),
  };
}

/** Splits openssl's one-line SAN list at the ", " before each "KIND:" (values may hold commas). */
function splitOpensslSans(line: string): string[] {
  return line.trim().split(/, (?=(?:DNS|IP Address|URI|email|othername|DirName|Registered ID|X400Name|EdiPartyName):)/);
}
