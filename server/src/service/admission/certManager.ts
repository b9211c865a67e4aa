import { isMap, isScalar } from 'yaml';
import { isIP } from 'node:net';
import { spiffeIdProblem } from '../../../../common/src/identity/spiffe';
import { parseCidr } from '../../../../common/src/net/cidr';
import { findPemBlocks } from '../../../../common/src/pem/blocks';
import { describeDuration } from '../../../../common/src/time/goDuration';
import { CsrDecodeError, requestedUsages } from '../../../../common/src/x509/csr';
import { atLeast } from '../../../../common/src/versions';
import { DEFAULT_USAGES, EXTENDED_KEY_USAGE_OIDS, KEY_USAGE_BITS } from '../../../../common/src/x509/usages';
import { DNS_SUBDOMAIN, duration, HOUR, isBlank, MINUTE, refuseMissing, stringItems, writtenKeys } from './certManagerFields';
import { ISSUER_RULE } from './certManagerIssuer';
import { checkCertificateRelease, knownField } from './certManagerReleases';
import { checkLiteralSubject } from './certManagerSubject';
import type { ResourceView, Rule } from './resourceView';

// cert-manager's validating webhook (internal/apis/certmanager/validation/certificate.go and
// certificaterequest.go), for what its CRD schemas leave out. Issuers: certManagerIssuer.ts.

const DEFAULT_DURATION = 90 * 24 * HOUR;
const MIN_DURATION = HOUR;
const MIN_RENEW_BEFORE = 5 * MINUTE;

const certificate: Rule = (r) => {
  // Without a spec the schema's note that it is missing says it all.
  if (!r.has(['spec'])) return;
  checkCertificateRelease(r);
  checkIdentity(r);
  checkIssuerRef(r);
  checkPrivateKey(r);
  checkLifetime(r);
  checkSecretTemplate(r);
  checkNameConstraints(r);
  checkKeystores(r);
  checkRenewal(r);
  const limit = r.value(['spec', 'revisionHistoryLimit']);
  if (typeof limit === 'number' && limit < 1)
    r.ctx.error(
      r.rangeOf(['spec', 'revisionHistoryLimit']),
      'cert-manager-certificate',
      'revisionHistoryLimit must be at least 1 (leave it out to keep every CertificateRequest).',
    );
  const formats = new Set<string>();
  for (const format of r.items(['spec', 'additionalOutputFormats'])) {
    const type = r.string(['type'], format);
    if (type === undefined) continue;
    if (formats.has(type)) r.ctx.error(r.rangeOf(['type'], format), 'cert-manager-certificate', `The output format ${type} is listed twice.`);
    formats.add(type);
  }
};

