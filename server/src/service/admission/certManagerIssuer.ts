import { isMap, type Node } from 'yaml';
import { findPemBlocks } from '../../../../common/src/pem/blocks';
import { DNS_SUBDOMAIN, duration, isBlank, refuseMissing, stringItems } from './certManagerFields';
import { checkIssuerRelease } from './certManagerReleases';
import type { Path, ResourceView, Rule } from './resourceView';

// cert-manager's validating webhook for Issuer and ClusterIssuer
// (internal/apis/certmanager/validation/issuer.go), for what the CRD schemas leave out.

const ISSUER_TYPES = ['acme', 'ca', 'selfSigned', 'vault', 'venafi'];

export const ISSUER_RULE: Rule = (r) => {
  // Without a spec the schema's note that it is missing says it all.
  if (!r.has(['spec'])) return;
  checkIssuerRelease(r);
  const types = ISSUER_TYPES.filter((type) => r.has(['spec', type]));
  if (types.length === 0)
    r.ctx.error(r.rangeOf(['spec']), 'cert-manager-issuer', 'The issuer has no type: set exactly one of acme, ca, selfSigned, vault or venafi.');
  for (const extra of types.slice(1))
    r.ctx.error(
      r.rangeOf(['spec', extra]),
      'cert-manager-issuer',
      `An issuer has exactly one type; this one already is ${types[0]}, so ${extra} is not allowed.`,
    );
  // Like the webhook, only the first type is checked further.
  if (types[0] === 'ca') checkCaIssuer(r);
  if (types[0] === 'acme') checkAcmeIssuer(r);
  if (types[0] === 'vault') checkVaultIssuer(r);
  if (types[0] === 'venafi') checkVenafiIssuer(r);
};

/** A field the webhook requires: reported at its parent when missing or empty. */
function required(r: ResourceView, base: Path, field: string, why: string, from?: Node): void {
  // Only a mapping written out is judged (an alias or a template is left alone).
  if (!isMap(r.node(base, from)) || !isBlank(r, [...base, field], from)) return;
  refuseMissing(r, base, field, 'cert-manager-issuer', `${[...base.filter((p) => p !== 'spec'), field].join('.')} is required: ${why}.`, from);
}

/** A reference to a key of a Secret, which the webhook wants complete: both name and key. */
function secretKeySelector(r: ResourceView, path: Path, from?: Node): void {
  if (!r.has(path, from)) return;
  required(r, path, 'name', 'the Secret to read', from);
  required(r, path, 'key', 'the entry of the Secret that holds the value', from);
}

function checkCaIssuer(r: ResourceView): void {
  required(r, ['spec', 'ca'], 'secretName', 'the Secret holding the CA certificate and key');
  checkUrls(r, ['spec', 'ca', 'ocspServers'], 'OCSP server', true);
  checkUrls(r, ['spec', 'ca', 'issuingCertificateURLs'], 'issuing-certificate', true);
  checkUrls(r, ['spec', 'ca', 'crlDistributionPoints'], 'CRL distribution point', false);
}

/**
 * URL lists: the webhook refuses only empty OCSP and issuing-certificate entries
 * (ValidateCAIssuerConfig) and reads no CRL entry; anything else that is no URL gets a warning.
 */
function checkUrls(r: ResourceView, path: Path, what: string, emptyRefused: boolean): void {
  for (const { node, value } of stringItems(r, path)) {
    if (value === '' && emptyRefused) {
      r.ctx.error(r.valueRange(node), 'cert-manager-issuer', `An empty ${what} URL is not allowed.`);
      continue;
    }
    let ok = false;
    try {
      const url = new URL(value);
      ok = url.host !== '' && /^[a-z][a-z0-9+.-]*:$/.test(url.protocol);
    } catch {
      ok = false;
    }
    if (!ok) r.ctx.warning(r.valueRange(node), 'cert-manager-issuer', `"${value}" is not a valid ${what} URL; it is accepted, but clients cannot use it.`);
  }
}

