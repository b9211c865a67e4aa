import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { webcrypto } from 'node:crypto';
import { privateKeyPem } from '../common/src/pki/keyPairs';
import { createDevCa, issueCertificate, type DevCa } from '../common/src/pki/mint';
import { certificatePem } from '../common/src/pki/pkiFiles';
import { toPem } from '../common/src/pem/blocks';
import { x509 } from '../common/src/x509/library';
import { POLICY_KINDS } from './manifest';

// The editor bench's input: the biggest manifest a team keeps in one file, holding every kind the
// server checks. Besides the policy kinds of manifest.ts it carries what makes a file slow to
// check: TLS Secrets with real chains and keys, Istio's plug-in CA Secret, CertificateRequests
// with real CSRs, ConfigMaps with trust bundles. Valid as a whole (`mesh-mtls lint` finds no
// error), so the time measured is the time of a clean file, not of an error path.

const CAS = 4;
const LEAVES_PER_CA = 6;
const CSRS = 8;

/** What the manifest embeds: minted once per run, the same shape every run. */
export interface BenchPki {
  cas: Array<{ rootPem: string; intermediatePem: string; intermediateKeyPem: string }>;
  /** Leaf, its chain (leaf then intermediate), its key, and the root of the CA that issued it. */
  leaves: Array<{ chainPem: string; keyPem: string; rootPem: string }>;
  /** PEM CSRs asking for the usages of CSR_USAGES. */
  csrs: string[];
}

/** The usages each CertificateRequest lists, and its CSR encodes (a mismatch is an error). */
const CSR_USAGES = ['digital signature', 'key encipherment', 'server auth', 'client auth'];

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** Certificates with the product's own minting code, CSRs with @peculiar/x509 (which the product mints with too). */
export async function mintBenchPki(): Promise<BenchPki> {
  const pki: BenchPki = { cas: [], leaves: [], csrs: [] };
  for (let c = 0; c < CAS; c++) {
    const ca: DevCa = await createDevCa({ name: `Bench Mesh CA ${c}`, intermediate: true });
    const intermediate = ca.intermediate!;
    const rootPem = certificatePem(ca.root.certificate);
    pki.cas.push({ rootPem, intermediatePem: certificatePem(intermediate.certificate), intermediateKeyPem: privateKeyPem(intermediate.key) });
    for (let l = 0; l < LEAVES_PER_CA; l++) {
      const issued = await issueCertificate(ca, { profile: 'mtls', dns: [`svc-${l}.ns-${c}.svc.cluster.local`] });
      pki.leaves.push({ chainPem: issued.chain.map(certificatePem).join(''), keyPem: privateKeyPem(issued.key), rootPem });
    }
  }
  const crypto = x509.cryptoProvider.get();
  for (let r = 0; r < CSRS; r++) {
    const keys = (await crypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: `CN=app-${r}.example.com`,
      keys,
      signingAlgorithm: ECDSA_P256,
      extensions: [
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
        new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: `app-${r}.example.com` }]),
      ],
    });
    pki.csrs.push(toPem('CERTIFICATE REQUEST', new Uint8Array(csr.rawData)));
  }
  return pki;
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** A PEM text as a YAML literal block at `indent` spaces. */
const block = (pem: string, indent: number) =>
  `|\n${pem
    .trimEnd()
    .split('\n')
    .map((line) => `${' '.repeat(indent)}${line}`)
    .join('\n')}`;

/** A kubernetes.io/tls Secret, its PEM base64-encoded in `data` or literal in `stringData`. */
function tlsSecret(name: string, namespace: string, chainPem: string, keyPem: string, caPem: string, form: 'data' | 'stringData'): string {
  const value = (pem: string) => (form === 'data' ? base64(pem) : block(pem, 4));
  return `apiVersion: v1
kind: Secret
metadata:
  name: ${name}
  namespace: ${namespace}
type: kubernetes.io/tls
${form}:
  tls.crt: ${value(chainPem)}
  tls.key: ${value(keyPem)}
  ca.crt: ${value(caPem)}
`;
}

