import { isMap, isScalar, type Node } from 'yaml';
import { isIP } from 'node:net';
import { spiffeIdProblem } from '../../../../common/src/identity/spiffe';
import { parseCidr } from '../../../../common/src/net/cidr';
import { findPemBlocks } from '../../../../common/src/pem/blocks';
import { describeDuration, parseGoDuration } from '../../../../common/src/time/goDuration';
import { CsrDecodeError, requestedUsages } from '../../../../common/src/x509/csr';
import { DEFAULT_USAGES, EXTENDED_KEY_USAGE_OIDS, KEY_USAGE_BITS } from '../../../../common/src/x509/usages';
import { pairKey } from '../validation/context';
import type { Path, ResourceView, Rule } from './resourceView';

// cert-manager's validating webhook (internal/apis/certmanager/validation), for what its CRD
// schemas leave out.

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DEFAULT_DURATION = 90 * 24 * HOUR;
const MIN_DURATION = HOUR;
const MIN_RENEW_BEFORE = 5 * MINUTE;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function stringItems(r: ResourceView, path: Path, from?: Node): Array<{ node: Node; value: string }> {
  return r.items(path, from).flatMap((node) => (isScalar(node) && typeof node.value === 'string' && !r.ctx.isTemplated(node) ? [{ node, value: node.value }] : []));
}

/** Keys written in a mapping, with their key nodes. */
function writtenKeys(r: ResourceView, path: Path, from?: Node): string[] {
  const node = r.node(path, from);
  return isMap(node) ? node.items.flatMap((pair) => (pairKey(pair) !== undefined && !(isScalar(pair.value) && pair.value.value === null) ? [pairKey(pair)!] : [])) : [];
}

/** A duration field: parsed, or reported when Go would not read it. */
function duration(r: ResourceView, path: Path, from?: Node): number | undefined {
  const text = r.string(path, from);
  if (text === undefined) return undefined;
  const ms = parseGoDuration(text);
  if (ms === undefined) {
    const hint = /^\d+d$/.test(text) ? ` Days are not a unit: write ${Number(text.slice(0, -1)) * 24}h.` : ' Write hours, minutes and seconds, like 2160h or 1h30m.';
    r.ctx.error(r.valueRange(r.node(path, from)!), 'cert-manager-duration', `"${text}" is not a duration.${hint}`, /^\d+d$/.test(text) ? { title: `Change to ${Number(text.slice(0, -1)) * 24}h`, replacement: `${Number(text.slice(0, -1)) * 24}h` } : undefined);
  }
  return ms;
}