function checkIdentity(r: ResourceView): void {
  const secretName = r.string(['spec', 'secretName']);
  if (isBlank(r, ['spec', 'secretName'])) {
    refuseMissing(
      r,
      ['spec'],
      'secretName',
      'cert-manager-certificate',
      'secretName is required: it names the Secret the certificate and its key are written to.',
    );
  } else if (secretName !== undefined && (secretName.length > 253 || !DNS_SUBDOMAIN.test(secretName))) {
    r.ctx.error(
      r.rangeOf(['spec', 'secretName']),
      'cert-manager-certificate',
      `"${secretName}" is not a valid Secret name: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit.`,
    );
  }
  const literal = r.string(['spec', 'literalSubject']);
  // The webhook takes the CN out of literalSubject when there is one, and checks that CN as it would commonName.
  const literalCommonName = literal ? checkLiteralSubject(r, literal) : undefined;
  const commonName = literal ? literalCommonName : r.string(['spec', 'commonName']);
  if (commonName !== undefined && Buffer.byteLength(commonName) > 64) {
    r.ctx.error(
      r.rangeOf(['spec', literal ? 'literalSubject' : 'commonName']),
      'cert-manager-certificate',
      `The common name is ${Buffer.byteLength(commonName)} bytes; X.509 allows at most 64. Put long names in dnsNames, and leave the common name out.`,
    );
  }
  // A release without otherNames drops them, and they name nobody there.
  const identityFields = ['dnsNames', 'emailAddresses', 'ipAddresses', 'otherNames', 'uris'].filter((f) => knownField(r, ['spec', f]));
  const templated = [...identityFields, 'commonName', 'literalSubject'].some((f) => r.has(['spec', f]) && r.value(['spec', f]) === undefined);
  // A spec filled from values (`{{ toYaml .Values.certificate | nindent 2 }}`) may name anyone.
  const hasIdentity =
    (commonName !== undefined && commonName !== '') ||
    identityFields.some((f) => r.items(['spec', f]).length > 0) ||
    templated ||
    r.mayHave(['spec', 'dnsNames']);
  if (!hasIdentity) {
    r.ctx.error(
      r.rangeOf(['spec']),
      'cert-manager-certificate',
      `The certificate names nobody: set at least one of dnsNames, uris, ipAddresses, emailAddresses, otherNames or commonName${literal ? ' (literalSubject has no CN)' : ''}.`,
    );
  }
  for (const { node, value } of stringItems(r, ['spec', 'ipAddresses'])) {
    if (!isIP(value)) r.ctx.error(r.valueRange(node), 'cert-manager-certificate', `"${value}" is not an IP address.`);
  }
  for (const { node, value } of stringItems(r, ['spec', 'emailAddresses'])) {
    if (value.toLowerCase().startsWith('mailto:') || /[<>\s]/.test(value) || !/^[^@]+@[^@]+$/.test(value)) {
      r.ctx.error(
        r.valueRange(node),
        'cert-manager-certificate',
        `"${value}" is not a bare email address: write only name@example.com, without a display name or mailto:.`,
      );
    }
  }
  for (const { node, value } of stringItems(r, ['spec', 'uris'])) {
    if (!value.toLowerCase().startsWith('spiffe:')) continue;
    const problem = spiffeIdProblem(value);
    // cert-manager takes any URI; SPIFFE-aware peers are the ones that refuse it.
    if (problem)
      r.ctx.warning(
        r.valueRange(node),
        'cert-manager-certificate',
        `"${value}" is not a valid SPIFFE ID: ${problem}; SPIFFE-aware peers will reject the certificate.`,
      );
  }
  if (r.items(['spec', 'uris']).filter((node) => isScalar(node) && String(node.value).startsWith('spiffe://')).length > 1) {
    r.ctx.warning(
      r.rangeOf(['spec', 'uris']),
      'cert-manager-certificate',
      'An X.509-SVID carries exactly one SPIFFE ID; with several, SPIFFE-aware peers reject the certificate.',
    );
  }
  // A field the target release lacks is reported once, by checkCertificateRelease, and not read further.
  for (const other of knownField(r, ['spec', 'otherNames']) ? r.items(['spec', 'otherNames']) : []) {
    const oid = r.string(['oid'], other);
    if (!r.has(['oid'], other)) r.ctx.error(r.valueRange(other), 'cert-manager-certificate', 'An otherName needs an oid.');
    if (oid !== undefined && !/^[0-2](\.(0|[1-9]\d*))+$/.test(oid))
      r.ctx.error(r.rangeOf(['oid'], other), 'cert-manager-certificate', `"${oid}" is not an object identifier (dotted numbers, like 1.3.6.1.4.1.311.20.2.3).`);
    if (r.value(['utf8Value'], other) === '' || (r.has(['oid'], other) && !r.has(['utf8Value'], other)))
      r.ctx.error(r.rangeOf(['utf8Value'], other), 'cert-manager-certificate', 'An otherName needs a non-empty utf8Value.');
  }
}

function checkIssuerRef(r: ResourceView): void {
  const why = 'issuerRef.name is required: it names the Issuer or ClusterIssuer that signs the certificate.';
  if (!r.has(['spec', 'issuerRef'])) refuseMissing(r, ['spec'], 'issuerRef', 'cert-manager-certificate', why);
  else if (isMap(r.node(['spec', 'issuerRef'])) && isBlank(r, ['spec', 'issuerRef', 'name']))
    refuseMissing(r, ['spec', 'issuerRef'], 'name', 'cert-manager-certificate', why);
  const group = r.string(['spec', 'issuerRef', 'group']) ?? '';
  const kind = r.string(['spec', 'issuerRef', 'kind']);
  if ((group === '' || group === 'cert-manager.io') && kind !== undefined && kind !== '' && kind !== 'Issuer' && kind !== 'ClusterIssuer') {
    r.ctx.error(
      r.rangeOf(['spec', 'issuerRef', 'kind']),
      'cert-manager-certificate',
      `cert-manager's own issuers are of kind Issuer or ClusterIssuer, not ${kind}. An external issuer needs its group in issuerRef.group.`,
    );
  }
}

