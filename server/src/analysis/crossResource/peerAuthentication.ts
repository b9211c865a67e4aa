import { finding, label, type AnalysisFinding } from '../finding';
import { istioInboundBypass, podAnnotationPath } from '../meshAnnotations';
import { namespaceOf, type Resource } from '../resources';
import { distinctObjects, policySelector, type WorkspaceModel } from '../workspaceModel';
import { selectorFix } from './selectorFix';

/**
 * PeerAuthentication across files: Istio takes one mesh-wide and one policy per namespace (the
 * oldest, which a manifest cannot tell), and one per workload; more is a coin toss. A selector
 * that matches no workload protects nothing.
 */
export function peerAuthenticationRules(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  const policies = model.istio('PeerAuthentication');
  const scopes = new Map<string, Resource[]>();
  for (const pa of policies) {
    if (policySelector(pa)) continue;
    const ns = namespaceOf(pa);
    scopes.set(ns, [...(scopes.get(ns) ?? []), pa]);
  }
  for (const [ns, all] of scopes) {
    const list = distinctObjects(all);
    if (list.length < 2) continue;
    const scope =
      ns === model.settings.rootNamespace
        ? `mesh-wide PeerAuthentication (no selector, in the root namespace ${ns})`
        : `namespace-wide PeerAuthentication (no selector) in ${ns}`;
    for (const pa of list) {
      const others = list
        .filter((o) => o !== pa)
        .map(label)
        .join(', ');
      findings.push(
        finding(
          pa,
          'metadata.name',
          'mtls-policy-conflict',
          'warning',
          `More than one ${scope} (also ${others}): Istio applies only the oldest, so which mode wins depends on creation order. Keep one.`,
        ),
      );
    }
  }
  // Each workload policy adds itself to the workloads it selects; a workload with two is contested.
  const selectedBy = new Map<Resource, Resource[]>();
  for (const pa of distinctObjects(policies)) {
    const selector = policySelector(pa);
    if (!selector || namespaceOf(pa) === model.settings.rootNamespace) continue;
    for (const workload of model.selectWorkloads(namespaceOf(pa), selector)) selectedBy.set(workload, [...(selectedBy.get(workload) ?? []), pa]);
  }
  for (const [workload, selecting] of selectedBy) {
    if (selecting.length < 2) continue;
    for (const pa of selecting) {
      findings.push(
        finding(
          pa,
          'spec.selector',
          'mtls-policy-conflict',
          'warning',
          `${label(workload)} is selected by ${selecting.length} workload PeerAuthentications (${selecting.map(label).join(', ')}): Istio applies only the oldest. Merge them into one, with portLevelMtls for per-port modes.`,
        ),
      );
    }
  }
  for (const pa of policies) {
    const selector = policySelector(pa);
    const ns = namespaceOf(pa);
    if (selector && ns === model.settings.rootNamespace) {
      // pilot/pkg/security/authn/policy_applier.go ComposePeerAuthentication, and ambient's convertedSelectorPeerAuthentications, skip these.
      findings.push(
        finding(
          pa,
          'spec.selector',
          'selector-no-workload',
          'warning',
          `Istio ignores a PeerAuthentication with a selector in the root namespace (${ns}): this one applies to no workload, in ${ns} or elsewhere. Move it to the namespace of the workloads it is for, or drop the selector to make it mesh-wide.`,
        ),
      );
      continue;
    }
    if (!selector || model.workloadsIn(ns).length === 0) continue;
    if (model.selectWorkloads(ns, selector).length === 0) {
      const labels = Object.entries(selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      findings.push(
        finding(
          pa,
          'spec.selector',
          'selector-no-workload',
          'warning',
          `No workload in namespace ${ns} has the labels ${labels}: this PeerAuthentication applies to nothing, and its pods keep the namespace's mode.`,
          selectorFix(model, pa, 'spec.selector.matchLabels', selector, ns),
        ),
      );
    }
  }
  return findings;
}

/**
 * A STRICT workload whose sidecar does not capture a port a Service sends traffic to
 * (excludeInboundPorts names it, or includeInboundPorts leaves it out): connections to that port
 * go straight to the application, so nothing enforces mTLS there and plaintext gets in. Istio
 * accepts this; istio-iptables simply never redirects the port to the sidecar.
 */
export function strictBypassRules(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  if (!model.usesIstio) return findings;
  for (const workload of model.workloads) {
    const bypass = istioInboundBypass(workload.workload!.podAnnotations);
    // ztunnel, not a sidecar, carries an ambient workload's traffic: sidecar capture settings mean nothing there.
    if (!bypass || model.inAmbient(workload)) continue;
    const reported = new Set<string>();
    for (const { service, port, targetPort } of exposedPorts(model, workload)) {
      const annotation = bypass(targetPort);
      const { mode, source } = model.modeAtPort(workload, targetPort);
      if (!annotation || mode !== 'STRICT' || reported.has(`${annotation}:${targetPort}`)) continue;
      reported.add(`${annotation}:${targetPort}`);
      const how = annotation.endsWith('excludeInboundPorts') ? 'excludeInboundPorts names it' : 'includeInboundPorts leaves it out';
      findings.push(
        finding(
          workload,
          podAnnotationPath(workload, annotation),
          'mtls-port-bypass',
          'warning',
          `Port ${targetPort} of ${label(workload)} bypasses the sidecar (${how}), yet ${label(service)} sends traffic to it (port ${port}): connections there reach the application in plaintext, and STRICT mTLS${source ? ` from ${label(source)}` : ''} is not enforced on them.`,
        ),
      );
    }
  }
  return findings;
}

/** The container ports of a workload that Services selecting it send traffic to (targetPort, by number or by name). */
export function exposedPorts(model: WorkspaceModel, workload: Resource): Array<{ service: Resource; port: number; targetPort: number }> {
  const exposed: Array<{ service: Resource; port: number; targetPort: number }> = [];
  for (const service of model.servicesOf(workload)) {
    for (const entry of service.service?.ports ?? []) {
      const target = entry.targetPort ?? entry.port;
      const number = typeof target === 'number' ? target : workload.workload!.ports.find((p) => p.name === target)?.port;
      if (number !== undefined) exposed.push({ service, port: entry.port, targetPort: number });
    }
  }
  return exposed;
}