/** A caBundle field: base64 of PEM that must hold at least one certificate. */
function checkCaBundle(r: ResourceView, path: Path): void {
  const encoded = r.string(path);
  if (encoded === undefined || encoded === '') return;
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
  checkCaBundle(r, [...acme, 'caBundle']);
  if (r.value([...acme, 'skipTLSVerify']) === true && !isBlank(r, [...acme, 'caBundle']))
    exclusive(r, acme, 'caBundle', 'skipTLSVerify', ' A CA bundle is pointless when verification is off.');
  const accountKey = 'the Secret that holds (or will hold) the ACME account key';
  if (!r.has([...acme, 'privateKeySecretRef'])) required(r, acme, 'privateKeySecretRef', accountKey);
  else required(r, [...acme, 'privateKeySecretRef'], 'name', accountKey);
  required(r, acme, 'server', 'the URL of the ACME directory, like https://acme-v02.api.letsencrypt.org/directory');
  const eab = [...acme, 'externalAccountBinding'];
  if (r.has(eab)) {
    required(r, eab, 'keyID', 'the key identifier the ACME server gave you');
    if (!r.has([...eab, 'keySecretRef']))
      r.ctx.error(r.rangeOf(eab), 'cert-manager-issuer', 'externalAccountBinding.keySecretRef is required: the Secret entry holding the MAC key.');
    else secretKeySelector(r, [...eab, 'keySecretRef']);
  }
  if (r.has([...eab, 'keyAlgorithm'])) {
    r.ctx.warning(
      r.rangeOf([...eab, 'keyAlgorithm']),
      'cert-manager-issuer',
      'keyAlgorithm is deprecated and ignored: cert-manager always uses HS256 for external account binding.',
    );
  }
  r.items([...acme, 'solvers']).forEach((solver) => checkSolver(r, solver));
}

function checkSolver(r: ResourceView, solver: Node): void {
  const types = ['http01', 'dns01'].filter((type) => r.has([type], solver));
  if (types.length !== 1)
    r.ctx.error(
      types.length ? r.rangeOf([types[1]], solver) : r.valueRange(solver),
      'cert-manager-issuer',
      'Each ACME solver needs exactly one of http01 or dns01.',
    );
  if (r.string(['waitInsteadOfSelfCheck'], solver) !== undefined) {
    const ms = duration(r, ['waitInsteadOfSelfCheck'], solver);
    if (ms !== undefined && ms < 0)
      r.ctx.error(r.rangeOf(['waitInsteadOfSelfCheck'], solver), 'cert-manager-duration', 'waitInsteadOfSelfCheck must not be negative.');
  }
  const http = r.node(['http01'], solver);
  if (http) checkHttp01(r, solver, http);
  // The webhook checks dns01 only when it is the solver's one type.
  const dns = r.node(['dns01'], solver);
  if (dns && !http) checkDns01(r, dns);
}

function checkServiceType(r: ResourceView, from: Node): void {
  const serviceType = r.string(['serviceType'], from);
  if (serviceType !== undefined && !['', 'ClusterIP', 'NodePort'].includes(serviceType))
    r.ctx.error(r.rangeOf(['serviceType'], from), 'cert-manager-issuer', `serviceType must be ClusterIP or NodePort, not ${serviceType}.`);
}

function checkHttp01(r: ResourceView, solver: Node, http: Node): void {
  const kinds = ['ingress', 'gatewayHTTPRoute'].filter((type) => r.has([type], http));
  if (kinds.length !== 1)
    r.ctx.error(
      kinds.length ? r.rangeOf([kinds[1]], http) : r.rangeOf(['http01'], solver),
      'cert-manager-issuer',
      'http01 needs exactly one of ingress or gatewayHTTPRoute.',
    );
  const ingress = r.node(['ingress'], http);
  if (ingress) {
    const chosen = ['class', 'ingressClassName', 'name'].filter((field) => (field === 'name' ? !isBlank(r, [field], ingress) : r.has([field], ingress)));
    if (chosen.length > 1)
      r.ctx.error(
        r.rangeOf([chosen[1]], ingress),
        'cert-manager-issuer',
        `Use one of ingress.class, ingress.ingressClassName or ingress.name; ${chosen.join(' and ')} are both set.`,
      );
    const className = r.string(['ingressClassName'], ingress);
    if (className !== undefined && !DNS_SUBDOMAIN.test(className))
      r.ctx.error(r.rangeOf(['ingressClassName'], ingress), 'cert-manager-issuer', `"${className}" is not a valid IngressClass name.`);
    checkServiceType(r, ingress);
  }
  const gateway = r.node(['gatewayHTTPRoute'], http);
  if (gateway) {
    checkServiceType(r, gateway);
    // The webhook stops at the first incomplete parent reference.
    for (const parent of r.items(['parentRefs'], gateway)) {
      const named = !isBlank(r, ['name'], parent);
      if (r.has(['kind'], parent) && !named) {
        r.ctx.error(r.valueRange(parent), 'cert-manager-issuer', 'A parentRef with a kind needs a name.');
        break;
      }
    }
  }
}

