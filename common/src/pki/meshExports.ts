// A Dev CA shaped for each mesh: the files and manifests Istio's plug-in CA, Linkerd's identity,
// Kubernetes TLS Secrets and cert-manager's CA issuer read, each with the key types and chain
// order that mesh accepts. Manifests are plain YAML strings: every value is base64 or a
// validated Kubernetes name, so nothing in them needs quoting.

import { privateKeyPem } from './keyPairs';
import { mintSubordinateCa, MintError, CLOCK_SKEW_MS, nameConstraintProblems, type CaMaterial, type KeyedCertificate } from './mint';
import { kubernetesNameProblem } from './nameChecks';
import type { OutputFile } from './outputFiles';
import { certificatePem } from './pkiFiles';
import { parseCertificate } from '../x509/parsed';

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** The CA that signs: the intermediate, else the root with its key. */
function signerOf(ca: CaMaterial): KeyedCertificate {
  if (ca.intermediate) return ca.intermediate;
  if (ca.root.key) return { certificate: ca.root.certificate, key: ca.root.key };
  throw new MintError('the CA folder holds no signing key');
}

function checkName(name: string, what: string): void {
  const problem = kubernetesNameProblem(name, what);
  if (problem) throw new MintError(problem);
}

function secretManifest(name: string, namespace: string, type: string, data: Array<[string, string]>, comment: string): string {
  return [
    `# ${comment}`,
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    `type: ${type}`,
    'data:',
    ...data.map(([key, value]) => `  ${key}: ${base64(value)}`),
    '',
  ].join('\n');
}

/**
 * Istio's plug-in CA: istiod signs workloads with ca-cert.pem/ca-key.pem, hands out
 * root-cert.pem as the mesh's trust root, and sends cert-chain.pem (its CA up to the root) with
 * every workload certificate. Istio signs with RSA or ECDSA keys only.
 */
export function istioPluginCaFiles(ca: CaMaterial): OutputFile[] {
  const signer = signerOf(ca);
  if (signer.key.type === 'ed25519') throw new MintError("Istio's CA signs with RSA or ECDSA keys, not Ed25519: create the CA with an ECDSA or RSA key");
  const caCert = certificatePem(signer.certificate);
  const rootCert = certificatePem(ca.root.certificate);
  const chain = ca.intermediate ? caCert + rootCert : rootCert;
  const caKey = privateKeyPem(signer.key);
  return [
    { name: 'ca-cert.pem', content: caCert, secret: false },
    { name: 'ca-key.pem', content: caKey, secret: true },
    { name: 'root-cert.pem', content: rootCert, secret: false },
    { name: 'cert-chain.pem', content: chain, secret: false },
    {
      name: 'cacerts-secret.yaml',
      content: secretManifest(
        'cacerts',
        'istio-system',
        'Opaque',
        [
          ['ca-cert.pem', caCert],
          ['ca-key.pem', caKey],
          ['root-cert.pem', rootCert],
          ['cert-chain.pem', chain],
        ],
        'Istio plug-in CA: apply before installing Istio (kubectl apply -f cacerts-secret.yaml). Holds a CA key: keep it out of git.',
      ),
      secret: true,
    },
  ];
}

export const LINKERD_ISSUER_NAME = 'identity.linkerd.cluster.local';

/**
 * Linkerd's identity: the root as trust anchor, and an issuer CA that signs the proxies'
 * certificates. Linkerd wants ECDSA P-256 for both: the CA's intermediate is the issuer when it
 * is one, else a P-256 issuer is minted under the root (which needs the root's key).
 */