const certificate: Rule = (r) => {
  checkIdentity(r);
  checkIssuerRef(r);
  checkPrivateKey(r);
  checkLifetime(r);
  checkSecretTemplate(r);
  checkNameConstraints(r);
  checkKeystores(r);
  checkRenewal(r);
  const limit = r.value(['spec', 'revisionHistoryLimit']);
  if (typeof limit === 'number' && limit < 1) r.ctx.error(r.rangeOf(['spec', 'revisionHistoryLimit']), 'cert-manager-certificate', 'revisionHistoryLimit must be at least 1 (leave it out to keep every CertificateRequest).');
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
  if (secretName !== undefined && (secretName.length > 253 || !DNS_SUBDOMAIN.test(secretName))) {
    r.ctx.error(r.rangeOf(['spec', 'secretName']), 'cert-manager-certificate', `"${secretName}" is not a valid Secret name: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit.`);
  }
  const commonName = r.string(['spec', 'commonName']);
  if (commonName !== undefined && Buffer.byteLength(commonName) > 64) {
    r.ctx.error(r.rangeOf(['spec', 'commonName']), 'cert-manager-certificate', `commonName is ${Buffer.byteLength(commonName)} bytes; X.509 allows at most 64. Put long names in dnsNames, and leave commonName out.`);
  }
  const literal = r.string(['spec', 'literalSubject']);
  if (literal !== undefined) {
    if (r.has(['spec', 'commonName'])) r.ctx.error(r.rangeOf(['spec', 'commonName']), 'cert-manager-certificate', 'commonName cannot be combined with literalSubject: write the CN inside literalSubject.');
    for (const field of writtenKeys(r, ['spec', 'subject']).filter((f) => f !== 'serialNumber')) {
      r.ctx.error(r.rangeOf(['spec', 'subject', field]), 'cert-manager-certificate', `subject.${field} cannot be combined with literalSubject, which spells out the whole subject (only subject.serialNumber may stay).`);
    }
  }
  const identityFields = ['dnsNames', 'emailAddresses', 'ipAddresses', 'otherNames', 'uris'];
  const hasIdentity = commonName !== undefined || (literal !== undefined && /(^|,)\s*CN=/i.test(literal)) || identityFields.some((f) => r.items(['spec', f]).length > 0) || [...identityFields, 'commonName', 'literalSubject'].some((f) => r.has(['spec', f]) && r.value(['spec', f]) === undefined);
  if (!hasIdentity && r.has(['spec'])) {
    // Something missing reads as a warning, as missing required fields do: the manifest may be half-written.
    r.ctx.warning(r.rangeOf(['spec']), 'cert-manager-certificate', 'The certificate names nobody: set at least one of dnsNames, uris, ipAddresses, emailAddresses, otherNames or commonName.');
  }
  for (const { node, value } of stringItems(r, ['spec', 'ipAddresses'])) {
    if (!isIP(value)) r.ctx.error(r.valueRange(node), 'cert-manager-certificate', `"${value}" is not an IP address.`);
  }
  for (const { node, value } of stringItems(r, ['spec', 'emailAddresses'])) {
    if (value.toLowerCase().startsWith('mailto:') || /[<>\s]/.test(value) || !/^[^@]+@[^@]+$/.test(value)) {
      r.ctx.error(r.valueRange(node), 'cert-manager-certificate', `"${value}" is not a bare email address: write only name@example.com, without a display name or mailto:.`);
    }
  }
  for (const { node, value } of stringItems(r, ['spec', 'uris'])) {
    if (!value.toLowerCase().startsWith('spiffe:')) continue;
    const problem = spiffeIdProblem(value);
    if (problem) r.ctx.error(r.valueRange(node), 'cert-manager-certificate', `"${value}" is not a valid SPIFFE ID: ${problem}.`);
  }
  if (r.items(['spec', 'uris']).filter((node) => isScalar(node) && String(node.value).startsWith('spiffe://')).length > 1) {
    r.ctx.warning(r.rangeOf(['spec', 'uris']), 'cert-manager-certificate', 'An X.509-SVID carries exactly one SPIFFE ID; with several, SPIFFE-aware peers reject the certificate.');
  }
  for (const other of r.items(['spec', 'otherNames'])) {
    const oid = r.string(['oid'], other);
    if (oid !== undefined && !/^[0-2](\.(0|[1-9]\d*))+$/.test(oid)) r.ctx.error(r.rangeOf(['oid'], other), 'cert-manager-certificate', `"${oid}" is not an object identifier (dotted numbers, like 1.3.6.1.4.1.311.20.2.3).`);
    if (r.value(['utf8Value'], other) === '' || (r.has(['oid'], other) && !r.has(['utf8Value'], other))) r.ctx.error(r.rangeOf(['utf8Value'], other), 'cert-manager-certificate', 'An otherName needs a non-empty utf8Value.');
  }
}

function checkIssuerRef(r: ResourceView): void {
  const group = r.string(['spec', 'issuerRef', 'group']) ?? '';
  const kind = r.string(['spec', 'issuerRef', 'kind']);
  if ((group === '' || group === 'cert-manager.io') && kind !== undefined && kind !== '' && kind !== 'Issuer' && kind !== 'ClusterIssuer') {
    r.ctx.error(r.rangeOf(['spec', 'issuerRef', 'kind']), 'cert-manager-certificate', `cert-manager's own issuers are of kind Issuer or ClusterIssuer, not ${kind}. An external issuer needs its group in issuerRef.group.`);
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
    if (algorithm === 'RSA' && (size < 2048 || size > 8192)) r.ctx.error(r.rangeOf(['spec', 'privateKey', 'size']), 'cert-manager-private-key', `An RSA key must be 2048 to 8192 bits, not ${size}.`);
    if (algorithm === 'ECDSA' && ![256, 384, 521].includes(size)) r.ctx.error(r.rangeOf(['spec', 'privateKey', 'size']), 'cert-manager-private-key', `An ECDSA key size is 256, 384 or 521 (the curves P-256, P-384, P-521), not ${size}.`);
  }
  const signature = r.string(['spec', 'signatureAlgorithm']);
  const family = signature ? SIGNATURE_FAMILY[signature] : undefined;
  if (family && algorithm && family !== algorithm) {
    r.ctx.error(r.rangeOf(['spec', 'signatureAlgorithm']), 'cert-manager-private-key', `${signature} signs with an ${family} key, but the private key is ${algorithm}.`);
  }
}