const TSIG_ALGORITHMS = ['HMACMD5', 'HMACSHA1', 'HMACSHA256', 'HMACSHA512'];

function checkDns01(r: ResourceView, dns: Node): void {
  // cnameStrategy and azureDNS.environment are enums of the CRD schema, checked there.
  for (const { node, value } of stringItems(r, ['nameservers'], dns)) {
    const problem = dns01NameserverProblem(value);
    if (problem) r.ctx.error(r.valueRange(node), 'cert-manager-issuer', `"${value}" is not a nameserver: ${problem}.`);
  }
  const providers = DNS_PROVIDERS.filter((p) => r.has([p], dns));
  if (providers.length === 0) r.ctx.error(r.valueRange(dns), 'cert-manager-issuer', `dns01 needs a DNS provider: one of ${DNS_PROVIDERS.join(', ')}.`);
  for (const extra of providers.slice(1))
    r.ctx.error(r.rangeOf([extra], dns), 'cert-manager-issuer', `A dns01 solver uses one provider; ${providers[0]} is already set.`);
  // As the webhook, only the first provider is checked further.
  const provider = providers[0];
  if (provider) PROVIDER_CHECKS[provider](r, [provider], dns);
}

type ProviderCheck = (r: ResourceView, base: Path, dns: Node) => void;

