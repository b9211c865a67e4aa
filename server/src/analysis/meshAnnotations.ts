// The annotations with which Istio and Linkerd leave ports and addresses out of their proxies'
// traffic capture, read the way each mesh reads them:
// - Istio's sidecar injector validates them before it injects and refuses the pod when one does not
//   parse (istio/istio pkg/kube/inject/validate.go at 1.30.3, AnnotationValidation, called from
//   RunTemplate in inject.go; webhook.go answers the refusal to the API server).
// - Linkerd's injector copies them unchecked into proxy-init's arguments, and proxy-init skips, with
//   a log line, each entry it cannot read (linkerd/linkerd2 pkg/inject/inject.go at version-2.20;
//   linkerd/linkerd2-proxy-init pkg/iptables/iptables.go makeMultiportDestinations and
//   pkg/util/portrange.go at proxy-init/v2.4.9). Its opaque ports and default inbound policy are
//   read the same forgiving way (pkg/util/parsing.go ParseContainerOpaquePorts, inject.go).

import { isIPv6 } from 'node:net';
import { atLeast, NEWEST_VERSIONS } from '../../../common/src/versions';
import { WORKLOAD_KINDS, type Resource } from './resources';

export const ISTIO_TRAFFIC_PREFIX = 'traffic.sidecar.istio.io/';
export const ISTIO_EXCLUDE_INBOUND = 'traffic.sidecar.istio.io/excludeInboundPorts';
export const ISTIO_INCLUDE_INBOUND = 'traffic.sidecar.istio.io/includeInboundPorts';

/** Istio's validated capture annotations: what each must hold, as its injector parses it. */
const ISTIO_VALUES: Record<string, { what: 'ports' | 'cidrs'; star: boolean }> = {
  [ISTIO_INCLUDE_INBOUND]: { what: 'ports', star: true },
  [ISTIO_EXCLUDE_INBOUND]: { what: 'ports', star: false },
  'traffic.sidecar.istio.io/excludeOutboundPorts': { what: 'ports', star: false },
  'traffic.sidecar.istio.io/includeOutboundIPRanges': { what: 'cidrs', star: true },
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': { what: 'cidrs', star: false },
};

export const LINKERD_SKIP_INBOUND = 'config.linkerd.io/skip-inbound-ports';
export const LINKERD_SKIP_OUTBOUND = 'config.linkerd.io/skip-outbound-ports';
export const LINKERD_OPAQUE_PORTS = 'config.linkerd.io/opaque-ports';
export const LINKERD_DEFAULT_INBOUND_POLICY = 'config.linkerd.io/default-inbound-policy';
export const LINKERD_ANNOTATIONS = [LINKERD_SKIP_INBOUND, LINKERD_SKIP_OUTBOUND, LINKERD_OPAQUE_PORTS, LINKERD_DEFAULT_INBOUND_POLICY];
/** The default inbound policies Linkerd's injector takes (pkg/k8s/labels.go); any other value it logs and drops. `audit` comes with 2.16. */
export const LINKERD_DEFAULT_POLICIES = ['all-unauthenticated', 'all-authenticated', 'cluster-unauthenticated', 'cluster-authenticated', 'deny', 'audit'];
const LINKERD_AUDIT_SINCE = '2.16';

/** Why Istio's injector refuses this value of one of its capture annotations, or undefined (also for annotations it does not validate). */
export function istioValueProblem(name: string, value: string): string | undefined {
  const rule = ISTIO_VALUES[name];
  if (!rule || (rule.star && value === '*')) return undefined;
  const star = rule.star ? ', or * for all' : '';
  if (rule.what === 'ports') {
    const bad = istioPorts(value) === undefined ? firstBadPort(value) : undefined;
    return bad === undefined ? undefined : `"${bad}" is no port: give port numbers (0-65535) separated by commas, without ranges${star}`;
  }
  // The CIDR list is split as written: no spaces, and no empty entry (a trailing comma).
  if (value === '') return undefined;
  const bad = value.split(',').find((cidr) => !isGoPrefix(cidr));
  return bad === undefined ? undefined : `"${bad}" is no CIDR: give address/length entries (10.0.0.0/8, fd00::/8) separated by commas, without spaces${star}`;
}

