import { CERTIFICATE_FIELDS_SINCE, CERTIFICATE_GATES, ISSUER_FIELDS_SINCE, type FieldSince } from '../certManagerReleases';
import { nestDocs, type FieldDoc, type KindDocs } from './fieldDoc';

// cert-manager's Certificate, CertificateRequest, Issuer and ClusterIssuer.

const USAGES_TEXT =
  "What the issued key may be used for, in cert-manager's words: key usages (`digital signature`, `key encipherment`, `cert sign`, …) and extended key usages (`server auth`, `client auth`, …). For mutual TLS a workload certificate needs both `server auth` and `client auth`; a peer that checks extended key usage refuses a certificate missing the role it plays. Left empty, cert-manager asks for `digital signature` and `key encipherment` only.";

const ISSUER_REF: KindDocs = {
  issuerRef: {
    text: 'Which issuer signs: an Issuer in the same namespace, a ClusterIssuer, or an external issuer named by its API group.',
    example: 'issuerRef:\n  name: mesh-ca\n  kind: ClusterIssuer\n  group: cert-manager.io',
  },
  'issuerRef.name': { text: "Name of the issuer resource. An Issuer is looked up in this resource's namespace; a ClusterIssuer cluster-wide." },
  'issuerRef.kind': {
    text: "Kind of the issuer: `Issuer` or `ClusterIssuer` for cert-manager's own, or the kind an external issuer defines (with its `group`).",
    default: 'Issuer',
  },
  'issuerRef.group': {
    text: "API group of the issuer. Leave it out (or write `cert-manager.io`) for cert-manager's own issuers; external issuers such as istio-csr or step-issuer use their own group.",
    default: 'cert-manager.io',
  },
};

const NAME_SET = (verb: string): KindDocs => ({
  dnsDomains: { text: `DNS domains the CA ${verb}; a domain covers its subdomains (\`example.com\` also means \`api.example.com\`).` },
  emailAddresses: { text: `Email addresses or mail domains the CA ${verb}.` },
  ipRanges: { text: `IP ranges in CIDR form (\`10.0.0.0/8\`, \`fd00::/8\`) the CA ${verb}.` },
  uriDomains: { text: `Host parts of URI names the CA ${verb}; for SPIFFE IDs this is the trust domain.` },
});

const KEYSTORE = (format: string, file: string): KindDocs => ({
  '': { text: `Also write a ${format} keystore (\`${file}\`) and a truststore with the CA into the Secret, for Java and other clients that want one.` },
  create: { text: `Whether to write the ${format} files. Set to true to turn the keystore on.` },
  password: {
    text: 'The keystore password written inline. Prefer `passwordSecretRef`: a literal password sits in the manifest for anyone who can read it. Exactly one of the two is needed, and an inline one must not be empty.',
  },
  passwordSecretRef: { text: 'A key of a Secret in the same namespace holding the keystore password. Exactly one of this and `password` is needed.' },
  'passwordSecretRef.name': { text: 'Name of the Secret holding the password.' },
  'passwordSecretRef.key': { text: 'Key inside that Secret whose value is the password.' },
});

function keystoreDocs(prefix: string, format: string, file: string): KindDocs {
  const docs = KEYSTORE(format, file);
  const { '': top, ...rest } = docs;
  return { [prefix]: top, ...nestDocs(prefix, rest) };
}