const PROVIDER_CHECKS: Record<string, ProviderCheck> = {
  akamai: (r, base, dns) => {
    for (const ref of ['accessTokenSecretRef', 'clientSecretSecretRef', 'clientTokenSecretRef']) {
      if (!r.has([...base, ref], dns)) r.ctx.error(r.rangeOf(base, dns), 'cert-manager-issuer', `akamai.${ref} is required.`);
      else secretKeySelector(r, [...base, ref], dns);
    }
    required(r, base, 'serviceConsumerDomain', 'the Akamai API host', dns);
  },
  azureDNS: (r, base, dns) => {
    const principal = ['clientID', 'tenantID', 'clientSecretSecretRef'].some((f) => !isBlank(r, [...base, f], dns));
    if (principal) {
      required(r, base, 'clientID', 'a service principal needs clientID, clientSecretSecretRef and tenantID', dns);
      if (!r.has([...base, 'clientSecretSecretRef'], dns))
        r.ctx.error(
          r.rangeOf(base, dns),
          'cert-manager-issuer',
          'azureDNS.clientSecretSecretRef is required: a service principal needs clientID, clientSecretSecretRef and tenantID.',
        );
      else secretKeySelector(r, [...base, 'clientSecretSecretRef'], dns);
      required(r, base, 'tenantID', 'a service principal needs clientID, clientSecretSecretRef and tenantID', dns);
      if (r.has([...base, 'managedIdentity'], dns))
        r.ctx.error(
          r.rangeOf([...base, 'managedIdentity'], dns),
          'cert-manager-issuer',
          'managedIdentity cannot be combined with a service principal (clientID, clientSecretSecretRef, tenantID).',
        );
    } else if (r.has([...base, 'managedIdentity'], dns)) {
      const identity = [...base, 'managedIdentity'];
      const set = (f: string) => !isBlank(r, [...identity, f], dns);
      if (set('clientID') && set('resourceID'))
        r.ctx.error(r.rangeOf(identity, dns), 'cert-manager-issuer', 'A managed identity is chosen by clientID or by resourceID, not both.');
      if (set('tenantID') && set('resourceID'))
        r.ctx.error(r.rangeOf(identity, dns), 'cert-manager-issuer', 'managedIdentity.tenantID cannot be combined with resourceID.');
      if (set('tenantID') && !set('clientID'))
        r.ctx.error(r.rangeOf(identity, dns), 'cert-manager-issuer', 'managedIdentity.tenantID needs managedIdentity.clientID.');
    }
    required(r, base, 'subscriptionID', 'the Azure subscription of the DNS zone', dns);
    required(r, base, 'resourceGroupName', 'the resource group of the DNS zone', dns);
  },
  cloudDNS: (r, base, dns) => {
    secretKeySelector(r, [...base, 'serviceAccountSecretRef'], dns);
    required(r, base, 'project', 'the Google Cloud project of the DNS zone', dns);
  },
  cloudflare: (r, base, dns) => {
    const key = r.has([...base, 'apiKeySecretRef'], dns);
    const token = r.has([...base, 'apiTokenSecretRef'], dns);
    secretKeySelector(r, [...base, 'apiKeySecretRef'], dns);
    secretKeySelector(r, [...base, 'apiTokenSecretRef'], dns);
    if (key && token)
      r.ctx.error(r.rangeOf([...base, 'apiTokenSecretRef'], dns), 'cert-manager-issuer', 'Cloudflare takes apiTokenSecretRef or apiKeySecretRef, not both.');
    if (!key && !token) r.ctx.error(r.rangeOf(base, dns), 'cert-manager-issuer', 'Cloudflare needs apiTokenSecretRef (preferred) or apiKeySecretRef.');
    if (key && isBlank(r, [...base, 'email'], dns))
      r.ctx.error(r.rangeOf([...base, 'apiKeySecretRef'], dns), 'cert-manager-issuer', 'A Cloudflare API key needs the account email.');
  },
  route53: (r, base, dns) => {
    if (!isBlank(r, [...base, 'accessKeyID'], dns) && r.has([...base, 'accessKeyIDSecretRef'], dns))
      r.ctx.error(r.rangeOf([...base, 'accessKeyIDSecretRef'], dns), 'cert-manager-issuer', 'Set accessKeyID or accessKeyIDSecretRef, not both.');
    secretKeySelector(r, [...base, 'accessKeyIDSecretRef'], dns);
  },
  acmeDNS: (r, base, dns) => {
    if (!r.has([...base, 'accountSecretRef'], dns)) r.ctx.error(r.rangeOf(base, dns), 'cert-manager-issuer', 'acmeDNS.accountSecretRef is required.');
    else secretKeySelector(r, [...base, 'accountSecretRef'], dns);
    required(r, base, 'host', 'the URL of the acme-dns server', dns);
  },
  digitalocean: (r, base, dns) => {
    if (!r.has([...base, 'tokenSecretRef'], dns)) r.ctx.error(r.rangeOf(base, dns), 'cert-manager-issuer', 'digitalocean.tokenSecretRef is required.');
    else secretKeySelector(r, [...base, 'tokenSecretRef'], dns);
  },
  rfc2136: (r, base, dns) => {
    required(r, base, 'nameserver', 'the DNS server to send updates to', dns);
    const nameserver = r.string([...base, 'nameserver'], dns);
    if (nameserver && !validRfc2136Nameserver(nameserver))
      r.ctx.error(r.rangeOf([...base, 'nameserver'], dns), 'cert-manager-issuer', `"${nameserver}" is not a nameserver: write host, host:port or [IPv6]:port.`);
    const algorithm = r.string([...base, 'tsigAlgorithm'], dns);
    if (algorithm && !TSIG_ALGORITHMS.includes(algorithm.toUpperCase()))
      r.ctx.error(
        r.rangeOf([...base, 'tsigAlgorithm'], dns),
        'cert-manager-issuer',
        `Unsupported TSIG algorithm ${algorithm}: use ${TSIG_ALGORITHMS.join(', ')}.`,
      );
    const secret = [...base, 'tsigSecretSecretRef'];
    const secretComplete = !isBlank(r, [...secret, 'name'], dns) && !isBlank(r, [...secret, 'key'], dns);
    if (!isBlank(r, [...base, 'tsigKeyName'], dns)) {
      if (!r.has(secret, dns))
        r.ctx.error(
          r.rangeOf([...base, 'tsigKeyName'], dns),
          'cert-manager-issuer',
          'tsigKeyName needs tsigSecretSecretRef, the Secret entry holding the TSIG key.',
        );
      else secretKeySelector(r, secret, dns);
    } else if (secretComplete) {
      r.ctx.error(r.rangeOf(secret, dns), 'cert-manager-issuer', 'tsigSecretSecretRef needs tsigKeyName.');
    }
  },
  webhook: (r, base, dns) => required(r, base, 'solverName', 'the name the webhook solver registered', dns),
};