export async function linkerdIdentityFiles(ca: CaMaterial, now = new Date()): Promise<{ files: OutputFile[]; mintedIssuer: boolean }> {
  const root = parseCertificate(ca.root.certificate);
  if (!root) throw new MintError('the root certificate cannot be read');
  if (!isP256(ca.root.certificate)) throw new MintError('Linkerd takes ECDSA P-256 trust anchors only: create the CA with the ECDSA P-256 key type');
  // Proxies are named <sa>.<ns>.serviceaccount.identity.linkerd.<trust domain>: DNS constraints must let those through.
  const outside = nameConstraintProblems(
    [ca.root.certificate, ...(ca.intermediate ? [ca.intermediate.certificate] : [])],
    [`default.default.serviceaccount.${LINKERD_ISSUER_NAME}`],
    [],
  )[0];
  if (outside) throw new MintError(`Linkerd names its proxies under ${LINKERD_ISSUER_NAME}, and ${outside.replace(/^\S+ is outside/, 'that is outside')}`);
  let issuer: KeyedCertificate;
  let mintedIssuer = false;
  if (ca.intermediate && ca.intermediate.key.type === 'ecdsa-p256') issuer = ca.intermediate;
  else {
    if (!ca.root.key) throw new MintError('Linkerd needs an ECDSA P-256 issuer: the CA has none, and without the root key none can be minted');
    const notAfter = new Date(Math.min(now.getTime() + 365 * 24 * 3600_000, root.notAfter.getTime()));
    issuer = await mintSubordinateCa(
      { certificate: ca.root.certificate, key: ca.root.key },
      { name: LINKERD_ISSUER_NAME, keyType: 'ecdsa-p256', notBefore: new Date(Math.max(now.getTime() - CLOCK_SKEW_MS, root.notBefore.getTime())), notAfter },
    );
    mintedIssuer = true;
  }
  const anchor = certificatePem(ca.root.certificate);
  const issuerCert = certificatePem(issuer.certificate);
  const issuerKey = privateKeyPem(issuer.key);
  const block = (pem: string, indent: number) =>
    pem
      .trimEnd()
      .split('\n')
      .map((line) => `${' '.repeat(indent)}${line}`)
      .join('\n');
  const values = [
    '# Helm values for the linkerd-control-plane chart (helm install ... -f linkerd-identity-values.yaml).',
    '# Holds the issuer key: keep it out of git.',
    'identityTrustAnchorsPEM: |',
    block(anchor, 2),
    'identity:',
    '  issuer:',
    '    tls:',
    '      crtPEM: |',
    block(issuerCert, 8),
    '      keyPEM: |',
    block(issuerKey, 8),
    '',
  ].join('\n');
  return {
    mintedIssuer,
    files: [
      { name: 'ca.crt', content: anchor, secret: false },
      { name: 'issuer.crt', content: issuerCert, secret: false },
      { name: 'issuer.key', content: issuerKey, secret: true },
      { name: 'linkerd-identity-values.yaml', content: values, secret: true },
    ],
  };
}

function isP256(der: Uint8Array): boolean {
  const spki = parseCertificate(der)?.spki;
  // id-ecPublicKey with prime256v1, as the SubjectPublicKeyInfo names them.
  const p256 = Buffer.from('06072a8648ce3d020106082a8648ce3d030107', 'hex');
  return spki !== undefined && Buffer.from(spki).includes(p256);
}

/** A kubernetes.io/tls Secret for an issued certificate: tls.crt the chain a server sends, tls.key its key, ca.crt the root. */
export function tlsSecretFiles(issued: { chainPem: string; keyPem: string; caPem: string }, name: string, namespace: string): OutputFile[] {
  checkName(name, 'Secret name');
  checkName(namespace, 'namespace');
  return [
    {
      name: `${name}-secret.yaml`,
      content: secretManifest(
        name,
        namespace,
        'kubernetes.io/tls',
        [
          ['tls.crt', issued.chainPem],
          ['tls.key', issued.keyPem],
          ['ca.crt', issued.caPem],
        ],
        'TLS Secret minted by Mesh mTLS. Holds a private key: keep it out of git.',
      ),
      secret: true,
    },
  ];
}

/**
 * cert-manager's CA issuer: a kubernetes.io/tls Secret with the signing CA (its chain up to the
 * root in tls.crt, so issued certificates carry it) and an Issuer that names the Secret.
 */
export function certManagerIssuerFiles(ca: CaMaterial, issuerName: string, namespace: string): OutputFile[] {
  checkName(issuerName, 'Issuer name');
  checkName(namespace, 'namespace');
  const signer = signerOf(ca);
  const chain = certificatePem(signer.certificate) + (ca.intermediate ? certificatePem(ca.root.certificate) : '');
  const secretName = `${issuerName}-ca`;
  const secret = secretManifest(
    secretName,
    namespace,
    'kubernetes.io/tls',
    [
      ['tls.crt', chain],
      ['tls.key', privateKeyPem(signer.key)],
    ],
    'The CA a cert-manager CA Issuer signs with. Holds a CA key: keep it out of git.',
  );
  const issuer = [
    'apiVersion: cert-manager.io/v1',
    'kind: Issuer',
    'metadata:',
    `  name: ${issuerName}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  ca:',
    `    secretName: ${secretName}`,
    '',
  ].join('\n');
  return [{ name: `${issuerName}-issuer.yaml`, content: `${secret}---\n${issuer}`, secret: true }];
}