const CERTIFICATE: KindDocs = {
  spec: {
    text: 'The certificate cert-manager should keep valid: who it names, its key, its lifetime, who signs it and the Secret it is stored in (`tls.crt`, `tls.key`, and `ca.crt` when the issuer provides it).',
  },
  secretName: {
    text: 'The Secret (in this namespace) where the signed certificate and its private key are stored, and kept renewed. Workloads and gateways mount or reference this Secret.',
    example: 'secretName: checkout-tls',
  },
  ...nestDocs('spec', ISSUER_REF),
  commonName: {
    text: 'The subject CN. Optional and discouraged: TLS clients check SANs, not the CN. At most 64 bytes; long names belong in `dnsNames`.',
  },
  dnsNames: {
    text: 'DNS names the certificate is valid for (SANs), for example `checkout.shop.svc.cluster.local`. A leading `*.` makes a wildcard for one label.',
    example: 'dnsNames:\n  - checkout.shop.svc\n  - checkout.shop.svc.cluster.local',
  },
  ipAddresses: { text: 'IP addresses the certificate is valid for (IP SANs), v4 or v6.' },
  uris: {
    text: 'URI SANs. A mesh workload identity goes here as a SPIFFE ID, `spiffe://<trust-domain>/ns/<namespace>/sa/<service-account>`; an X.509-SVID carries exactly one.',
    example: 'uris:\n  - spiffe://cluster.local/ns/shop/sa/checkout',
  },
  emailAddresses: { text: 'Email SANs: bare addresses only, no display name and no `mailto:`.' },
  otherNames: {
    text: 'otherName SANs, each an OID with a UTF-8 value, such as a Microsoft UPN (`1.3.6.1.4.1.311.20.2.3`). On by default since cert-manager 1.20 (the OtherNames feature gate).',
  },
  'otherNames[].oid': { text: 'The object identifier of the name type, in dotted numbers.' },
  'otherNames[].utf8Value': { text: 'The name, as UTF-8 text. Must not be empty.' },
  literalSubject: {
    text: 'The whole subject written as an RFC 4514 string (`CN=web,O=Shop`), kept exactly as given. Excludes `commonName` and every `subject` field, `serialNumber` included. On by default since cert-manager 1.15 (the LiteralCertificateSubject feature gate).',
    older: [
      {
        project: 'certManager',
        since: '1.14',
        text: 'the webhook lets `subject.serialNumber` stand beside `literalSubject`; `commonName` and the other `subject` fields are refused.',
      },
    ],
  },
  subject: { text: 'Distinguished-name parts besides the CN. Mesh peers ignore them; some corporate policies ask for them.' },
  'subject.organizations': { text: 'O: organisation names.' },
  'subject.organizationalUnits': { text: 'OU: organisational unit names.' },
  'subject.countries': { text: 'C: two-letter country codes.' },
  'subject.provinces': { text: 'ST: states or provinces.' },
  'subject.localities': { text: 'L: cities or localities.' },
  'subject.streetAddresses': { text: 'Street addresses.' },
  'subject.postalCodes': { text: 'Postal codes.' },
  'subject.serialNumber': { text: "The subject's serialNumber attribute (not the certificate's serial, which the issuer picks)." },
  duration: {
    text: "How long each issued certificate is valid, as a Go duration: hours, minutes, seconds (`2160h`, `1h30m`); there is no day unit. At least 1h. ACME and Vault may decide otherwise; the CA issuer signs it as asked, even past the CA's own expiry.",
    default: '2160h (90 days)',
    example: 'duration: 720h',
  },
  renewBefore: {
    text: 'How long before expiry cert-manager renews, as a Go duration. At least 5m and shorter than `duration`. Excludes `renewBeforePercentage`.',
    default: 'one third of the duration',
    example: 'renewBefore: 240h',
  },
  renewBeforePercentage: {
    text: 'Renew when this percentage of the lifetime is left, instead of a fixed `renewBefore` (33 renews a 90-day certificate 30 days before expiry). Between 1 and 99. Beside `duration` or `renewBefore`, the webhook also wants the rest of the lifetime (100 minus the percentage) to be at least 5 minutes.',
    example: 'renewBeforePercentage: 33',
  },
  renewal: { text: 'When renewals may happen: at any time (the default), only inside maintenance windows, or never.' },
  'renewal.policy': {
    text: 'Whether cert-manager renews this certificate on its own.',
    values: {
      RenewBefore: 'Renew when `renewBefore` (or the percentage) is reached, inside a window when windows are given.',
      Disabled: 'Never renew automatically: the certificate expires unless someone renews it by hand. Windows are not allowed.',
    },
    default: 'RenewBefore',
  },
  'renewal.windows': {
    text: 'Maintenance windows: renewal waits for the next window once it is due.',
    example: 'windows:\n  - cron: "0 2 * * 1-5"\n    timezone: Europe/Berlin\n    windowDuration: 2h',
  },
  'renewal.windows[].cron': {
    text: 'When each window opens: a five-field cron schedule (minute hour day month weekday), optionally prefixed with `CRON_TZ=<zone>`.',
  },
  'renewal.windows[].timezone': { text: 'IANA time zone for the schedule, such as `Europe/Berlin`.', default: 'UTC' },
  'renewal.windows[].windowDuration': { text: 'How long each window stays open, as a Go duration (`2h`, `90m`).' },
  isCA: {
    text: 'Ask for a CA certificate (basicConstraints CA:true, with `cert sign` added to the usages), for example an intermediate for a mesh. Leaf workload certificates leave it false.',
    default: 'false',
  },
  usages: { text: USAGES_TEXT, example: 'usages:\n  - digital signature\n  - key encipherment\n  - server auth\n  - client auth' },
  encodeUsagesInRequest: {
    text: 'Whether the usages are written into the CSR cert-manager sends. Turn it off for issuers that refuse requests carrying usage extensions.',
    default: 'true',
  },
  signatureAlgorithm: {
    text: "The signature algorithm to ask the issuer for. It must fit the private key's algorithm.",
    values: {
      SHA256WithRSA: 'RSA key, SHA-256 digest.',
      SHA384WithRSA: 'RSA key, SHA-384 digest.',
      SHA512WithRSA: 'RSA key, SHA-512 digest.',
      ECDSAWithSHA256: 'ECDSA key, SHA-256 digest (the usual pair for P-256).',
      ECDSAWithSHA384: 'ECDSA key, SHA-384 digest (the usual pair for P-384).',
      ECDSAWithSHA512: 'ECDSA key, SHA-512 digest (the usual pair for P-521).',
      PureEd25519: 'Ed25519 key; the algorithm hashes internally.',
    },
  },
  privateKey: { text: 'How the private key is made, encoded and rotated.', example: 'privateKey:\n  algorithm: ECDSA\n  size: 256\n  rotationPolicy: Always' },
  'privateKey.algorithm': {
    text: 'The key type.',
    values: {
      RSA: 'RSA, 2048 to 8192 bits. Widest support, largest keys and slowest handshakes.',
      ECDSA:
        "ECDSA on P-256, P-384 or P-521 (`size` 256, 384, 521). Small and fast; Linkerd and Istio's ztunnel use P-256 for workloads, while Istio sidecars default to RSA 2048 unless `ECC_SIGNATURE_ALGORITHM` is set.",
      Ed25519: 'Ed25519. Small and fast, but not every TLS stack accepts it in certificates; `size` is ignored.',
    },
    default: 'RSA',
  },
  'privateKey.size': {
    text: 'Key size: bits for RSA (2048-8192), the curve for ECDSA (256, 384 or 521). Ignored for Ed25519.',
    default: '2048 for RSA, 256 for ECDSA',
  },
  'privateKey.encoding': {
    text: 'How `tls.key` is encoded.',
    values: {
      PKCS1: "The key type's own format (`BEGIN RSA PRIVATE KEY`, `BEGIN EC PRIVATE KEY`).",
      PKCS8: 'The generic format (`BEGIN PRIVATE KEY`) that most libraries read for every key type.',
    },
    default: 'PKCS1',
  },
  'privateKey.rotationPolicy': {
    text: 'Whether a renewal makes a new private key.',
    values: {
      Never: 'Keep the existing key on renewal; a stolen key stays useful across renewals.',
      Always: 'Make a new key for every certificate issued: a leaked key expires with its certificate.',
    },
    default: 'Always (since cert-manager 1.18)',
    older: [{ project: 'certManager', since: '1.18', text: 'the default is `Never`: a renewal keeps the old key unless `rotationPolicy: Always` is written.' }],
  },
  secretTemplate: { text: 'Labels and annotations to put on the Secret cert-manager writes, for tools that select Secrets by them.' },
  'secretTemplate.labels': { text: 'Labels copied to the Secret.' },
  'secretTemplate.annotations': {
    text: "Annotations copied to the Secret. Keys under `cert-manager.io/` are cert-manager's own and cannot be set here, except `cert-manager.io/allow-direct-injection` (which lets cainjector read the Secret directly).",
    older: [{ project: 'certManager', since: '1.15', text: 'every `cert-manager.io/` key is refused, `cert-manager.io/allow-direct-injection` included.' }],
  },
  additionalOutputFormats: { text: 'Extra files to write into the Secret besides `tls.crt` and `tls.key`. Each format at most once.' },
  'additionalOutputFormats[].type': {
    text: 'The extra format.',
    values: {
      DER: 'Add `key.der`: the private key in binary DER form.',
      CombinedPEM: 'Add `tls-combined.pem`: the private key followed by the certificate chain in one PEM file.',
    },
  },
  keystores: { text: 'Java KeyStore and PKCS#12 bundles to write into the Secret along with the PEM files.' },
  ...keystoreDocs('spec.keystores.jks', 'Java KeyStore', 'keystore.jks'),
  'keystores.jks.alias': { text: 'The alias under which the key and certificate are stored in the JKS file.', default: 'certificate' },
  ...keystoreDocs('spec.keystores.pkcs12', 'PKCS#12', 'keystore.p12'),
  'keystores.pkcs12.profile': {
    text: 'The encryption the PKCS#12 file is written with: older profiles open in old software, newer ones resist password guessing.',
    values: {
      LegacyRC2: 'RC2 and SHA-1, readable by very old Java and Windows; weak.',
      LegacyDES: 'Triple-DES and SHA-1, for software that cannot read AES; weak.',
      Modern2023: 'AES-256 with PBKDF2 and SHA-256; read by current OpenSSL, Java and Windows.',
      Modern2026: 'The newest profile with stronger key derivation (cert-manager 1.21 and later); check that your readers support it.',
    },
    default: 'LegacyRC2',
  },
  nameConstraints: {
    text: 'Name constraints for a CA certificate (`isCA: true`): the names it may or may not sign for. On by default since cert-manager 1.17 (the NameConstraints feature gate).',
  },
  'nameConstraints.critical': {
    text: 'Mark the extension critical, so software that does not understand it refuses the certificate instead of ignoring the limits.',
  },
  'nameConstraints.permitted': { text: 'Names the CA may sign for; a certificate naming anything else is invalid.' },
  ...nestDocs('spec.nameConstraints.permitted', NAME_SET('may sign for')),
  'nameConstraints.excluded': { text: 'Names the CA must never sign for, even inside a permitted set.' },
  ...nestDocs('spec.nameConstraints.excluded', NAME_SET('must not sign for')),
  revisionHistoryLimit: { text: 'How many old CertificateRequests to keep for this certificate; at least 1. Without it, all are kept.' },
};