const DNS_PROVIDERS = Object.keys(PROVIDER_CHECKS);

interface HostPort {
  host: string;
  port: string;
}

/** Go's net.SplitHostPort: a host and port, "missing port", or another reason. */
function splitHostPort(text: string): HostPort | 'missing port' | 'invalid' {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return 'missing port';
  let host: string;
  let afterOpen = 0;
  let afterClose = 0;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    if (end < 0) return 'invalid';
    if (end + 1 === text.length) return 'missing port';
    if (end + 1 !== colon) return text[end + 1] === ':' ? 'invalid' : 'missing port';
    host = text.slice(1, end);
    afterOpen = 1;
    afterClose = end + 1;
  } else {
    host = text.slice(0, colon);
    if (host.includes(':')) return 'invalid';
  }
  if (text.indexOf('[', afterOpen) >= 0 || text.indexOf(']', afterClose) >= 0) return 'invalid';
  return { host, port: text.slice(colon + 1) };
}

/** util.ValidNameserver: host, host:port or [IPv6][:port], with a host. */
function validRfc2136Nameserver(value: string): boolean {
  const trimmed = value.trim();
  const split = splitHostPort(trimmed);
  if (split === 'invalid') return false;
  const host = split === 'missing port' ? trimmed.replace(/^\[+|\]+$/g, '') : split.host;
  return host !== '';
}

/** util.ValidDNS01Nameserver: a DoH URL, or host:port. */
function dns01NameserverProblem(value: string): string | undefined {
  if (value.startsWith('https://')) {
    let host = '';
    try {
      host = new URL(value).host;
    } catch {
      host = '';
    }
    return host ? undefined : 'write a DNS-over-HTTPS URL with a host, like https://dns.example/dns-query';
  }
  return typeof splitHostPort(value) === 'string' ? 'write address:port, like 8.8.8.8:53' : undefined;
}