const SIGNATURE_FAMILY: Record<string, string> = {
  SHA256WithRSA: 'RSA',
  SHA384WithRSA: 'RSA',
  SHA512WithRSA: 'RSA',
  ECDSAWithSHA256: 'ECDSA',
  ECDSAWithSHA384: 'ECDSA',
  ECDSAWithSHA512: 'ECDSA',
  PureEd25519: 'Ed25519',
};

function checkPrivateKey(r: ResourceView): void {
  const algorithm = r.string(['spec', 'privateKey', 'algorithm']) ?? (r.has(['spec', 'privateKey', 'algorithm']) ? undefined : 'RSA');
  const size = r.value(['spec', 'privateKey', 'size']);
  if (typeof size === 'number' && size !== 0) {
    if (algorithm === 'RSA' && (size < 2048 || size > 8192))
      r.ctx.error(r.rangeOf(['spec', 'privateKey', 'size']), 'cert-manager-private-key', `An RSA key must be 2048 to 8192 bits, not ${size}.`);
    if (algorithm === 'ECDSA' && ![256, 384, 521].includes(size))
      r.ctx.error(
        r.rangeOf(['spec', 'privateKey', 'size']),
        'cert-manager-private-key',
        `An ECDSA key size is 256, 384 or 521 (the curves P-256, P-384, P-521), not ${size}.`,
      );
  }
  const signature = knownField(r, ['spec', 'signatureAlgorithm']) ? r.string(['spec', 'signatureAlgorithm']) : undefined;
  const family = signature ? SIGNATURE_FAMILY[signature] : undefined;
  if (family && algorithm && family !== algorithm) {
    r.ctx.error(
      r.rangeOf(['spec', 'signatureAlgorithm']),
      'cert-manager-private-key',
      `${signature} signs with an ${family} key, but the private key is ${algorithm}.`,
    );
  }
}

function checkLifetime(r: ResourceView): void {
  const lifetime = duration(r, ['spec', 'duration']);
  const renewBefore = duration(r, ['spec', 'renewBefore']);
  const percentage = knownField(r, ['spec', 'renewBeforePercentage']) ? r.value(['spec', 'renewBeforePercentage']) : undefined;
  const effective = lifetime ?? DEFAULT_DURATION;
  if (lifetime !== undefined && lifetime < MIN_DURATION) {
    r.ctx.error(r.rangeOf(['spec', 'duration']), 'cert-manager-duration', `duration must be at least 1h; ${r.string(['spec', 'duration'])} is shorter.`);
  }
  if (r.has(['spec', 'renewBefore']) && percentage !== undefined) {
    r.ctx.error(r.rangeOf(['spec', 'renewBeforePercentage']), 'cert-manager-duration', 'Set renewBefore or renewBeforePercentage, not both.');
    return;
  }
  const lifetimeWords = lifetime === undefined ? 'the default duration (2160h, 90 days)' : `the duration (${describeDuration(lifetime)})`;
  if (renewBefore !== undefined) {
    if (renewBefore < MIN_RENEW_BEFORE) r.ctx.error(r.rangeOf(['spec', 'renewBefore']), 'cert-manager-duration', 'renewBefore must be at least 5m.');
    else if (renewBefore >= effective)
      r.ctx.error(
        r.rangeOf(['spec', 'renewBefore']),
        'cert-manager-duration',
        `renewBefore (${describeDuration(renewBefore)}) must be shorter than ${lifetimeWords}, or the certificate would be renewed as soon as it is issued.`,
      );
  }
  if (typeof percentage === 'number') checkPercentage(r, percentage, effective, lifetimeWords);
}