/** The kinds that carry certificates and keys, and the policy kinds manifest.ts leaves out. */
function certificateKinds(pki: BenchPki): Array<(i: number) => string> {
  const leaf = (i: number) => pki.leaves[i % pki.leaves.length];
  const ca = (i: number) => pki.cas[i % pki.cas.length];
  return [
    // Half in `data` (base64, as kubectl writes them), half in `stringData` (PEM, as people write them).
    (i) => tlsSecret(`app-${i}-tls`, `ns-${i % 40}`, leaf(i).chainPem, leaf(i).keyPem, leaf(i).rootPem, i % 2 === 0 ? 'data' : 'stringData'),
    (i) => `apiVersion: v1
kind: Secret
metadata:
  name: cacerts
  namespace: istio-system
  labels:
    cluster: cluster-${i}
type: Opaque
data:
  ca-cert.pem: ${base64(ca(i).intermediatePem)}
  ca-key.pem: ${base64(ca(i).intermediateKeyPem)}
  root-cert.pem: ${base64(ca(i).rootPem)}
  cert-chain.pem: ${base64(ca(i).intermediatePem + ca(i).rootPem)}
`,
    (i) => `apiVersion: cert-manager.io/v1
kind: CertificateRequest
metadata:
  name: app-${i}-request
  namespace: ns-${i % 40}
spec:
  request: ${base64(pki.csrs[i % pki.csrs.length])}
  duration: 2160h
  usages:
${CSR_USAGES.map((usage) => `    - ${usage}`).join('\n')}
  issuerRef:
    name: ca-${i % 10}
    kind: Issuer
    group: cert-manager.io
`,
    (i) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio-ca-root-cert
  namespace: ns-${i % 40}
  labels:
    istio.io/config: "true"
    revision: rev-${i}
data:
  root-cert.pem: ${block(ca(i).rootPem, 4)}
`,
    (i) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: linkerd-identity-trust-roots-${i}
  namespace: linkerd
data:
  ca-bundle.crt: ${block(ca(i).rootPem + ca(i + 1).rootPem, 4)}
`,
    // The key pair an Issuer of manifest.ts signs with: its CA's intermediate.
    (i) => tlsSecret(`ca-key-pair-${i % 10}`, `ns-${i % 40}`, ca(i).intermediatePem, ca(i).intermediateKeyPem, ca(i).rootPem, 'data'),
    (i) => `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: cluster-ca-${i}
spec:
  ca:
    secretName: cluster-ca-${i}-key-pair
`,
    (i) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: sa-${i}
  namespace: ns-${i % 40}
`,
    (i) => `apiVersion: policy.linkerd.io/v1alpha1
kind: NetworkAuthentication
metadata:
  name: cluster-network-${i}
  namespace: ns-${i % 40}
spec:
  networks:
    - cidr: 10.${i % 256}.0.0/16
    - cidr: 192.168.0.0/16
      except:
        - 192.168.${i % 256}.0/24
`,
    (i) => `apiVersion: policy.linkerd.io/v1beta1
kind: ServerAuthorization
metadata:
  name: server-authz-${i}
  namespace: ns-${i % 40}
spec:
  server:
    name: srv-${i}
  client:
    meshTLS:
      serviceAccounts:
        - name: sa-${i}
          namespace: ns-${i % 40}
`,
    (i) => `apiVersion: policy.linkerd.io/v1alpha1
kind: HTTPLocalRateLimitPolicy
metadata:
  name: rate-${i}
  namespace: ns-${i % 40}
spec:
  targetRef:
    group: policy.linkerd.io
    kind: Server
    name: srv-${i}
  total:
    requestsPerSecond: ${100 + i}
  identity:
    requestsPerSecond: 20
`,
    (i) => `apiVersion: policy.linkerd.io/v1alpha1
kind: EgressNetwork
metadata:
  name: egress-${i}
  namespace: ns-${i % 40}
spec:
  trafficPolicy: Deny
  networks:
    - cidr: 0.0.0.0/0
      except:
        - 10.0.0.0/8
`,
  ];
}

/**
 * A manifest of at least `lines` lines: one application after another, each with every kind
 * (policies, workload, certificates, trust bundles) numbered alike so that they refer to each
 * other as a real application's do, and no two Secrets have the same text.
 */
export function generateEditorManifest(lines: number, pki: BenchPki): string {
  const templates = [...POLICY_KINDS, ...certificateKinds(pki)];
  const parts: string[] = [];
  let count = 0;
  for (let app = 0; count < lines; app++) {
    for (const template of templates) {
      const doc = template(app);
      parts.push(doc);
      count += doc.split('\n').length; // its lines and the --- before the next
      if (count >= lines) break;
    }
  }
  return parts.join('---\n');
}

/**
 * Mints, generates and writes the manifest to `file`, else to a new temporary folder, and leaves it
 * there for whoever profiles with it (`node out/bench/writeManifest.js [LINES] [FILE]`).
 */
export async function writeEditorManifest(lines = 10_000, file?: string): Promise<{ file: string; text: string }> {
  const text = generateEditorManifest(lines, await mintBenchPki());
  const target = file ?? path.join(mkdtempSync(path.join(tmpdir(), 'mm-bench-manifest-')), 'manifest.yaml');
  writeFileSync(target, text);
  return { file: target, text };
}