/** The ports of an Istio port list (validate.go parsePorts: the whole and each entry trimmed, no ranges), or undefined when one does not parse. */
export function istioPorts(value: string): number[] | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return [];
  const ports: number[] = [];
  for (const entry of trimmed.split(',')) {
    const port = entry.trim();
    if (!/^\d+$/.test(port) || Number(port) > 65535) return undefined;
    ports.push(Number(port));
  }
  return ports;
}

function firstBadPort(value: string): string | undefined {
  return value
    .trim()
    .split(',')
    .find((entry) => istioPorts(entry) === undefined || entry.trim() === '');
}

/** Go's netip.ParsePrefix: a plain address (no IPv6 zone), a slash, and a length with no sign or leading zero within the family's bits. */
function isGoPrefix(text: string): boolean {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return false;
  const address = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^(0|[1-9]\d*)$/.test(bits)) return false;
  if (isGoIPv4(address)) return Number(bits) <= 32;
  return !address.includes('%') && isIPv6(address) && Number(bits) <= 128;
}

function isGoIPv4(address: string): boolean {
  const parts = address.split('.');
  return parts.length === 4 && parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255);
}

/**
 * Istio's inbound capture of a pod, from its annotations: which ports bypass the sidecar, and the
 * annotation that makes them. Undefined when nothing is left out, or a value does not parse (the
 * injector refuses the pod then, reported on its own).
 */
export function istioInboundBypass(annotations: Record<string, string>): ((port: number) => string | undefined) | undefined {
  const excluded = annotations[ISTIO_EXCLUDE_INBOUND] === undefined ? [] : istioPorts(annotations[ISTIO_EXCLUDE_INBOUND]);
  const includeValue = annotations[ISTIO_INCLUDE_INBOUND];
  const included = includeValue === undefined || includeValue.trim() === '*' ? undefined : istioPorts(includeValue);
  if (excluded === undefined || (includeValue !== undefined && includeValue.trim() !== '*' && included === undefined)) return undefined;
  if (excluded.length === 0 && included === undefined) return undefined;
  // istio-iptables reads the exclusions only when every port is included (tools/istio-iptables/pkg/capture/run.go handleInboundPortsInclude).
  if (included) return (port) => (included.includes(port) ? undefined : ISTIO_INCLUDE_INBOUND);
  return (port) => (excluded.includes(port) ? ISTIO_EXCLUDE_INBOUND : undefined);
}

/**
 * Linkerd's inbound skips of a pod: the ports config.linkerd.io/skip-inbound-ports takes out of the
 * proxy, so connections there reach the application in plaintext and no policy applies to them.
 * proxy-init skips the entries it cannot read and keeps the rest (linkerd2-proxy-init's
 * ParsePortRange, as linkerdValueProblem explains). Undefined when nothing is skipped.
 */
export function linkerdInboundBypass(annotations: Record<string, string>): ((port: number) => string | undefined) | undefined {
  const value = annotations[LINKERD_SKIP_INBOUND];
  if (value === undefined) return undefined;
  const ranges = value
    .split(',')
    .filter((entry) => entry !== '' && linkerdRangeProblem(entry) === undefined)
    .map((entry) => entry.split('-').map(Number));
  if (ranges.length === 0) return undefined;
  return (port) => (ranges.some(([low, high = low]) => port >= low && port <= high) ? LINKERD_SKIP_INBOUND : undefined);
}

/**
 * The opaque ports an install gives every pod whose annotations name none: the chart's
 * `proxy.opaquePorts` (charts/linkerd-control-plane/values.yaml at edge-26.8.3), the protocols
 * whose server speaks first or whose clients send no preamble, which detection would stall.
 */
export const LINKERD_DEFAULT_OPAQUE_PORTS = '25,587,3306,4444,5432,6379,9300,11211';

/**
 * Which ports a list of opaque ports names: ports, lower-upper ranges, and names of the pod's
 * container ports (the injector writes names as their numbers, util.ParseContainerOpaquePorts).
 * Entries Linkerd cannot read are skipped, as it skips them.
 */