function checkPercentage(r: ResourceView, percentage: number, lifetime: number, lifetimeWords: string): void {
  // The webhook checks the percentage only beside duration or renewBefore; alone, it is accepted
  // (and then misbehaves), so it only earns a warning.
  const report = r.has(['spec', 'duration']) || r.has(['spec', 'renewBefore']) ? r.ctx.error.bind(r.ctx) : r.ctx.warning.bind(r.ctx);
  const range = r.rangeOf(['spec', 'renewBeforePercentage']);
  if (percentage <= 0 || percentage >= 100) {
    report(range, 'cert-manager-duration', `renewBeforePercentage must be between 0 and 100 (exclusive), not ${percentage}.`);
    return;
  }
  // The webhook (ValidateDuration) bounds the share left after the percentage; renewal itself
  // comes the percentage's share before expiry (desiredRenewalTime in pkg/util/pki/renewaltime.go).
  const version = r.ctx.versions.certManager;
  const { share: checked, overflows } = webhookShare(lifetime, percentage, version);
  const renewsBefore = (lifetime * percentage) / 100;
  if (overflows && (checked < MIN_RENEW_BEFORE || checked >= lifetime)) {
    report(
      range,
      'cert-manager-duration',
      `The cert-manager ${version} webhook refuses ${percentage}% of ${lifetimeWords}: it multiplies the lifetime in 64-bit nanoseconds, which overflows for one this long (fixed in cert-manager 1.21). Use renewBefore instead.`,
    );
  } else if (checked < MIN_RENEW_BEFORE) {
    report(
      range,
      'cert-manager-duration',
      `The webhook refuses ${percentage}% of ${lifetimeWords}: it checks the other ${100 - percentage}% (${describeDuration(checked)}) against its 5m minimum, although renewal would come ${describeDuration(renewsBefore)} before expiry.`,
    );
  } else if (renewsBefore < MIN_RENEW_BEFORE) {
    r.ctx.warning(
      range,
      'cert-manager-duration',
      `At ${percentage}% of ${lifetimeWords}, cert-manager renews only ${describeDuration(renewsBefore)} before expiry: accepted, but a renewal that fails leaves no time to recover.`,
    );
  }
}

/**
 * duration × (100 − percentage) / 100 as the target's webhook computes it: before 1.21 in 64-bit
 * nanoseconds that wrap around for lifetimes of a few years (94c41319 moved it to floating point).
 */
function webhookShare(lifetime: number, percentage: number, version: string): { share: number; overflows: boolean } {
  const share = (lifetime * (100 - percentage)) / 100;
  if (atLeast(version, '1.21') || !Number.isInteger(percentage) || !Number.isInteger(lifetime)) return { share, overflows: false };
  const product = BigInt(lifetime) * 1_000_000n * BigInt(100 - percentage);
  const wrapped = BigInt.asIntN(64, product);
  return wrapped === product ? { share, overflows: false } : { share: Number(wrapped / 100n) / 1_000_000, overflows: true };
}

/** The most the annotations of an object may hold, keys and values together (Kubernetes' ValidateAnnotations). */
const ANNOTATIONS_BYTES = 256 * 1024;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Whether a label or annotation key is a Kubernetes qualified name: [prefix/]name. */
function isQualifiedName(key: string): boolean {
  const slash = key.indexOf('/');
  const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : [undefined, key];
  return !(prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) && name.length <= 63 && LABEL_NAME.test(name);
}

function checkSecretTemplate(r: ResourceView): void {
  const annotations = ['spec', 'secretTemplate', 'annotations'];
  let bytes = 0;
  for (const key of writtenKeys(r, annotations)) {
    const value = r.value([...annotations, key]);
    bytes += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
    // allow-direct-injection is the one cert-manager.io/ annotation the webhook lets users set.
    if (key.startsWith('cert-manager.io/') && key !== 'cert-manager.io/allow-direct-injection') {
      r.ctx.error(
        r.rangeOf([...annotations, key]),
        'cert-manager-certificate',
        `cert-manager writes the cert-manager.io/ annotations of the Secret itself; ${key} cannot be set in secretTemplate.`,
      );
    } else if (!isQualifiedName(key)) {
      r.ctx.error(r.rangeOf([...annotations, key]), 'cert-manager-certificate', `"${key}" is not a valid annotation key.`);
    }
  }
  if (bytes > ANNOTATIONS_BYTES)
    r.ctx.error(
      r.rangeOf(annotations),
      'cert-manager-certificate',
      `The secretTemplate annotations hold ${bytes} bytes; Kubernetes allows at most ${ANNOTATIONS_BYTES} (256 KiB).`,
    );
  for (const key of writtenKeys(r, ['spec', 'secretTemplate', 'labels'])) {
    const value = r.value(['spec', 'secretTemplate', 'labels', key]);
    const badValue = typeof value === 'string' && value !== '' && (value.length > 63 || !LABEL_NAME.test(value));
    if (!isQualifiedName(key))
      r.ctx.error(r.rangeOf(['spec', 'secretTemplate', 'labels', key]), 'cert-manager-certificate', `"${key}" is not a valid label key.`);
    else if (badValue)
      r.ctx.error(
        r.valueRange(r.node(['spec', 'secretTemplate', 'labels', key])!),
        'cert-manager-certificate',
        `"${value}" is not a valid label value (at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit).`,
      );
  }
}