function checkLifetime(r: ResourceView): void {
  const lifetime = duration(r, ['spec', 'duration']);
  const renewBefore = duration(r, ['spec', 'renewBefore']);
  const percentage = r.value(['spec', 'renewBeforePercentage']);
  const effective = lifetime ?? DEFAULT_DURATION;
  if (lifetime !== undefined && lifetime < MIN_DURATION) {
    r.ctx.error(r.rangeOf(['spec', 'duration']), 'cert-manager-duration', `duration must be at least 1h; ${r.string(['spec', 'duration'])} is shorter.`);
  }
  if (r.has(['spec', 'renewBefore']) && r.has(['spec', 'renewBeforePercentage'])) {
    r.ctx.error(r.rangeOf(['spec', 'renewBeforePercentage']), 'cert-manager-duration', 'Set renewBefore or renewBeforePercentage, not both.');
    return;
  }
  const lifetimeWords = lifetime === undefined ? 'the default duration (2160h, 90 days)' : `the duration (${describeDuration(lifetime)})`;
  if (renewBefore !== undefined) {
    if (renewBefore < MIN_RENEW_BEFORE) r.ctx.error(r.rangeOf(['spec', 'renewBefore']), 'cert-manager-duration', 'renewBefore must be at least 5m.');
    else if (renewBefore >= effective) r.ctx.error(r.rangeOf(['spec', 'renewBefore']), 'cert-manager-duration', `renewBefore (${describeDuration(renewBefore)}) must be shorter than ${lifetimeWords}, or the certificate would be renewed as soon as it is issued.`);
  }
  if (typeof percentage === 'number') {
    const before = (effective * percentage) / 100;
    if (before >= effective) r.ctx.error(r.rangeOf(['spec', 'renewBeforePercentage']), 'cert-manager-duration', `renewBeforePercentage must be below 100: at ${percentage}% the certificate would be renewed as soon as it is issued.`);
    else if (before < MIN_RENEW_BEFORE) r.ctx.error(r.rangeOf(['spec', 'renewBeforePercentage']), 'cert-manager-duration', `${percentage}% of ${lifetimeWords} is less than the 5m minimum before expiry.`);
  }
}

function checkSecretTemplate(r: ResourceView): void {
  for (const key of writtenKeys(r, ['spec', 'secretTemplate', 'annotations'])) {
    if (key.startsWith('cert-manager.io/')) {
      r.ctx.error(r.rangeOf(['spec', 'secretTemplate', 'annotations', key]), 'cert-manager-certificate', `cert-manager writes the cert-manager.io/ annotations of the Secret itself; ${key} cannot be set in secretTemplate.`);
    }
  }
  for (const key of writtenKeys(r, ['spec', 'secretTemplate', 'labels'])) {
    const value = r.value(['spec', 'secretTemplate', 'labels', key]);
    const [prefix, name] = key.includes('/') ? [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)] : [undefined, key];
    const badKey = (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) || name.length > 63 || !/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name);
    const badValue = typeof value === 'string' && value !== '' && (value.length > 63 || !/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(value));
    if (badKey) r.ctx.error(r.rangeOf(['spec', 'secretTemplate', 'labels', key]), 'cert-manager-certificate', `"${key}" is not a valid label key.`);
    else if (badValue) r.ctx.error(r.valueRange(r.node(['spec', 'secretTemplate', 'labels', key])!), 'cert-manager-certificate', `"${value}" is not a valid label value (at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit).`);
  }
}