const REQUEST: KindDocs = {
  spec: {
    text: 'A request for one signed certificate: the CSR and what the issuer should do with it. cert-manager makes these from Certificates; approval happens through their conditions.',
  },
  request: {
    text: 'The PEM certificate signing request, base64-encoded as a whole (so the YAML value starts with `LS0tLS1CRUdJTi`). Its usage extensions must agree with `usages` and `isCA`.',
  },
  ...nestDocs('spec', ISSUER_REF),
  duration: { text: 'The lifetime asked for, as a Go duration (`2160h`). The issuer may ignore or shorten it.', default: '2160h (90 days)' },
  isCA: { text: "Whether a CA certificate is requested. Must match the CSR's basicConstraints.", default: 'false' },
  usages: { text: USAGES_TEXT },
  username: { text: 'Set by the API server: who created the request. Approvers read it; do not write it.' },
  uid: { text: "Set by the API server: the creator's user id." },
  groups: { text: "Set by the API server: the creator's groups." },
  extra: { text: 'Set by the API server: extra attributes of the creator.' },
};

const ISSUER: KindDocs = {
  spec: {
    text: 'How certificates get signed. Exactly one issuer type: `ca`, `selfSigned`, `acme`, `vault` or `venafi`. An Issuer serves its own namespace; a ClusterIssuer serves every namespace and reads its Secrets from the cluster resource namespace (usually `cert-manager`).',
  },
  ca: {
    text: "Sign with a CA key pair kept in a Secret: the usual root or intermediate for a mesh's workload certificates.",
    example: 'ca:\n  secretName: mesh-ca-key-pair',
  },
  'ca.secretName': { text: 'The Secret holding the CA (`tls.crt`, `tls.key`). For a ClusterIssuer it lives in the cluster resource namespace.' },
  'ca.crlDistributionPoints': { text: 'CRL URLs to write into every certificate this CA signs.' },
  'ca.ocspServers': { text: 'OCSP responder URLs to write into every certificate this CA signs.' },
  'ca.issuingCertificateURLs': { text: "URLs where clients can fetch this CA's certificate (the AIA extension), to build chains." },
  selfSigned: {
    text: 'Each certificate is signed by its own key: for bootstrapping a root CA (a Certificate with `isCA: true`), never for workloads, since nothing else vouches for them.',
    example: 'selfSigned: {}',
  },
  'selfSigned.crlDistributionPoints': { text: 'CRL URLs to write into the self-signed certificates.' },
  acme: {
    text: "Get certificates from an ACME CA such as Let's Encrypt, proving control of each name through HTTP-01 or DNS-01 challenges. Public names only: ACME CAs do not sign cluster-internal names or SPIFFE IDs.",
  },
  'acme.server': { text: 'The directory URL of the ACME CA, for example `https://acme-v02.api.letsencrypt.org/directory`.' },
  'acme.email': { text: 'Contact address registered with the ACME account, for expiry and policy notices.' },
  'acme.privateKeySecretRef': { text: 'The Secret holding the ACME account key; created when missing unless `disableAccountKeyGeneration` is set.' },
  'acme.disableAccountKeyGeneration': { text: 'Refuse to create an account key: the Secret must already exist.', default: 'false' },
  'acme.solvers': { text: 'How to answer challenges: each entry is an HTTP-01 or DNS-01 solver, optionally limited to some names by a selector.' },
  'acme.skipTLSVerify': { text: "Do not verify the ACME server's certificate. For test servers only; cannot be combined with `caBundle`.", default: 'false' },
  'acme.caBundle': { text: "Base64 PEM of the CA that signs the ACME server's certificate, for a private ACME server." },
  'acme.externalAccountBinding': { text: 'Binds the ACME account to an account with the CA (EAB), as some commercial ACME CAs require.' },
  'acme.preferredChain': { text: 'When the CA offers several chains, pick the one whose top certificate has this common name.' },
  'acme.enableDurationFeature': { text: "Send the Certificate's `duration` to the ACME server; only for servers that accept it.", default: 'false' },
  'acme.profile': { text: 'The certificate profile to ask the ACME server for, where it offers profiles.' },
  'acme.renewalInformationSource': {
    text: 'Where renewal timing comes from.',
    values: {
      ARI: 'Ask the CA (ACME Renewal Information) when to renew, so mass revocations are handled early.',
      None: "Use only the Certificate's own renewBefore.",
    },
  },
  vault: { text: 'Sign through a HashiCorp Vault PKI secrets engine.' },
  'vault.server': { text: "Vault's address, `https://vault.example:8200`." },
  'vault.path': { text: 'The PKI sign path, `<mount>/sign/<role>` (or `<mount>/root/sign-intermediate` for CAs). No `..` segments.' },
  'vault.namespace': { text: 'The Vault Enterprise namespace to use.' },
  'vault.auth': { text: 'How cert-manager logs in to Vault: a token Secret, AppRole, client certificate, Kubernetes service account or AWS.' },
  'vault.caBundle': { text: "Base64 PEM of the CA that signs Vault's server certificate. Excludes `caBundleSecretRef`." },
  'vault.caBundleSecretRef': { text: 'A Secret key holding that CA bundle instead of an inline one.' },
  'vault.clientCertSecretRef': { text: 'A client certificate cert-manager presents to Vault when Vault asks for mutual TLS; needs `clientKeySecretRef`.' },
  'vault.clientKeySecretRef': { text: 'The key of that client certificate; needs `clientCertSecretRef`.' },
  'vault.serverName': { text: "The name to expect in Vault's certificate (and to send as SNI), when it differs from the host in `server`." },
};

