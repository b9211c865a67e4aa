import { parseGoDuration } from '../../../../common/src/time/goDuration';
import { atLeast } from '../../../../common/src/versions';
import { finding, label, type AnalysisFinding } from '../finding';
import type { FixData } from '../../documents/diagnostic';
import { namespaceOf, type Resource } from '../resources';
import { distinctObjects, type WorkspaceModel } from '../workspaceModel';

const GROUP = 'cert-manager.io';
/** Where cert-manager reads a ClusterIssuer's Secrets: its cluster resource namespace, by default. */
export const CLUSTER_RESOURCE_NAMESPACE = 'cert-manager';
const DEFAULT_DURATION_MS = 90 * 24 * 3600_000;

interface IssuerRef {
  name?: string;
  kind?: string;
  group?: string;
}

/**
 * The missing issuer as a starting point, added after the resource that names it: a CA issuer
 * reading the Secret of the same name, since a CA is what signs mesh certificates (fill the
 * Secret with `mesh-mtls export cert-manager`).
 */
function issuerTemplate(resource: Resource, kind: 'Issuer' | 'ClusterIssuer', name: string, ns: string): FixData | undefined {
  const end = resource.ranges.get('')?.end;
  if (!end || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) return undefined;
  const metadata = kind === 'Issuer' ? ['metadata:', `  name: ${name}`, `  namespace: ${ns}`] : ['metadata:', `  name: ${name}`];
  const issuer = ['', '---', 'apiVersion: cert-manager.io/v1', `kind: ${kind}`, ...metadata, 'spec:', '  ca:', `    secretName: ${name}`];
  return { title: `Create the ${kind} ${name} (a CA issuer)`, replacement: issuer.join('\n'), range: { start: end, end } };
}

/**
 * What cert-manager does with Certificates sharing a Secret. From 1.14 the trigger controller
 * issues only the owner (CertificateOwnsSecret in internal/controller/certificates: the one the
 * Secret's cert-manager.io/certificate-name annotation names, else the oldest); before, each
 * issuance overwrote the other's and triggered its re-issuance.
 */
function sharedSecretOutcome(version: string): string {
  return atLeast(version, '1.14')
    ? 'cert-manager issues only one of them (the one the Secret names in its cert-manager.io/certificate-name annotation, else the oldest); the others are never issued and never become Ready.'
    : `each issuance overwrites the other's key pair and sets off its re-issuance, so cert-manager ${version} keeps re-issuing them.`;
}

/** cert-manager across files: issuers that must exist, Secrets that must not be shared, CA Secrets that must be there. */
export function certManagerRules(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  for (const resource of [...model.of(GROUP, 'Certificate'), ...model.of(GROUP, 'CertificateRequest')]) {
    const ref = (resource.body?.spec as { issuerRef?: IssuerRef } | undefined)?.issuerRef ?? {};
    if (typeof ref.name !== 'string' || (ref.group && ref.group !== GROUP)) continue;
    const ns = namespaceOf(resource);
    const kind = ref.kind ?? 'Issuer';
    if (kind !== 'Issuer' && kind !== 'ClusterIssuer') continue;
    const scope = kind === 'Issuer' ? ns : undefined;
    if (!model.defines(GROUP, kind, scope) || model.find(GROUP, kind, ref.name, scope)) continue;
    const known = [
      ...new Set(
        model
          .of(GROUP, kind)
          .filter((i) => kind === 'ClusterIssuer' || namespaceOf(i) === ns)
          .map((i) => i.name)
          .filter(Boolean),
      ),
    ].sort();
    const elsewhere = kind === 'Issuer' && model.of(GROUP, 'ClusterIssuer').some((c) => c.name === ref.name);
    findings.push(
      finding(
        resource,
        'spec.issuerRef.name',
        'missing-issuer',
        'warning',
        `No ${kind} ${ref.name}${kind === 'Issuer' ? ` in namespace ${ns}` : ''}${elsewhere ? `; there is a ClusterIssuer of that name: set issuerRef.kind: ClusterIssuer` : ''}. Known: ${known.length > 8 ? `${known.slice(0, 8).join(', ')} and ${known.length - 8} more` : known.join(', ') || 'none'}.`,
        issuerTemplate(resource, kind, ref.name, ns),
      ),
    );
  }
  const bySecret = new Map<string, typeof model.resources>();
  for (const certificate of model.of(GROUP, 'Certificate')) {
    const secretName = (certificate.body?.spec as { secretName?: unknown } | undefined)?.secretName;
    if (typeof secretName !== 'string') continue;
    const key = `${namespaceOf(certificate)}/${secretName}`;
    bySecret.set(key, [...(bySecret.get(key) ?? []), certificate]);
  }
  for (const [key, all] of bySecret) {
    const certificates = distinctObjects(all);
    if (certificates.length < 2) continue;
    for (const certificate of all) {
      findings.push(
        finding(
          certificate,
          'spec.secretName',
          'duplicate-secret-name',
          'warning',
          `${certificates.length} Certificates write the Secret ${key} (${certificates.map(label).join(', ')}): ${sharedSecretOutcome(model.settings.versions.certManager)} Give each its own secretName.`,
        ),
      );
    }
  }
  for (const issuer of [...model.of(GROUP, 'Issuer'), ...model.of(GROUP, 'ClusterIssuer')]) {
    const secretName = (issuer.body?.spec as { ca?: { secretName?: unknown } } | undefined)?.ca?.secretName;
    if (typeof secretName !== 'string') continue;
    const ns = issuer.kind === 'ClusterIssuer' ? CLUSTER_RESOURCE_NAMESPACE : namespaceOf(issuer);
    const secret = model.find('', 'Secret', secretName, ns);
    if (!secret) {
      if (model.defines('', 'Secret', ns))
        findings.push(
          finding(
            issuer,
            'spec.ca.secretName',
            'missing-secret',
            'warning',
            `No Secret ${secretName} in namespace ${ns}, where this ${issuer.kind} reads its CA certificate and key.`,
          ),
        );
      continue;
    }
    const caNotAfter = secret.secret?.certificateNotAfter;
    if (!caNotAfter) continue;
    for (const certificate of model.of(GROUP, 'Certificate')) {
      const spec = (certificate.body?.spec ?? {}) as { issuerRef?: IssuerRef; duration?: unknown };
      if (
        spec.issuerRef?.name !== issuer.name ||
        (spec.issuerRef?.kind ?? 'Issuer') !== issuer.kind ||
        (issuer.kind === 'Issuer' && namespaceOf(certificate) !== namespaceOf(issuer))
      )
        continue;
      const duration = typeof spec.duration === 'string' ? (parseGoDuration(spec.duration) ?? DEFAULT_DURATION_MS) : DEFAULT_DURATION_MS;
      if (Date.now() + duration > Date.parse(caNotAfter)) {
        findings.push(
          finding(
            certificate,
            typeof spec.duration === 'string' ? 'spec.duration' : 'spec.issuerRef',
            'certificate-outlives-issuer',
            'warning',
            `A certificate issued now for ${typeof spec.duration === 'string' ? spec.duration : 'the default 90 days'} would outlive its CA (${label(issuer)}, whose certificate in Secret ${ns}/${secretName} expires ${caNotAfter}): the CA issuer does not shorten it, so from that day its chain no longer verifies and peers refuse it. Renew the CA first.`,
          ),
        );
      }
    }
  }
  return findings;
}