function checkNameConstraints(r: ResourceView): void {
  if (!r.has(['spec', 'nameConstraints'])) return;
  if (r.value(['spec', 'isCA']) !== true) r.ctx.error(r.rangeOf(['spec', 'nameConstraints']), 'cert-manager-certificate', 'nameConstraints only make sense on a CA certificate: set isCA: true.');
  const sets = ['permitted', 'excluded'].filter((set) => r.has(['spec', 'nameConstraints', set]));
  if (sets.length === 0) r.ctx.error(r.rangeOf(['spec', 'nameConstraints']), 'cert-manager-certificate', 'nameConstraints needs a permitted or an excluded set.');
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
    const reference = r.has([...path, 'passwordSecretRef']);
    if (literal && reference) r.ctx.error(r.rangeOf([...path, 'password']), 'cert-manager-keystore', `Set ${store}.password or ${store}.passwordSecretRef, not both.`);
    else if (!literal && !reference) r.ctx.error(r.rangeOf(path), 'cert-manager-keystore', `The ${store} keystore needs a password: passwordSecretRef (a key of a Secret) or password.`);
    else if (literal && r.value([...path, 'password']) === '') r.ctx.error(r.rangeOf([...path, 'password']), 'cert-manager-keystore', `${store}.password must not be empty.`);
  }
}

function checkRenewal(r: ResourceView): void {
  const windows = r.items(['spec', 'renewal', 'windows']);
  if (r.string(['spec', 'renewal', 'policy']) === 'Disabled' && windows.length > 0) {
    r.ctx.error(r.rangeOf(['spec', 'renewal', 'windows']), 'cert-manager-certificate', 'Renewal windows have no effect when renewal.policy is Disabled.');
  }
  for (const window of windows) {
    const length = duration(r, ['windowDuration'], window);
    if (length !== undefined && length <= 0) r.ctx.error(r.rangeOf(['windowDuration'], window), 'cert-manager-duration', 'windowDuration must be longer than zero.');
    const zone = r.string(['timezone'], window);
    if (zone !== undefined && !isTimeZone(zone)) r.ctx.error(r.rangeOf(['timezone'], window), 'cert-manager-certificate', `"${zone}" is not an IANA time zone (like Europe/Berlin or UTC).`);
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
  if (spec.startsWith('@')) return /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(spec) || /^@every \S+$/.test(spec) ? undefined : `${spec} is not a known descriptor`;
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
    r.ctx.error(r.valueRange(requestNode), 'cert-manager-certificate-request', 'request must be a PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----), base64-encoded.');
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
    r.ctx.error(r.valueRange(requestNode), 'cert-manager-certificate-request', `The CSR ${requested.ca ? 'asks for' : 'does not ask for'} a CA certificate, but isCA is ${isCA}.`);
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
    r.ctx.error(r.valueRange(requestNode), 'cert-manager-certificate-request', `The usages encoded in the CSR differ from spec.usages (${usages.length ? usages.join(', ') : `default: ${DEFAULT_USAGES.join(', ')}`}); the issued certificate would not be what the request says.`);
  }
};

const ISSUER_TYPES = ['acme', 'ca', 'selfSigned', 'vault', 'venafi'];

const issuer: Rule = (r) => {
  if (!r.has(['spec'])) return;
  const types = ISSUER_TYPES.filter((type) => r.has(['spec', type]));
  if (types.length === 0) r.ctx.error(r.rangeOf(['spec']), 'cert-manager-issuer', 'The issuer has no type: set exactly one of acme, ca, selfSigned, vault or venafi.');
  for (const extra of types.slice(1)) r.ctx.error(r.rangeOf(['spec', extra]), 'cert-manager-issuer', `An issuer has exactly one type; this one already is ${types[0]}, so ${extra} is not allowed.`);
  checkCaIssuer(r);
  checkAcmeIssuer(r);
  checkVaultIssuer(r);
  checkVenafiIssuer(r);
};

