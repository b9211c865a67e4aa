import { atLeast } from '../../../../common/src/versions';
import { finding, label, type AnalysisFinding } from '../finding';
import { list, record, strings, text } from '../read';
import { namespaceOf, type Resource } from '../resources';
import type { WorkspaceModel } from '../workspaceModel';

interface TlsSettings {
  mode?: string;
  caCertificates?: string;
  credentialName?: string;
  insecureSkipVerify?: boolean;
  sni?: string;
  subjectAltNames: string[];
}

/** The TLS settings of a DestinationRule with the path each sits at and the port it is for. */
export function tlsSettings(dr: Resource): Array<{ tls: TlsSettings; path: string; port?: number }> {
  const spec = record(dr.body?.spec);
  const out: Array<{ tls: TlsSettings; path: string; port?: number }> = [];
  const tlsOf = (policy: unknown): TlsSettings | undefined => {
    const tls = record(record(policy).tls);
    if (Object.keys(tls).length === 0 && record(policy).tls === undefined) return undefined;
    return {
      mode: text(tls.mode),
      caCertificates: text(tls.caCertificates),
      credentialName: text(tls.credentialName),
      insecureSkipVerify: tls.insecureSkipVerify === true,
      sni: text(tls.sni),
      subjectAltNames: strings(tls.subjectAltNames),
    };
  };
  const top = tlsOf(spec.trafficPolicy);
  if (top) out.push({ tls: top, path: 'spec.trafficPolicy.tls' });
  list(record(spec.trafficPolicy).portLevelSettings).forEach((p, i) => {
    const tls = tlsOf(p);
    const number = record(record(p).port).number;
    if (tls) out.push({ tls, path: `spec.trafficPolicy.portLevelSettings.${i}.tls`, ...(typeof number === 'number' ? { port: number } : {}) });
  });
  list(spec.subsets).forEach((s, i) => {
    const tls = tlsOf(record(s).trafficPolicy);
    if (tls) out.push({ tls, path: `spec.subsets.${i}.trafficPolicy.tls` });
  });
  return out;
}

/**
 * Whether a credentialName names something sidecars read without a workloadSelector: only a
 * ConfigMap (`configmap://namespace/name`, a CA bundle), and only from Istio 1.26 (cluster_tls.go
 * buildUpstreamClusterTLSContext leaves TLS out on sidecars for any other credential).
 */
function sidecarReadableCredential(credentialName: string, istio: string): boolean {
  return credentialName.startsWith('configmap://') && atLeast(istio, '1.26');
}

/**
 * Why the server's certificate goes unchecked under SIMPLE or MUTUAL TLS without caCertificates,
 * or undefined when it is checked (cluster_tls.go constructUpstreamTLS and
 * setAutoSniAndAutoSanValidation). Up to Istio 1.20 nothing was verified without a CA; from 1.21
 * the system roots are, and the name when Istio takes it from the request: no `sni`, no
 * `subjectAltNames`. That also needs the traffic to reach the cluster as HTTP, which depends on
 * the routes (a VirtualService sending port 80 to 443 makes it so), so TCP is not judged here.
 */
function unverifiedBecause(tls: TlsSettings, istio: string, host: string): string | undefined {
  if (!atLeast(istio, '1.21'))
    return `on Istio ${istio} (before 1.21) the sidecar checks nothing about ${host}'s certificate without caCertificates, so anyone on the path can pose as it. Add caCertificates (from 1.21 the system roots are used when it is left out)`;
  if (tls.subjectAltNames.length || !tls.sni) return undefined;
  return `the sidecar checks ${host}'s certificate against the system roots but not its name: with sni set and no subjectAltNames Istio does not match the name, so a certificate any public CA issued for any domain passes. Add subjectAltNames`;
}

/**
 * DestinationRules against the mode of the workloads they send to: plaintext or non-mesh TLS to
 * a STRICT workload fails every request; ISTIO_MUTUAL to a host outside the mesh fails the
 * handshake; SIMPLE or MUTUAL that leaves the server or its name unchecked (by release); a
 * credentialName that sidecars ignore without a workloadSelector; a credentialName must name a
 * Secret the gateway or sidecar can read.
 */
