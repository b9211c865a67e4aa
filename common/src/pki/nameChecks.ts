// Input checks for minting, each returning why a value cannot go into a certificate (or
// undefined when it can), so the palette and the CLI refuse bad input with the same reason.

import { spiffeIdProblem } from '../identity/spiffe';
import { parseCidr } from '../net/cidr';

/** A DNS SAN: LDH labels of 1 to 63 characters, 253 in all; a `*` may stand for the whole leftmost label. */
export function dnsNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (parseCidr(name)) return 'it is an IP address: give it as an IP SAN instead';
  if (name.endsWith('.')) return 'drop the trailing dot';
  if (name.length > 253) return 'it is longer than 253 characters';
  const labels = name.split('.');
  for (const [index, label] of labels.entries()) {
    if (label === '') return 'it has an empty label ("..")';
    if (label === '*') {
      if (index !== 0) return 'a wildcard may only be the whole leftmost label ("*.example.com")';
      if (labels.length < 3) return 'a wildcard needs at least two labels after it ("*.shop.svc")';
      continue;
    }
    if (label.includes('*')) return 'a wildcard must be a whole label ("*.example.com", not "web*.example.com")';
    if (label.length > 63) return `the label "${label.slice(0, 20)}…" is longer than 63 characters`;
    if (!/^[A-Za-z0-9-]+$/.test(label)) return `the label "${label}" may hold only letters, digits and "-"`;
    if (label.startsWith('-') || label.endsWith('-')) return `the label "${label}" must not start or end with "-"`;
  }
  return undefined;
}

export function ipAddressProblem(text: string): string | undefined {
  const cidr = parseCidr(text);
  if (!cidr) return 'it is not an IPv4 or IPv6 address';
  if (text.includes('/')) return 'give one address, not a network';
  return undefined;
}

/** A URI SAN: an absolute URI; a spiffe:// one must also be a valid SPIFFE ID. */
export function uriProblem(text: string): string | undefined {
  if (/\s/.test(text)) return 'it contains white space';
  if (text.toLowerCase().startsWith('spiffe:')) return spiffeIdProblem(text);
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text)) return 'it needs a scheme, such as spiffe:// or https://';
  try {
    new URL(text);
  } catch {
    return 'it is not a valid URI';
  }
  return undefined;
}

/** A Kubernetes namespace or service name: an RFC 1123 label (lower case, digits, "-"). */
export function kubernetesNameProblem(name: string, what: string): string | undefined {
  if (name === '') return `the ${what} is empty`;
  if (name.length > 63) return `the ${what} is longer than 63 characters`;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name))
    return `the ${what} "${name}" must be lower-case letters, digits and "-", starting and ending with a letter or digit`;
  return undefined;
}

/** The names a Kubernetes service answers to, shortest first: svc, svc.ns, svc.ns.svc, svc.ns.svc.<cluster domain>. */
export function serviceDnsNames(service: string, namespace: string, clusterDomain = 'cluster.local'): string[] {
  return [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.${clusterDomain}`];
}

/** Reads "svc.ns" (or "svc" with the namespace given apart) and expands it; throws with the reason on a bad name. */
export function expandService(text: string, defaultNamespace?: string, clusterDomain = 'cluster.local'): string[] {
  const [service, namespace = defaultNamespace, extra] = text.split('.');
  if (extra !== undefined) throw new RangeError(`"${text}": give a service as NAME.NAMESPACE`);
  if (namespace === undefined) throw new RangeError(`"${text}": give a service as NAME.NAMESPACE`);
  const problem = kubernetesNameProblem(service, 'service name') ?? kubernetesNameProblem(namespace, 'namespace');
  if (problem) throw new RangeError(`"${text}": ${problem}`);
  return serviceDnsNames(service, namespace, clusterDomain);
}

/** The SPIFFE ID Istio and Linkerd give a workload: spiffe://<trust domain>/ns/<namespace>/sa/<service account>. */
export function workloadSpiffeId(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `spiffe://${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}
