import { isMap, type Node } from 'yaml';
import { atLeast } from '../../../../common/src/versions';
import type { ResourceView, Rule } from './resourceView';

// What the security kinds' fields need of the Istio release the user targets. Istio's CRD schemas
// are structural without x-kubernetes-preserve-unknown-fields under spec, so a field a release's
// CRD lacks is dropped by the API server (and refused by kubectl apply, whose field validation is
// strict): either way the release never acts on it.

/** Whether the targeted Istio release is older than `since`. */
export function istioBefore(r: ResourceView, since: string): boolean {
  return !atLeast(r.ctx.versions.istio, since);
}

/** "Istio 1.21", the targeted release as messages name it. */
export function targetIstio(r: ResourceView): string {
  return `Istio ${r.ctx.versions.istio}`;
}

interface FieldRelease {
  /** Dotted path from the root, `[]` stepping into each list item. */
  path: string;
  /** The first release whose CRD has the field (manifests/charts/base CRDs at each release tag). */
  since: string;
  /** What dropping the field does to the resource. */
  dropped: string;
  /** What to write instead on the older release, if anything. */
  instead?: string;
}

const TARGET_REF: FieldRelease = {
  path: 'spec.targetRef',
  since: '1.20',
  dropped: 'the policy then covers every workload of its namespace (every namespace, in the root namespace)',
  instead: "Select the gateway's pods with selector on that release.",
};
const TARGET_REFS: FieldRelease = {
  path: 'spec.targetRefs',
  since: '1.22',
  dropped: 'the policy then covers every workload of its namespace (every namespace, in the root namespace)',
  instead: 'Use targetRef (a single Gateway) or selector on that release.',
};

/** The fields of the security kinds that came after the oldest releases, by kind. */
const FIELD_RELEASES: Record<string, FieldRelease[]> = {
  'security.istio.io/AuthorizationPolicy': [
    TARGET_REF,
    TARGET_REFS,
    ...['serviceAccounts', 'notServiceAccounts'].map((field) => ({
      path: `spec.rules[].from[].source.${field}`,
      since: '1.25',
      dropped: 'this source then no longer looks at service accounts',
      instead: 'Write them as principals (cluster.local/ns/<namespace>/sa/<name>) on that release.',
    })),
    ...['trustDomains', 'notTrustDomains'].map((field) => ({
      path: `spec.rules[].from[].source.${field}`,
      since: '1.30',
      dropped: 'this source then no longer looks at trust domains',
      instead: 'Match a trust domain with a principal prefix (cluster.local/*) on that release.',
    })),
  ],
  'security.istio.io/RequestAuthentication': [
    TARGET_REF,
    TARGET_REFS,
    {
      path: 'spec.jwtRules[].fromCookies',
      since: '1.21',
      dropped: 'tokens are then looked for only in the other places the rule names, or in the default header and parameter',
    },
    { path: 'spec.jwtRules[].timeout', since: '1.22', dropped: 'key fetches then wait the default 5s' },
    { path: 'spec.jwtRules[].spaceDelimitedClaims', since: '1.28', dropped: 'only the scope and permission claims are then split at spaces' },
  ],
};

/** Each field the targeted release's CRD does not have: dropped by the API server, refused by kubectl. */
export const fieldReleases: Rule = (r) => {
  for (const gate of FIELD_RELEASES[`${r.info.group}/${r.info.kind}`] ?? []) {
    if (!istioBefore(r, gate.since)) continue;
    const steps = gate.path.split('.');
    const field = steps.pop()!.replace('[]', '');
    for (const parent of nodesAt(r, [r.root], steps)) {
      if (!r.has([field], parent)) continue;
      // A warning, as for any unknown field: the API server stores the resource without it (only kubectl's strict validation refuses it).
      r.ctx.warning(
        r.rangeOf([field], parent),
        'istio-version',
        `${targetIstio(r)} has no ${field} field (it came in ${gate.since}): the API server drops it (kubectl, validating strictly, refuses the resource), so ${gate.dropped}.${gate.instead ? ` ${gate.instead}` : ''}`,
      );
    }
  }
};

/** The maps a dotted path reaches, `name[]` stepping into every item of a list. */
function nodesAt(r: ResourceView, from: Node[], steps: string[]): Node[] {
  let current = from;
  for (const step of steps) {
    const name = step.replace('[]', '');
    current = current.flatMap((node) => (step.endsWith('[]') ? r.items([name], node) : [r.node([name], node)].filter((n): n is Node => n !== undefined)));
  }
  return current.filter((node) => isMap(node));
}