export function destinationRuleRules(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  const { istio } = model.settings.versions;
  const gatewayHosts = gatewayServerHosts(model);
  for (const dr of model.istio('DestinationRule')) {
    const host = text(record(dr.body?.spec).host);
    const ns = namespaceOf(dr);
    const service = host !== undefined ? model.serviceForHost(host, ns) : undefined;
    const workloads = service?.service?.selector ? model.selectWorkloads(namespaceOf(service), service.service.selector) : [];
    const entries =
      host === undefined || service ? [] : model.of('networking.istio.io', 'ServiceEntry').filter((se) => strings(record(se.body?.spec).hosts).includes(host));
    // Istio asks only whether the rule has a selector, not what it selects.
    const selected = record(dr.body?.spec).workloadSelector !== undefined;
    for (const { tls, path, port } of tlsSettings(dr)) {
      const mode = tls.mode ?? 'DISABLE';
      if (workloads.length && (mode === 'DISABLE' || mode === 'SIMPLE' || mode === 'MUTUAL')) {
        // The Service port maps to the workload's container port, where PeerAuthentication's port level applies.
        const servicePort = service!.service!.ports.find((p) => p.port === port);
        const targetPort = typeof servicePort?.targetPort === 'number' ? servicePort.targetPort : servicePort?.port;
        const strict = workloads.filter((w) => model.modeAtPort(w, targetPort).mode === 'STRICT');
        if (strict.length) {
          const source = model.modeAtPort(strict[0], targetPort).source;
          const what = mode === 'DISABLE' ? 'plaintext' : `${mode} TLS with its own certificates`;
          const written = dr.ranges.has(`${path}.mode=`);
          findings.push(
            finding(
              dr,
              written ? `${path}.mode=` : path,
              'mtls-destination-conflict',
              'warning',
              `This rule sends ${what} to ${host}${port ? ` port ${port}` : ''}, but ${strict.map(label).slice(0, 3).join(', ')}${strict.length > 3 ? ` and ${strict.length - 3} more` : ''} ${strict.length === 1 ? 'accepts' : 'accept'} only Istio mTLS (STRICT, from ${source ? label(source) : 'the mesh default'}): ${strict.every((w) => model.inAmbient(w)) ? 'every request from a sidecar or gateway fails (clients in ambient mode go through ztunnel, which ignores this rule)' : 'every request fails'}. Use ISTIO_MUTUAL, or drop the tls block to let automatic mTLS apply.`,
              written ? { title: 'Send Istio mTLS (ISTIO_MUTUAL)', replacement: 'ISTIO_MUTUAL' } : undefined,
            ),
          );
        }
      }
      if (mode === 'ISTIO_MUTUAL' && entries.some((se) => record(se.body?.spec).location !== 'MESH_INTERNAL')) {
        findings.push(
          finding(
            dr,
            `${path}.mode`,
            'mtls-destination-conflict',
            'warning',
            `${host} is outside the mesh (a ServiceEntry with location MESH_EXTERNAL): it has no Istio certificate, so ISTIO_MUTUAL fails the handshake. Use SIMPLE (or MUTUAL with its CA) for external services.`,
          ),
        );
      }
      const originated = mode === 'SIMPLE' || mode === 'MUTUAL';
      // Sidecars honour a selected rule's credential from Istio 1.14.
      const ignored = !selected || !atLeast(istio, '1.14');
      if (originated && tls.credentialName && ignored && !sidecarReadableCredential(tls.credentialName, istio) && !gatewayHosts.has(host ?? '')) {
        const configMapNote = tls.credentialName.startsWith('configmap://') ? ` (configmap:// references are read from Istio 1.26; you target ${istio})` : '';
        const fix = selected
          ? `Istio ${istio} sidecars ignore it even with a workloadSelector (read from 1.14): give the certificates as files (caCertificates, clientCertificate, privateKey).`
          : 'Add a workloadSelector naming the client pods (their namespace must hold the Secret), or give the certificates as files (caCertificates, clientCertificate, privateKey).';
        findings.push(
          finding(
            dr,
            `${path}.credentialName`,
            'tls-credential-without-selector',
            'warning',
            `Sidecars ignore credentialName${configMapNote} in a DestinationRule${selected ? '' : ' without workloadSelector'}: Istio gives them no TLS settings for this traffic at all, so they send it to ${host ?? 'the host'} in plaintext; only gateways use the credential. ${fix}`,
          ),
        );
      } else if (originated && !tls.caCertificates && !tls.credentialName && !tls.insecureSkipVerify) {
        const why = unverifiedBecause(tls, istio, host ?? 'the server');
        if (why) findings.push(finding(dr, `${path}.mode`, 'tls-unverified-server', 'warning', `${mode} TLS: ${why}.`));
      }
      if (tls.credentialName && !tls.credentialName.includes('/') && model.defines('', 'Secret', ns) && !model.find('', 'Secret', tls.credentialName, ns)) {
        findings.push(
          finding(
            dr,
            `${path}.credentialName`,
            'missing-secret',
            'warning',
            `No Secret ${tls.credentialName} in namespace ${ns}, where the sidecar or gateway reads the client certificate from.`,
          ),
        );
      }
    }
  }
  return findings;
}

/**
 * Hosts an Istio Gateway serves (its servers' hosts, without a `namespace/` part): a rule for one
 * of them is usually meant for the egress gateway that originates TLS, where credentialName works.
 */
function gatewayServerHosts(model: WorkspaceModel): Set<string> {
  return new Set(
    model
      .of('networking.istio.io', 'Gateway')
      .flatMap((gw) => list(record(gw.body?.spec).servers).flatMap((server) => strings(record(server).hosts).map((h) => h.slice(h.indexOf('/') + 1)))),
  );
}

/**
 * DestinationRule TLS toward ambient workloads no waypoint serves: ztunnel carries ambient
 * clients' traffic in its own mTLS tunnel (HBONE) and reads no DestinationRule, so the mode
 * written applies only to sidecars and gateways (a waypoint would apply it for the Service).
 * ISTIO_MUTUAL says nothing ztunnel does not do anyway.
 */
export function ambientDestinationRules(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  if (!model.mayHaveAmbient) return findings;
  for (const dr of model.istio('DestinationRule')) {
    const host = text(record(dr.body?.spec).host);
    const service = host !== undefined ? model.serviceForHost(host, namespaceOf(dr)) : undefined;
    const workloads =
      service?.service?.selector && Object.keys(service.service.selector).length ? model.selectWorkloads(namespaceOf(service), service.service.selector) : [];
    if (!service || !workloads.length || !workloads.every((w) => model.inAmbient(w)) || model.waypointOf(service)) continue;
    for (const { tls, path } of tlsSettings(dr)) {
      const mode = tls.mode ?? 'DISABLE';
      if (mode === 'ISTIO_MUTUAL') continue;
      findings.push(
        finding(
          dr,
          dr.ranges.has(`${path}.mode=`) ? `${path}.mode=` : path,
          'ztunnel-unenforced',
          'warning',
          `ztunnel does not apply DestinationRule TLS: ${host}'s workloads are in ambient mode and no waypoint serves ${label(service)}, so clients in ambient mode reach them over ztunnel's mTLS and this ${mode} applies only to sidecar clients and gateways.`,
        ),
      );
    }
  }
  return findings;
}