function checkUrls(r: ResourceView, path: Path, what: string): void {
  for (const { node, value } of stringItems(r, path)) {
    let ok = false;
    try {
      const url = new URL(value);
      ok = url.host !== '' && /^[a-z][a-z0-9+.-]*:$/.test(url.protocol);
    } catch {
      ok = false;
    }
    if (!ok) r.ctx.error(r.valueRange(node), 'cert-manager-issuer', `"${value}" is not a valid ${what} URL.`);
  }
}

function checkCaIssuer(r: ResourceView): void {
  checkUrls(r, ['spec', 'ca', 'ocspServers'], 'OCSP server');
  checkUrls(r, ['spec', 'ca', 'issuingCertificateURLs'], 'issuing-certificate');
  checkUrls(r, ['spec', 'ca', 'crlDistributionPoints'], 'CRL distribution point');
}

/** A caBundle field: base64 of PEM that must hold at least one certificate. */
function checkCaBundle(r: ResourceView, path: Path): void {
  const encoded = r.string(path);
  if (encoded === undefined) return;
  const text = Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('latin1');
  if (!findPemBlocks(text).some((block) => block.label === 'CERTIFICATE' && block.der)) {
    r.ctx.error(r.valueRange(r.node(path)!), 'cert-manager-issuer', 'caBundle must be base64-encoded PEM holding at least one CERTIFICATE block.');
  }
}

function exclusive(r: ResourceView, base: Path, a: string, b: string, why = ''): void {
  if (r.has([...base, a]) && r.has([...base, b])) r.ctx.error(r.rangeOf([...base, b]), 'cert-manager-issuer', `Set ${a} or ${b}, not both.${why}`);
}

function checkAcmeIssuer(r: ResourceView): void {
  const acme = ['spec', 'acme'];
  if (!r.has(acme)) return;
  checkCaBundle(r, [...acme, 'caBundle']);
  if (r.value([...acme, 'skipTLSVerify']) === true) exclusive(r, acme, 'caBundle', 'skipTLSVerify', ' A CA bundle is pointless when verification is off.');
  if (r.has([...acme, 'externalAccountBinding', 'keyAlgorithm'])) {
    r.ctx.warning(r.rangeOf([...acme, 'externalAccountBinding', 'keyAlgorithm']), 'cert-manager-issuer', 'keyAlgorithm is deprecated and ignored: cert-manager always uses HS256 for external account binding.');
  }
  r.items([...acme, 'solvers']).forEach((solver) => {
    const types = ['http01', 'dns01'].filter((type) => r.has([type], solver));
    if (types.length !== 1) r.ctx.error(types.length ? r.rangeOf([types[1]], solver) : r.valueRange(solver), 'cert-manager-issuer', 'Each ACME solver needs exactly one of http01 or dns01.');
    const wait = r.string(['waitInsteadOfSelfCheck'], solver);
    if (wait !== undefined) {
      const ms = duration(r, ['waitInsteadOfSelfCheck'], solver);
      if (ms !== undefined && ms < 0) r.ctx.error(r.rangeOf(['waitInsteadOfSelfCheck'], solver), 'cert-manager-duration', 'waitInsteadOfSelfCheck must not be negative.');
    }
    const http = r.node(['http01'], solver);
    if (http) {
      const kinds = ['ingress', 'gatewayHTTPRoute'].filter((type) => r.has([type], http));
      if (kinds.length !== 1) r.ctx.error(kinds.length ? r.rangeOf([kinds[1]], http) : r.rangeOf(['http01'], solver), 'cert-manager-issuer', 'http01 needs exactly one of ingress or gatewayHTTPRoute.');
      const ingress = r.node(['ingress'], http);
      if (ingress) {
        const chosen = ['class', 'ingressClassName', 'name'].filter((field) => r.has([field], ingress));
        if (chosen.length > 1) r.ctx.error(r.rangeOf([chosen[1]], ingress), 'cert-manager-issuer', `Use one of ingress.class, ingress.ingressClassName or ingress.name; ${chosen.join(' and ')} are both set.`);
        const className = r.string(['ingressClassName'], ingress);
        if (className !== undefined && !DNS_SUBDOMAIN.test(className)) r.ctx.error(r.rangeOf(['ingressClassName'], ingress), 'cert-manager-issuer', `"${className}" is not a valid IngressClass name.`);
        const serviceType = r.string(['serviceType'], ingress);
        if (serviceType !== undefined && !['', 'ClusterIP', 'NodePort'].includes(serviceType)) r.ctx.error(r.rangeOf(['serviceType'], ingress), 'cert-manager-issuer', `serviceType must be ClusterIP or NodePort, not ${serviceType}.`);
      }
    }
    const dns = r.node(['dns01'], solver);
    if (dns) checkDns01(r, dns);
  });
}

