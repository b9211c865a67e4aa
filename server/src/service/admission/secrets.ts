import { isMap, type Node } from 'yaml';
import { findPemBlocks, pemLabels } from '../../../../common/src/pem/blocks';
import { atLeast } from '../../../../common/src/versions';
import { decodeDer } from '../../../../common/src/x509/decode';
import { pairKey } from '../validation/context';
import type { ResourceView, Rule } from './resourceView';

// Secrets that carry mTLS material: the API server's rules for kubernetes.io/tls Secrets, and
// what istiod needs of the plug-in CA Secret `cacerts`.

/** One entry of `data` (base64) or `stringData` (plain), decoded; `text` is absent when unknowable. */
interface SecretEntry {
  key: string;
  keyNode: Node;
  valueNode: Node;
  text?: string;
}

function entries(r: ResourceView): Map<string, SecretEntry> {
  const found = new Map<string, SecretEntry>();
  for (const field of ['data', 'stringData'] as const) {
    const map = r.node([field]);
    if (!isMap(map)) continue;
    for (const pair of map.items) {
      const key = pairKey(pair);
      if (key === undefined) continue;
      const raw = r.string([key], map);
      // stringData wins over data for the same key, as the API server merges them.
      if (field === 'stringData' && found.has(key)) {
        r.ctx.warning(r.ctx.range(pair.key as Node), 'secret-content', `${key} is in both data and stringData; stringData wins, so the data value is ignored.`);
      }
      // Bad base64 is the schema check's to report (invalid-format); its content is unknowable.
      const text = raw === undefined ? undefined : field === 'stringData' ? raw : decodeBase64(raw);
      found.set(key, { key, keyNode: pair.key as Node, valueNode: (pair.value ?? pair.key) as Node, text });
    }
  }
  return found;
}

function decodeBase64(raw: string): string | undefined {
  const compact = raw.replace(/\s+/g, '');
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact) ? Buffer.from(compact, 'base64').toString('latin1') : undefined;
}

/**
 * Checks that an entry holds PEM blocks of the expected kind. The API server does not read the
 * PEM (it only asks that a kubernetes.io/tls Secret has both keys), so a wrong content is a
 * warning: the Secret is stored, and fails where it is used. Only the labels are read: a damaged
 * block of the right kind is the certificate service's to report (pem-syntax), not a wrong content.
 */
function expectPem(
  r: ResourceView,
  entry: SecretEntry | undefined,
  want: 'certificate' | 'key',
  what: string,
  code: 'secret-content' | 'istio-cacerts' = 'secret-content',
): void {
  if (!entry || entry.text === undefined || entry.text === '') return;
  const labels = pemLabels(entry.text);
  if (!labels.some((label) => (want === 'certificate' ? label === 'CERTIFICATE' : /PRIVATE KEY$/.test(label)))) {
    const found = labels.length ? `it holds ${[...new Set(labels)].join(', ')}` : 'it holds no PEM block';
    r.ctx.warning(r.valueRange(entry.valueNode), code, `${entry.key} must hold ${what}; ${found}.`);
  }
}

/** The first readable certificate of an entry, read whole. */
function firstCertificateDer(entry: SecretEntry | undefined): Uint8Array | undefined {
  if (!entry || entry.text === undefined || entry.text === '') return undefined;
  return findPemBlocks(entry.text).find((block) => block.label === 'CERTIFICATE' && block.der)?.der;
}

/** Where to report what a Secret lacks: its data, else its stringData, else its kind. */
function contentRange(r: ResourceView) {
  return r.has(['data']) ? r.rangeOf(['data']) : r.has(['stringData']) ? r.rangeOf(['stringData']) : r.kindRange();
}

/** The API server refuses a kubernetes.io/tls Secret without both keys. */
function missing(r: ResourceView, found: Map<string, SecretEntry>, keys: string[], why: string): void {
  const absent = keys.filter((key) => !found.has(key));
  if (absent.length === 0) return;
  r.ctx.error(contentRange(r), 'secret-content', `${why} ${absent.join(', ')} ${absent.length === 1 ? 'is' : 'are'} missing.`);
}

function isCaCertificate(der: Uint8Array): boolean | undefined {
  // Through the decodings remembered: an unchanged Secret is not decoded again on every keystroke.
  const decoded = decodeDer(der, 'CERTIFICATE');
  return decoded.kind === 'certificate' ? decoded.isCA : undefined;
}

