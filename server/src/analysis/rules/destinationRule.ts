import { finding, label, type AnalysisFinding } from '../finding';
import { list, record, strings, text } from '../read';
import { namespaceOf, type Resource } from '../resources';
import type { WorkspaceModel } from '../workspaceModel';

interface TlsSettings {
  mode?: string;
  caCertificates?: string;
  credentialName?: string;
  insecureSkipVerify?: boolean;
}


/** The TLS settings of a DestinationRule with the path each sits at and the port it is for. */
function tlsSettings(dr: Resource): Array<{ tls: TlsSettings; path: string; port?: number }> {
  const spec = record(dr.body?.spec);
  const out: Array<{ tls: TlsSettings; path: string; port?: number }> = [];
  const tlsOf = (policy: unknown): TlsSettings | undefined => {
    const tls = record(record(policy).tls);
    if (Object.keys(tls).length === 0 && record(policy).tls === undefined) return undefined;
    return { mode: text(tls.mode), caCertificates: text(tls.caCertificates), credentialName: text(tls.credentialName), insecureSkipVerify: tls.insecureSkipVerify === true };
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
 * DestinationRules against the mode of the workloads they send to: plaintext or non-mesh TLS to
 * a STRICT workload fails every request; ISTIO_MUTUAL to a host outside the mesh fails the
 * handshake; SIMPLE or MUTUAL without a CA leaves the server unverified; a credentialName must
 * name a Secret the gateway or sidecar can read.
 */
export function destinationRuleRules(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  for (const dr of model.istio('DestinationRule')) {
    const host = text(record(dr.body?.spec).host);
    const ns = namespaceOf(dr);
    const service = host !== undefined ? model.serviceForHost(host, ns) : undefined;
    const workloads = service?.service?.selector ? model.selectWorkloads(namespaceOf(service), service.service.selector) : [];
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
          findings.push(finding(dr, written ? `${path}.mode=` : path, 'mtls-destination-conflict', 'error', `This rule sends ${what} to ${host}${port ? ` port ${port}` : ''}, but ${strict.map(label).slice(0, 3).join(', ')}${strict.length > 3 ? ` and ${strict.length - 3} more` : ''} ${strict.length === 1 ? 'accepts' : 'accept'} only Istio mTLS (STRICT, from ${source ? label(source) : 'the mesh default'}): every request fails. Use ISTIO_MUTUAL, or drop the tls block to let automatic mTLS apply.`, written ? { title: 'Send Istio mTLS (ISTIO_MUTUAL)', replacement: 'ISTIO_MUTUAL' } : undefined));
        }
      }
      if (mode === 'ISTIO_MUTUAL' && host !== undefined && !service && model.of('networking.istio.io', 'ServiceEntry').some((se) => strings(record(se.body?.spec).hosts).includes(host) && record(se.body?.spec).location !== 'MESH_INTERNAL')) {
        findings.push(finding(dr, `${path}.mode`, 'mtls-destination-conflict', 'error', `${host} is outside the mesh (a ServiceEntry with location MESH_EXTERNAL): it has no Istio certificate, so ISTIO_MUTUAL fails the handshake. Use SIMPLE (or MUTUAL with its CA) for external services.`));
      }
      if ((mode === 'SIMPLE' || mode === 'MUTUAL') && !tls.caCertificates && !tls.credentialName && tls.insecureSkipVerify !== true) {
        findings.push(finding(dr, `${path}.mode`, 'tls-unverified-server', 'warning', `${mode} TLS without caCertificates (or a credentialName whose Secret holds ca.crt): the sidecar does not verify ${host ?? 'the server'}'s certificate, so anyone on the path can pose as it. Add caCertificates.`));
      }
      if (tls.credentialName && !tls.credentialName.includes('/') && model.defines('', 'Secret', ns) && !model.find('', 'Secret', tls.credentialName, ns)) {
        findings.push(finding(dr, `${path}.credentialName`, 'missing-secret', 'warning', `No Secret ${tls.credentialName} in namespace ${ns}, where the sidecar or gateway reads the client certificate from.`));
      }
    }
  }
  return findings;
}

/**
 * DestinationRule TLS toward ambient workloads no waypoint serves: ztunnel carries ambient
 * clients' traffic in its own mTLS tunnel (HBONE) and reads no DestinationRule, so the mode
 * written applies only to sidecars and gateways (a waypoint would apply it for the Service).
 * ISTIO_MUTUAL says nothing ztunnel does not do anyway.
 */
export function ambientDestinationRules(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  for (const dr of model.istio('DestinationRule')) {
    const host = text(record(dr.body?.spec).host);
    const service = host !== undefined ? model.serviceForHost(host, namespaceOf(dr)) : undefined;
    const workloads = service?.service?.selector && Object.keys(service.service.selector).length ? model.selectWorkloads(namespaceOf(service), service.service.selector) : [];
    if (!service || !workloads.length || !workloads.every((w) => model.inAmbient(w)) || model.waypointOf(service)) continue;
    for (const { tls, path } of tlsSettings(dr)) {
      const mode = tls.mode ?? 'DISABLE';
      if (mode === 'ISTIO_MUTUAL') continue;
      findings.push(finding(dr, dr.ranges.has(`${path}.mode=`) ? `${path}.mode=` : path, 'ztunnel-unenforced', 'warning', `ztunnel does not apply DestinationRule TLS: ${host}'s workloads are in ambient mode and no waypoint serves ${label(service)}, so clients in ambient mode reach them over ztunnel's mTLS and this ${mode} applies only to sidecar clients and gateways.`));
    }
  }
  return findings;
}