function checkNameConstraints(r: ResourceView): void {
  if (!r.has(['spec', 'nameConstraints']) || !knownField(r, ['spec', 'nameConstraints'])) return;
  if (r.value(['spec', 'isCA']) !== true)
    r.ctx.error(r.rangeOf(['spec', 'nameConstraints']), 'cert-manager-certificate', 'nameConstraints only make sense on a CA certificate: set isCA: true.');
  const sets = ['permitted', 'excluded'].filter((set) => r.has(['spec', 'nameConstraints', set]));
  if (sets.length === 0)
    r.ctx.error(r.rangeOf(['spec', 'nameConstraints']), 'cert-manager-certificate', 'nameConstraints needs a permitted or an excluded set.');
  for (const set of sets) {
    for (const { node, value } of stringItems(r, ['spec', 'nameConstraints', set, 'ipRanges'])) {
      if (!parseCidr(value)) r.ctx.error(r.valueRange(node), 'cert-manager-certificate', `"${value}" is not a CIDR range (like 10.0.0.0/8 or fd00::/8).`);
    }
  }
}

function checkKeystores(r: ResourceView): void {
  for (const store of ['jks', 'pkcs12']) {
    const path = ['spec', 'keystores', store];
    if (!r.has(path)) continue;
    const literal = r.has([...path, 'password']);
    // The webhook counts a passwordSecretRef only once it names a Secret.
    const reference = r.has([...path, 'passwordSecretRef', 'name']) && r.value([...path, 'passwordSecretRef', 'name']) !== '';
    if (literal && reference)
      r.ctx.error(r.rangeOf([...path, 'password']), 'cert-manager-keystore', `Set ${store}.password or ${store}.passwordSecretRef, not both.`);
    else if (!literal && !reference && !r.mayHave([...path, 'password']))
      r.ctx.error(r.rangeOf(path), 'cert-manager-keystore', `The ${store} keystore needs a password: passwordSecretRef (a key of a Secret) or password.`);
    else if (literal && r.value([...path, 'password']) === '')
      r.ctx.error(r.rangeOf([...path, 'password']), 'cert-manager-keystore', `${store}.password must not be empty.`);
  }
}

function checkRenewal(r: ResourceView): void {
  if (!knownField(r, ['spec', 'renewal'])) return;
  const windows = r.items(['spec', 'renewal', 'windows']);
  if (r.string(['spec', 'renewal', 'policy']) === 'Disabled' && windows.length > 0) {
    r.ctx.error(r.rangeOf(['spec', 'renewal', 'windows']), 'cert-manager-certificate', 'Renewal windows have no effect when renewal.policy is Disabled.');
  }
  for (const window of windows) {
    const length = duration(r, ['windowDuration'], window);
    if (length !== undefined && length <= 0)
      r.ctx.error(r.rangeOf(['windowDuration'], window), 'cert-manager-duration', 'windowDuration must be longer than zero.');
    const zone = r.string(['timezone'], window);
    if (zone !== undefined && !isTimeZone(zone))
      r.ctx.error(r.rangeOf(['timezone'], window), 'cert-manager-certificate', `"${zone}" is not an IANA time zone (like Europe/Berlin or UTC).`);
    const cron = r.string(['cron'], window);
    const problem = cron === undefined ? undefined : cronProblem(cron);
    if (problem) r.ctx.error(r.valueRange(r.node(['cron'], window)!), 'cert-manager-certificate', `"${cron}" is not a cron schedule: ${problem}.`);
  }
}