const DNS_PROVIDERS = ['acmeDNS', 'akamai', 'azureDNS', 'cloudDNS', 'cloudflare', 'digitalocean', 'rfc2136', 'route53', 'webhook'];
const TSIG_ALGORITHMS = ['HMACMD5', 'HMACSHA1', 'HMACSHA256', 'HMACSHA512'];

function checkDns01(r: ResourceView, dns: Node): void {
  const providers = DNS_PROVIDERS.filter((p) => r.has([p], dns));
  if (providers.length === 0) r.ctx.error(r.valueRange(dns), 'cert-manager-issuer', `dns01 needs a DNS provider: one of ${DNS_PROVIDERS.join(', ')}.`);
  for (const extra of providers.slice(1)) r.ctx.error(r.rangeOf([extra], dns), 'cert-manager-issuer', `A dns01 solver uses one provider; ${providers[0]} is already set.`);
  const cloudflare = r.node(['cloudflare'], dns);
  if (cloudflare) {
    const key = r.has(['apiKeySecretRef'], cloudflare);
    const token = r.has(['apiTokenSecretRef'], cloudflare);
    if (key && token) r.ctx.error(r.rangeOf(['apiTokenSecretRef'], cloudflare), 'cert-manager-issuer', 'Cloudflare takes apiTokenSecretRef or apiKeySecretRef, not both.');
    if (!key && !token) r.ctx.error(r.rangeOf(['cloudflare'], dns), 'cert-manager-issuer', 'Cloudflare needs apiTokenSecretRef (preferred) or apiKeySecretRef.');
    if (key && !r.has(['email'], cloudflare)) r.ctx.error(r.rangeOf(['apiKeySecretRef'], cloudflare), 'cert-manager-issuer', 'A Cloudflare API key needs the account email.');
  }
  const route53 = r.node(['route53'], dns);
  if (route53 && r.has(['accessKeyID'], route53) && r.has(['accessKeyIDSecretRef'], route53)) r.ctx.error(r.rangeOf(['accessKeyIDSecretRef'], route53), 'cert-manager-issuer', 'Set accessKeyID or accessKeyIDSecretRef, not both.');
  const azure = r.node(['azureDNS'], dns);
  if (azure) {
    const service = ['clientID', 'clientSecretSecretRef', 'tenantID'].filter((f) => r.has([f], azure));
    if (service.length > 0 && service.length < 3) r.ctx.error(r.rangeOf([service[0]], azure), 'cert-manager-issuer', 'A service principal needs all of clientID, clientSecretSecretRef and tenantID.');
    if (service.length > 0 && r.has(['managedIdentity'], azure)) r.ctx.error(r.rangeOf(['managedIdentity'], azure), 'cert-manager-issuer', 'managedIdentity cannot be combined with a service principal (clientID, clientSecretSecretRef, tenantID).');
    if (r.has(['managedIdentity', 'clientID'], azure) && r.has(['managedIdentity', 'resourceID'], azure)) r.ctx.error(r.rangeOf(['managedIdentity', 'resourceID'], azure), 'cert-manager-issuer', 'A managed identity is chosen by clientID or by resourceID, not both.');
  }
  const rfc2136 = r.node(['rfc2136'], dns);
  if (rfc2136) {
    const nameserver = r.string(['nameserver'], rfc2136);
    if (nameserver !== undefined && !validNameserver(nameserver)) r.ctx.error(r.rangeOf(['nameserver'], rfc2136), 'cert-manager-issuer', `"${nameserver}" is not a nameserver: write host, host:port or [IPv6]:port.`);
    const algorithm = r.string(['tsigAlgorithm'], rfc2136);
    if (algorithm !== undefined && !TSIG_ALGORITHMS.includes(algorithm.toUpperCase())) r.ctx.error(r.rangeOf(['tsigAlgorithm'], rfc2136), 'cert-manager-issuer', `Unsupported TSIG algorithm ${algorithm}: use ${TSIG_ALGORITHMS.join(', ')}.`);
    const keyName = r.has(['tsigKeyName'], rfc2136);
    const secret = r.has(['tsigSecretSecretRef'], rfc2136);
    if (keyName && !secret) r.ctx.error(r.rangeOf(['tsigKeyName'], rfc2136), 'cert-manager-issuer', 'tsigKeyName needs tsigSecretSecretRef, the Secret holding the TSIG key.');
    if (secret && !keyName) r.ctx.error(r.rangeOf(['tsigSecretSecretRef'], rfc2136), 'cert-manager-issuer', 'tsigSecretSecretRef needs tsigKeyName.');
  }
}