export function linkerdOpaquePorts(value: string, containerPorts: Array<{ port: number; name?: string }>): (port: number) => boolean {
  const ranges = value
    .split(',')
    .map((entry) => entry.trim())
    .flatMap((entry): Array<[number, number]> => {
      if (entry === '') return [];
      if (isPortName(entry)) return containerPorts.filter((p) => p.name === entry).map((p) => [p.port, p.port]);
      if (linkerdRangeProblem(entry) !== undefined) return [];
      const [low, high = low] = entry.split('-').map(Number);
      return [[low, high]];
    });
  return (port) => ranges.some(([low, high]) => port >= low && port <= high);
}

/** Why the Linkerd release targeted leaves (part of) this value of one of its annotations unread, or undefined. */
export function linkerdValueProblem(name: string, value: string, linkerdVersion: string = NEWEST_VERSIONS.linkerd): string | undefined {
  if (name === LINKERD_DEFAULT_INBOUND_POLICY) {
    const policies = atLeast(linkerdVersion, LINKERD_AUDIT_SINCE) ? LINKERD_DEFAULT_POLICIES : LINKERD_DEFAULT_POLICIES.filter((p) => p !== 'audit');
    if (policies.includes(value)) return undefined;
    const release = value === 'audit' ? ` (audit comes with Linkerd ${LINKERD_AUDIT_SINCE}; you target ${linkerdVersion})` : '';
    return `"${value}" is no default inbound policy${release}; the injector logs it and keeps the cluster's default. Use one of ${policies.join(', ')}`;
  }
  if (name === LINKERD_OPAQUE_PORTS) {
    // Entries are trimmed; a name is looked up among the ports of the pod (or Service), which only the cluster knows for sure.
    const bad = value
      .replace(/,$/, '')
      .split(',')
      .map((entry) => entry.trim())
      .find((entry) => entry !== '' && !isPortName(entry) && linkerdRangeProblem(entry) !== undefined);
    return bad === undefined ? undefined : `"${bad}" is no port, port range or port name; Linkerd skips it, so that port is not opaque`;
  }
  if (name === LINKERD_SKIP_INBOUND || name === LINKERD_SKIP_OUTBOUND) {
    // proxy-init splits its argument on commas and trims nothing.
    for (const entry of value.split(',')) {
      if (entry === '') continue;
      if (entry.trim() !== entry && linkerdRangeProblem(entry.trim()) === undefined)
        return `"${entry}" has spaces around it, which proxy-init does not remove: it skips that entry, so its traffic still goes through the proxy. Write the list without spaces`;
      const problem = linkerdRangeProblem(entry);
      if (problem) return `"${entry}" ${problem}; proxy-init skips that entry, so its traffic still goes through the proxy`;
    }
  }
  return undefined;
}

/** proxy-init's ParsePortRange: a port or lower-upper, each as Go's Atoi reads it, within 0-65535, lower not above upper. */
function linkerdRangeProblem(entry: string): string | undefined {
  const bounds = entry.split('-');
  if (bounds.length > 2) return 'is no port range (ranges are written lower-upper)';
  const [lower, upper = lower] = bounds;
  const port = (text: string) => (/^[+-]?\d+$/.test(text) && Number(text) >= 0 && Number(text) <= 65535 ? Number(text) : undefined);
  const low = port(lower);
  const high = port(upper);
  if (low === undefined || high === undefined) return 'is no port or port range (numbers 0-65535, or lower-upper)';
  return high < low ? 'is a range whose upper bound is below its lower bound' : undefined;
}

/** A container port name as Kubernetes allows it (IANA_SVC_NAME: up to 15 lowercase letters, digits and dashes, with a letter). */
function isPortName(entry: string): boolean {
  return entry.length <= 15 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(entry) && /[a-z]/.test(entry) && !entry.includes('--');
}

/** The dotted path (as resourceRanges.ts records it) of an annotation on a workload's pods. */
export function podAnnotationPath(workload: Resource, name: string): string {
  const template = WORKLOAD_KINDS[workload.kind] ?? [];
  return [...template, 'metadata', 'annotations', name].join('.');
}