function prefixed(docs: KindDocs): KindDocs {
  return Object.fromEntries(
    Object.entries(docs).map(([key, doc]): [string, FieldDoc] => [key === 'spec' || key.startsWith('spec.') ? key : `spec.${key}`, doc]),
  );
}

/** The release notes of fields that came late or stayed behind a gate, added to their docs. */
function withReleases(docs: KindDocs, fields: FieldSince[], gates: typeof CERTIFICATE_GATES = []): KindDocs {
  const notes = new Map<string, NonNullable<FieldDoc['older']>>();
  const add = (path: string[], since: string, text: string) =>
    notes.set(path.join('.'), [...(notes.get(path.join('.')) ?? []), { project: 'certManager', since, text }]);
  for (const [path, since] of fields)
    add(path, since, 'the field does not exist yet: the API server drops it, and kubectl apply, which validates strictly, refuses the object.');
  for (const { path, gate, on } of gates) add(path, on, `the webhook refuses this field unless it runs with the ${gate} feature gate (alpha, off by default).`);
  return Object.fromEntries(
    Object.entries(docs).map(([key, doc]) => [key, notes.has(key) ? { ...doc, older: [...notes.get(key)!, ...(doc.older ?? [])] } : doc]),
  );
}

export const CERT_MANAGER_DOCS: Record<string, KindDocs> = {
  'cert-manager.io/Certificate': withReleases(prefixed(CERTIFICATE), CERTIFICATE_FIELDS_SINCE, CERTIFICATE_GATES),
  'cert-manager.io/CertificateRequest': prefixed(REQUEST),
  'cert-manager.io/Issuer': withReleases(prefixed(ISSUER), ISSUER_FIELDS_SINCE),
  'cert-manager.io/ClusterIssuer': withReleases(prefixed(ISSUER), ISSUER_FIELDS_SINCE),
};