function isTimeZone(zone: string): boolean {
  if (zone === 'UTC' || zone === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const CRON_FIELD = /^(\*|\?|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?)*$/;

/** Standard five-field cron (minute hour day month weekday), an optional CRON_TZ= prefix, or an @ descriptor. */
export function cronProblem(cron: string): string | undefined {
  let spec = cron.trim();
  const zone = /^(CRON_TZ|TZ)=(\S+)\s*/.exec(spec);
  if (zone) {
    if (!isTimeZone(zone[2])) return `${zone[2]} is not a time zone`;
    spec = spec.slice(zone[0].length);
  }
  if (spec === '') return 'the schedule is missing';
  if (spec.startsWith('@'))
    return /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(spec) || /^@every \S+$/.test(spec)
      ? undefined
      : `${spec} is not a known descriptor`;
  const fields = spec.split(/\s+/);
  if (fields.length !== 5) return `it has ${fields.length} fields; write five: minute hour day-of-month month day-of-week`;
  const bad = fields.find((field) => !CRON_FIELD.test(field));
  return bad ? `"${bad}" is not a cron field` : undefined;
}

const certificateRequest: Rule = (r) => {
  const requestNode = r.node(['spec', 'request']);
  const encoded = r.string(['spec', 'request']);
  if (!requestNode || encoded === undefined) return;
  const text = Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('latin1');
  const block = findPemBlocks(text).find((b) => /CERTIFICATE REQUEST$/.test(b.label));
  if (!block?.der) {
    r.ctx.error(
      r.valueRange(requestNode),
      'cert-manager-certificate-request',
      'request must be a PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----), base64-encoded.',
    );
    return;
  }
  let requested;
  try {
    requested = requestedUsages(block.der);
  } catch (error) {
    if (!(error instanceof CsrDecodeError)) throw error;
    r.ctx.error(r.valueRange(requestNode), 'cert-manager-certificate-request', `request holds a PEM block that is ${error.message}.`);
    return;
  }
  const isCA = r.value(['spec', 'isCA']) === true;
  if (requested.ca !== undefined && requested.ca !== isCA) {
    r.ctx.error(
      r.valueRange(requestNode),
      'cert-manager-certificate-request',
      `The CSR ${requested.ca ? 'asks for' : 'does not ask for'} a CA certificate, but isCA is ${isCA}.`,
    );
  }
  if (requested.keyUsage === undefined && requested.extendedKeyUsages === undefined) return;
  const usages = stringItems(r, ['spec', 'usages']).map((u) => u.value);
  const wanted = usages.length ? usages : DEFAULT_USAGES;
  let keyUsage = 0;
  const extended = new Set<string>();
  for (const usage of wanted) {
    if (KEY_USAGE_BITS[usage] !== undefined) keyUsage |= KEY_USAGE_BITS[usage];
    if (EXTENDED_KEY_USAGE_OIDS[usage] !== undefined) extended.add(EXTENDED_KEY_USAGE_OIDS[usage]);
  }
  // A CA may or may not spell out cert sign; cert-manager adds it either way.
  const certSign = KEY_USAGE_BITS['cert sign'];
  const inCsr = (requested.keyUsage ?? 0) & (isCA ? ~certSign : ~0);
  const inSpec = keyUsage & (isCA ? ~certSign : ~0);
  const csrExtended = new Set(requested.extendedKeyUsages ?? []);
  const sameExtended = csrExtended.size === extended.size && [...extended].every((oid) => csrExtended.has(oid));
  if (inCsr !== inSpec || !sameExtended) {
    r.ctx.error(
      r.valueRange(requestNode),
      'cert-manager-certificate-request',
      `The usages encoded in the CSR differ from spec.usages (${usages.length ? usages.join(', ') : `default: ${DEFAULT_USAGES.join(', ')}`}); the issued certificate would not be what the request says.`,
    );
  }
};

export const CERT_MANAGER_RULES: Record<string, Rule[]> = {
  'cert-manager.io/Certificate': [certificate],
  'cert-manager.io/CertificateRequest': [certificateRequest],
  'cert-manager.io/Issuer': [ISSUER_RULE],
  'cert-manager.io/ClusterIssuer': [ISSUER_RULE],
};