function checkVaultIssuer(r: ResourceView): void {
  const vault = ['spec', 'vault'];
  required(r, vault, 'server', 'the URL of the Vault server');
  required(r, vault, 'path', 'the Vault path of the signing role, like pki/sign/example');
  const noDotDot = (path: Path) => {
    const value = r.string(path);
    if (value !== undefined && value.split('/').includes('..'))
      r.ctx.error(r.rangeOf(path), 'cert-manager-issuer', `"${value}" must not contain ".." segments.`);
  };
  noDotDot([...vault, 'path']);
  if (!isBlank(r, [...vault, 'caBundle'])) exclusive(r, vault, 'caBundle', 'caBundleSecretRef');
  checkCaBundle(r, [...vault, 'caBundle']);
  const cert = r.has([...vault, 'clientCertSecretRef']);
  const key = r.has([...vault, 'clientKeySecretRef']);
  if (cert && !key)
    r.ctx.error(
      r.rangeOf([...vault, 'clientCertSecretRef']),
      'cert-manager-issuer',
      'clientCertSecretRef needs clientKeySecretRef: the key of the client certificate.',
    );
  if (key && !cert)
    r.ctx.error(
      r.rangeOf([...vault, 'clientKeySecretRef']),
      'cert-manager-issuer',
      'clientKeySecretRef needs clientCertSecretRef: the client certificate of the key.',
    );
  const auth = [...vault, 'auth'];
  const methods = ['tokenSecretRef', 'appRole', 'clientCertificate', 'kubernetes', 'aws'].filter((m) => r.has([...auth, m]));
  const authWords = 'Vault auth needs a method: tokenSecretRef, appRole, clientCertificate, kubernetes or aws.';
  // A documentation placeholder ("auth: ...") is left alone.
  if (!r.has(auth)) refuseMissing(r, vault, 'auth', 'cert-manager-issuer', authWords);
  else if (isMap(r.node(auth)) && methods.length === 0) r.ctx.error(r.rangeOf(auth), 'cert-manager-issuer', authWords);
  if (r.has([...auth, 'appRole'])) {
    required(r, [...auth, 'appRole'], 'roleId', 'the AppRole role ID');
    if (isBlank(r, [...auth, 'appRole', 'secretRef', 'name']))
      r.ctx.error(r.rangeOf([...auth, 'appRole']), 'cert-manager-issuer', 'appRole.secretRef.name is required: the Secret holding the AppRole secret ID.');
    noDotDot([...auth, 'appRole', 'path']);
  }
  noDotDot([...auth, 'clientCertificate', 'mountPath']);
  const kubernetes = [...auth, 'kubernetes'];
  if (r.has(kubernetes)) {
    required(r, kubernetes, 'role', 'the Vault role to log in as');
    noDotDot([...kubernetes, 'mountPath']);
    const bySecret = !isBlank(r, [...kubernetes, 'secretRef', 'name']);
    const byAccount = r.has([...kubernetes, 'serviceAccountRef']);
    if (byAccount) required(r, [...kubernetes, 'serviceAccountRef'], 'name', 'the service account whose token is used');
    if (bySecret && byAccount)
      r.ctx.error(
        r.rangeOf([...kubernetes, 'serviceAccountRef']),
        'cert-manager-issuer',
        'Set kubernetes.secretRef or kubernetes.serviceAccountRef, not both.',
      );
    if (!bySecret && !byAccount)
      r.ctx.error(r.rangeOf(kubernetes), 'cert-manager-issuer', 'Kubernetes auth needs secretRef or serviceAccountRef: where the token comes from.');
  }
  const aws = [...auth, 'aws'];
  if (r.has(aws)) {
    required(r, aws, 'role', 'the Vault role to log in as');
    noDotDot([...aws, 'mountPath']);
    if (r.has([...aws, 'serviceAccountRef'])) {
      required(r, [...aws, 'serviceAccountRef'], 'name', 'the service account whose token is exchanged');
      if (isBlank(r, [...aws, 'iamRoleArn']))
        r.ctx.error(
          r.rangeOf([...aws, 'serviceAccountRef']),
          'cert-manager-issuer',
          'aws.serviceAccountRef needs iamRoleArn: the role the service account token is exchanged for.',
        );
    }
  }
}

function checkVenafiIssuer(r: ResourceView): void {
  const venafi = ['spec', 'venafi'];
  required(r, venafi, 'zone', 'the Venafi policy zone to request certificates in');
  // Exactly one of tpp, cloud and ngts: a CEL rule of the CRD, checked there.
  if (r.has([...venafi, 'tpp'])) {
    required(r, [...venafi, 'tpp'], 'url', 'the URL of the TPP instance');
    if (!isBlank(r, [...venafi, 'tpp', 'caBundle'])) exclusive(r, [...venafi, 'tpp'], 'caBundle', 'caBundleSecretRef');
  }
  if (r.has([...venafi, 'ngts'])) {
    required(r, [...venafi, 'ngts'], 'tsgID', 'the tenant service group ID');
    if (isBlank(r, [...venafi, 'ngts', 'credentialsRef', 'name']))
      r.ctx.error(r.rangeOf([...venafi, 'ngts']), 'cert-manager-issuer', 'ngts.credentialsRef.name is required: the Secret holding the credentials.');
  }
}