const tlsSecret: Rule = (r) => {
  if (r.string(['type']) !== 'kubernetes.io/tls') return;
  const found = entries(r);
  missing(r, found, ['tls.crt', 'tls.key'], 'A kubernetes.io/tls Secret must hold tls.crt and tls.key:');
  expectPem(r, found.get('tls.crt'), 'certificate', 'a PEM certificate (the leaf first, then any intermediates)');
  expectPem(r, found.get('tls.key'), 'key', 'the PEM private key of tls.crt');
  expectPem(r, found.get('ca.crt'), 'certificate', 'PEM CA certificates');
};

const ISTIO_LAYOUT = ['ca-cert.pem', 'ca-key.pem', 'root-cert.pem', 'cert-chain.pem'];
const TLS_LAYOUT = ['tls.crt', 'tls.key', 'ca.crt'];
/** From this release istiod refuses to start with an incomplete plug-in CA; before, it fell back to a self-signed root without a word. */
const INCOMPLETE_CA_FAILS = '1.27';

/**
 * The plug-in CA Secret as istiod reads it (pilot/pkg/bootstrap/istio_ca.go): the tls.crt layout
 * when tls.crt is there, else the four istio files. The API server stores any content, so every
 * finding here is a warning; what istiod does with an incomplete bundle depends on the release.
 */
const pluginCaSecret: Rule = (r) => {
  if (r.string(['metadata', 'name']) !== 'cacerts') return;
  const found = entries(r);
  if (r.namespace !== undefined && r.namespace !== 'istio-system') {
    r.ctx.warning(
      r.rangeOf(['metadata', 'namespace']),
      'istio-cacerts',
      `istiod reads its plug-in CA from cacerts in its own namespace (istio-system by default), not ${r.namespace}.`,
    );
  }
  const tlsLayout = found.has('tls.crt');
  const layout = tlsLayout ? TLS_LAYOUT : ISTIO_LAYOUT;
  const absent = layout.filter((key) => !found.has(key));
  if (absent.length === layout.length) {
    r.ctx.warning(
      contentRange(r),
      'istio-cacerts',
      `cacerts holds none of the plug-in CA files (${ISTIO_LAYOUT.join(', ')}, or ${TLS_LAYOUT.join(', ')}): istiod ignores it and signs workload certificates with its own self-signed root.`,
    );
  } else if (absent.length > 0) {
    const target = r.ctx.versions.istio;
    const outcome = atLeast(target, INCOMPLETE_CA_FAILS)
      ? `istiod refuses to start with an incomplete plug-in CA (Istio ${INCOMPLETE_CA_FAILS} and later).`
      : `Istio ${target} ignores an incomplete plug-in CA without saying so and signs workload certificates with a self-signed root instead (from ${INCOMPLETE_CA_FAILS}, istiod refuses to start).`;
    const which = tlsLayout
      ? 'With tls.crt present istiod reads the tls.crt/tls.key/ca.crt layout (as cert-manager writes it);'
      : 'istiod needs all four plug-in CA files;';
    r.ctx.warning(contentRange(r), 'istio-cacerts', `${which} ${absent.join(', ')} ${absent.length === 1 ? 'is' : 'are'} missing. ${outcome}`);
  }
  if (tlsLayout) {
    // A kubernetes.io/tls Secret has its PEM checked by the TLS rule already.
    if (r.string(['type']) === 'kubernetes.io/tls') return;
    expectPem(r, found.get('tls.crt'), 'certificate', "the intermediate CA's certificate", 'istio-cacerts');
    expectPem(r, found.get('tls.key'), 'key', "the intermediate CA's private key", 'istio-cacerts');
    expectPem(r, found.get('ca.crt'), 'certificate', 'the root certificate', 'istio-cacerts');
    return;
  }
  expectPem(r, found.get('ca-cert.pem'), 'certificate', "the intermediate CA's certificate", 'istio-cacerts');
  expectPem(r, found.get('ca-key.pem'), 'key', "the intermediate CA's private key", 'istio-cacerts');
  expectPem(r, found.get('root-cert.pem'), 'certificate', 'the root certificate', 'istio-cacerts');
  expectPem(r, found.get('cert-chain.pem'), 'certificate', 'the chain from the CA certificate up to the root', 'istio-cacerts');
  const caCert = firstCertificateDer(found.get('ca-cert.pem'));
  if (caCert && isCaCertificate(caCert) === false) {
    r.ctx.warning(
      r.valueRange(found.get('ca-cert.pem')!.valueNode),
      'istio-cacerts',
      'ca-cert.pem is not a CA certificate (basicConstraints CA:TRUE): istiod cannot sign workload certificates with it.',
    );
  }
};

export const SECRET_RULES: Record<string, Rule[]> = {
  '/Secret': [tlsSecret, pluginCaSecret],
};