function validNameserver(value: string): boolean {
  const bracketed = /^\[([^\]]+)\](:(\d+))?$/.exec(value);
  if (bracketed) return isIP(bracketed[1]) === 6 && (bracketed[3] === undefined || Number(bracketed[3]) <= 65535);
  if (isIP(value) === 6) return false;
  const [host, port, ...rest] = value.split(':');
  if (rest.length || host === '') return false;
  if (port !== undefined && !(/^\d+$/.test(port) && Number(port) <= 65535)) return false;
  return isIP(host) === 4 || /^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*\.?$/.test(host);
}

function checkVaultIssuer(r: ResourceView): void {
  const vault = ['spec', 'vault'];
  if (!r.has(vault)) return;
  const noDotDot = (path: Path) => {
    const value = r.string(path);
    if (value !== undefined && value.split('/').includes('..')) r.ctx.error(r.rangeOf(path), 'cert-manager-issuer', `"${value}" must not contain ".." segments.`);
  };
  noDotDot([...vault, 'path']);
  exclusive(r, vault, 'caBundle', 'caBundleSecretRef');
  checkCaBundle(r, [...vault, 'caBundle']);
  const cert = r.has([...vault, 'clientCertSecretRef']);
  const key = r.has([...vault, 'clientKeySecretRef']);
  if (cert && !key) r.ctx.error(r.rangeOf([...vault, 'clientCertSecretRef']), 'cert-manager-issuer', 'clientCertSecretRef needs clientKeySecretRef: the key of the client certificate.');
  if (key && !cert) r.ctx.error(r.rangeOf([...vault, 'clientKeySecretRef']), 'cert-manager-issuer', 'clientKeySecretRef needs clientCertSecretRef: the client certificate of the key.');
  const auth = [...vault, 'auth'];
  if (isMap(r.node(auth)) && writtenKeys(r, auth).length === 0) r.ctx.error(r.rangeOf(auth), 'cert-manager-issuer', 'Vault auth needs a method: tokenSecretRef, appRole, clientCertificate, kubernetes or aws.');
  noDotDot([...auth, 'appRole', 'path']);
  noDotDot([...auth, 'clientCertificate', 'mountPath']);
  noDotDot([...auth, 'kubernetes', 'mountPath']);
  noDotDot([...auth, 'aws', 'mountPath']);
  exclusive(r, [...auth, 'kubernetes'], 'secretRef', 'serviceAccountRef');
  if (r.has([...auth, 'aws', 'serviceAccountRef']) && !r.has([...auth, 'aws', 'iamRoleArn'])) {
    r.ctx.error(r.rangeOf([...auth, 'aws', 'serviceAccountRef']), 'cert-manager-issuer', 'aws.serviceAccountRef needs iamRoleArn: the role the service account token is exchanged for.');
  }
}

function checkVenafiIssuer(r: ResourceView): void {
  exclusive(r, ['spec', 'venafi', 'tpp'], 'caBundle', 'caBundleSecretRef');
}

export const CERT_MANAGER_RULES: Record<string, Rule[]> = {
  'cert-manager.io/Certificate': [certificate],
  'cert-manager.io/CertificateRequest': [certificateRequest],
  'cert-manager.io/Issuer': [issuer],
  'cert-manager.io/ClusterIssuer': [issuer],
};
