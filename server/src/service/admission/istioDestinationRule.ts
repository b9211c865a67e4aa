import { isIP } from 'node:net';
import { isMap, isScalar, type Node } from 'yaml';
import type { ResourceView, Rule } from './resourceView';
import { checkClientTls } from './istioDestinationRuleTls';
import { checkConnectionPool, checkLoadBalancer, checkOutlierDetection } from './istioDestinationRuleSettings';

// istiod's validation webhook rules for DestinationRule (ValidateDestinationRule and its helpers in
// pkg/config/validation/validation.go), for what the CRD schemas (and their CEL rules, checked
// elsewhere) leave out.

const DR = 'istio-destination-rule';
const POLICY = 'istio-traffic-policy';

const DNS1123_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_LABEL = /^(?:\*|(?:\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;
const LABEL_KEY = /^(?:[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)*\/)?(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(?:(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const isLabel = (text: string) => text.length <= 63 && DNS1123_LABEL.test(text);

/** Why istiod refuses a host name (a wildcard allowed in the first label only), or undefined. */
function hostProblem(host: string, wildcard: boolean): string | undefined {
  if (host === '') return 'must not be empty';
  if (host.length > 255) return 'is longer than 255 characters';
  const rest = host.split('.');
  const first = wildcard ? rest.shift()! : undefined;
  if (first !== undefined && !(first.length <= 63 && WILDCARD_LABEL.test(first))) return `has an invalid first label "${first}"`;
  if (rest.length && /^\d+$/.test(rest[rest.length - 1])) return 'ends in an all-numeric label';
  const bad = rest.find((label, i) => !(i === rest.length - 1 && label === '') && !isLabel(label));
  return bad === undefined ? undefined : `has an invalid label "${bad}"`;
}

const POLICY_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls', 'portLevelSettings', 'tunnel', 'proxyProtocol', 'retryBudget'];
const PORT_POLICY_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'];

function checkTrafficPolicy(r: ResourceView, policy: Node, isTopLevel: boolean): void {
  if (!isMap(policy)) return;
  if (!POLICY_FIELDS.some((field) => r.has([field], policy))) {
    r.ctx.error(r.valueRange(policy), POLICY, `A traffic policy needs at least one of ${POLICY_FIELDS.join(', ')}: istiod refuses an empty one.`);
    return;
  }
  if (r.has(['tunnel'], policy) && r.has(['proxyProtocol'], policy)) {
    r.ctx.error(r.rangeOf(['proxyProtocol'], policy), POLICY, 'tunnel and proxyProtocol cannot be set together.');
    return;
  }
  checkSettings(r, policy, isTopLevel ? r.keyOf(['spec', 'trafficPolicy', 'tls']) : undefined);
  for (const port of r.items(['portLevelSettings'], policy)) {
    if (!isMap(port)) {
      // Other shapes are the schema's to report.
      if (isScalar(port) && port.value === null) r.ctx.error(r.valueRange(port), POLICY, 'A portLevelSettings entry cannot be empty.');
      continue;
    }
    if (!r.has(['port'], port)) r.ctx.error(r.valueRange(port), POLICY, 'This portLevelSettings entry needs a port.');
    else checkPortNumber(r, r.node(['port'], port)!);
    if (!PORT_POLICY_FIELDS.some((field) => r.has([field], port)))
      r.ctx.error(r.valueRange(port), POLICY, `This portLevelSettings entry sets nothing: it needs at least one of ${PORT_POLICY_FIELDS.join(', ')}.`);
    else checkSettings(r, port, undefined);
  }
  const tunnel = r.node(['tunnel'], policy);
  if (isMap(tunnel)) checkTunnel(r, tunnel);
}

/** The settings a traffic policy and each of its ports share. */
function checkSettings(r: ResourceView, policy: Node, tlsKey: Node | undefined): void {
  const outlier = r.node(['outlierDetection'], policy);
  if (outlier) checkOutlierDetection(r, outlier);
  const pool = r.node(['connectionPool'], policy);
  if (pool) checkConnectionPool(r, pool);
  const lb = r.node(['loadBalancer'], policy);
  if (lb) checkLoadBalancer(r, lb, outlier);
  const tls = r.node(['tls'], policy);
  if (tls) checkClientTls(r, tls, tlsKey);
}

/** istiod lets any port number through here, but only 1-65535 can match a service port. */
function checkPortNumber(r: ResourceView, port: Node): void {
  const number = r.value(['number'], port);
  if (number === undefined && r.has(['number'], port)) return;
  if (typeof number !== 'number' || number < 1 || number > 65535) {
    r.ctx.warning(
      r.has(['number'], port) ? r.rangeOf(['number'], port) : r.valueRange(port),
      POLICY,
      'These port settings apply to no port: port.number must lie between 1 and 65535.',
      undefined,
    );
  }
}

function checkTunnel(r: ResourceView, tunnel: Node): void {
  const protocol = r.value(['protocol'], tunnel);
  if (typeof protocol === 'string' && protocol !== '' && protocol !== 'CONNECT' && protocol !== 'POST') {
    r.ctx.error(r.rangeOf(['protocol'], tunnel), POLICY, `tunnel.protocol must be CONNECT or POST, not "${protocol}".`);
  }
  const host = r.value(['targetHost'], tunnel);
  if (host !== undefined || !r.has(['targetHost'], tunnel)) {
    const text = typeof host === 'string' ? host : '';
    const problem = isIP(text) ? undefined : hostProblem(text, false);
    if (problem)
      r.ctx.error(
        r.has(['targetHost'], tunnel) ? r.rangeOf(['targetHost'], tunnel) : r.valueRange(tunnel),
        POLICY,
        `tunnel.targetHost must be a host name or an IP address; "${text}" ${problem}.`,
      );
  }
  const port = r.value(['targetPort'], tunnel);
  if (port !== undefined || !r.has(['targetPort'], tunnel)) {
    if (typeof port !== 'number' || port < 1 || port > 65535)
      r.ctx.error(
        r.has(['targetPort'], tunnel) ? r.rangeOf(['targetPort'], tunnel) : r.valueRange(tunnel),
        POLICY,
        'tunnel.targetPort must be a port number between 1 and 65535.',
      );
  }
}

function checkSubsets(r: ResourceView): void {
  const seen = new Set<string>();
  for (const subset of r.items(['spec', 'subsets'])) {
    if (!isMap(subset)) {
      if (isScalar(subset) && subset.value === null) r.ctx.error(r.valueRange(subset), DR, 'A subset cannot be empty: it needs at least a name.');
      continue;
    }
    const name = r.value(['name'], subset);
    if (name === undefined && r.has(['name'], subset)) {
      // templated: nothing to judge
    } else if (typeof name !== 'string' || name === '') {
      r.ctx.error(r.has(['name'], subset) ? r.rangeOf(['name'], subset) : r.valueRange(subset), DR, 'Every subset needs a name.');
    } else {
      if (!isLabel(name))
        r.ctx.error(r.rangeOf(['name'], subset), DR, `The subset name "${name}" must be a DNS label: letters, digits and '-', at most 63 characters.`);
      if (seen.has(name)) r.ctx.error(r.rangeOf(['name'], subset), DR, `The subset name "${name}" is used twice.`);
      seen.add(name);
    }
    const labels = r.node(['labels'], subset);
    if (isMap(labels)) {
      for (const pair of labels.items) {
        if (!isScalar(pair.key) || r.ctx.isTemplated(pair.key)) continue;
        const key = String(pair.key.value);
        if (!LABEL_KEY.test(key)) r.ctx.error(r.valueRange(pair.key), DR, `"${key}" is not a valid label key.`);
        if (isScalar(pair.value) && !r.ctx.isTemplated(pair.value) && pair.value.value !== null && !LABEL_VALUE.test(String(pair.value.value))) {
          r.ctx.error(r.valueRange(pair.value), DR, `"${String(pair.value.value)}" is not a valid label value.`);
        }
      }
    }
    const policy = r.node(['trafficPolicy'], subset);
    if (policy) checkTrafficPolicy(r, policy, false);
  }
}

function checkExportTo(r: ResourceView): void {
  const entries = r
    .items(['spec', 'exportTo'])
    .filter((item): item is Node & { value: string } => isScalar(item) && typeof item.value === 'string' && !r.ctx.isTemplated(item));
  if (!entries.length) return;
  const namespace = r.namespace;
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = entry.value === '.' ? (namespace ?? '.') : entry.value;
    if (seen.has(key))
      r.ctx.error(
        r.valueRange(entry),
        DR,
        `exportTo names "${entry.value}" twice${key !== entry.value || (namespace !== undefined && key === namespace) ? ' ("." is this namespace)' : ''}.`,
      );
    else if (entry.value === '~') r.ctx.error(r.valueRange(entry), DR, 'exportTo cannot be "~" (exported to no one) for a DestinationRule.');
    else if (entry.value !== '.' && entry.value !== '*' && !isLabel(entry.value))
      r.ctx.error(r.valueRange(entry), DR, `exportTo entries are ".", "*" or a namespace name; "${entry.value}" is none of these.`);
    else seen.add(key);
  }
  if (r.has(['spec', 'workloadSelector'])) {
    const own = namespace ?? '.';
    if (!seen.has(own) && seen.size)
      r.ctx.error(r.rangeOf(['spec', 'exportTo']), DR, 'A DestinationRule with a workloadSelector can only be exported to its own namespace.');
    else if (seen.size > 1)
      r.ctx.error(
        r.rangeOf(['spec', 'exportTo']),
        DR,
        'A DestinationRule with a workloadSelector can only be exported to its own namespace, as a single exportTo entry.',
      );
  }
  if (seen.has('*') && entries.length > 1)
    r.ctx.error(r.rangeOf(['spec', 'exportTo']), DR, 'exportTo "*" already covers every namespace: it cannot stand with other entries.');
}

const destinationRule: Rule = (r) => {
  // A spec of the wrong type is the schema's to report.
  if (r.has(['spec']) && !isMap(r.node(['spec']))) return;
  const host = r.value(['spec', 'host']);
  if (!r.has(['spec', 'host'])) r.ctx.error(r.kindRange(), DR, 'This DestinationRule has no host: istiod refuses one without it.');
  else if (typeof host === 'string') {
    const problem = hostProblem(host, true);
    if (problem) r.ctx.error(r.rangeOf(['spec', 'host']), DR, `The host "${host}" ${problem}.`);
  }
  const policy = r.node(['spec', 'trafficPolicy']);
  if (policy) checkTrafficPolicy(r, policy, true);
  checkSubsets(r);
  checkExportTo(r);
  const selector = r.node(['spec', 'workloadSelector']);
  if (isMap(selector) && !(isMap(r.node(['matchLabels'], selector)) && (r.node(['matchLabels'], selector) as { items: unknown[] }).items.length)) {
    r.ctx.warning(
      r.rangeOf(['spec', 'workloadSelector']),
      DR,
      'This workloadSelector has no labels, so it selects every workload in the namespace.',
      undefined,
    );
  }
};

export const ISTIO_DESTINATION_RULE_RULES: Record<string, Rule[]> = {
  'networking.istio.io/DestinationRule': [destinationRule],
};
