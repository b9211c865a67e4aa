import { isScalar, type Node } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { parseGoDuration } from '../../../../common/src/time/goDuration';
import { spiffeIdProblem, trustDomainProblem } from '../../spire/checks';
import { expandsEnv } from '../../spire/model';
import type { DiagnosticCode } from '../../documents/diagnostic';
import { checkLabelSelector, OPERATORS } from './labelSelector';
import type { Path, ResourceView, Rule } from './resourceView';
import { spiffeBundleProblem } from './spireBundle';
import {
  fieldProblems,
  parseGoTemplate,
  renderedIdProblem,
  renderedSelectorProblem,
  selectorProblem,
  templateText,
  workloadPathProblem,
  type TemplateUse,
} from './spireControllerTemplates';

// spire-controller-manager v0.6.6's rules for its kinds, beyond the CRD schemas. ClusterSPIFFEID
// and ClusterFederatedTrustDomain pass its validating webhook (api/v1alpha1/*_webhook.go), whose
// parse functions the reconcilers call again; ClusterStaticEntry has no webhook and is checked
// only when reconciled (pkg/spireentry/entries.go renderStaticEntry). Either way the controller
// refuses the object, so each is an error.

const WEBHOOK = "spire-controller-manager's webhook refuses it (and its reconciler skips the object where no webhook runs)";
const RECONCILE = 'the controller rejects it when it reconciles (the API server accepts it)';
const RENDER = 'the controller rejects it when it reconciles, for each pod it selects (the API server accepts it)';

const SPIRE_REFUSES = 'the SPIRE server refuses the entry when the controller creates it (the API server accepts the object)';

const PARENT_RENDER = 'the controller renders no entry for any pod (it starts, and fails at each reconcile)';

type Verdict = typeof WEBHOOK | typeof RECONCILE;

function report(r: ResourceView, at: Range, code: DiagnosticCode, message: string, certain = true): void {
  if (certain) r.ctx.error(at, code, message);
  else r.ctx.warning(at, code, message);
}

/** Where to point at a node: its own range, or the field's key when it is absent. */
function rangeAt(r: ResourceView, path: Path, node: Node | undefined): Range {
  return node ? r.valueRange(node) : r.rangeOf(path);
}

/** Each string in the list at `path` that is known here, with its node. */
function strings(r: ResourceView, path: Path): Array<{ value: string; node: Node }> {
  return r
    .items(path)
    .filter((node) => isScalar(node) && typeof node.value === 'string' && !r.ctx.isTemplated(node))
    .map((node) => ({ value: (node as { value: string }).value, node }));
}

function checkTrustDomains(r: ResourceView, path: Path, verdict: Verdict): void {
  for (const { value, node } of strings(r, path)) {
    const problem = expandsEnv(value) ? undefined : trustDomainProblem(value);
    if (problem) r.ctx.error(r.valueRange(node), 'spire-controller-spiffe-id', `${JSON.stringify(value)} is not a trust domain name: ${problem}; ${verdict}.`);
  }
}

function checkDuration(r: ResourceView, path: Path, verdict: string): void {
  const value = r.string(path);
  if (value === undefined || parseGoDuration(value) !== undefined) return;
  r.ctx.error(
    rangeAt(r, path, r.node(path)),
    'spire-controller-duration',
    `${JSON.stringify(value)} is not a Go duration such as "1h" or "90m" (units ns, us, ms, s, m, h; no days); ${verdict}.`,
  );
}

/** Parses a template field and reports what the controller refuses in it; the parse, for further checks. */
export function checkTemplate(
  r: ResourceView,
  node: Node | undefined,
  what: string,
  parseVerdict: string,
  use: TemplateUse,
): ReturnType<typeof parseGoTemplate> | undefined {
  const text = templateText(r, node);
  // An empty template is reported on its own (spiffeIDTemplate) or renders an empty name.
  if (!text || !node) return undefined;
  const parsed = parseGoTemplate(text);
  if (parsed.error) {
    r.ctx.error(r.valueRange(node), 'spire-controller-template', `The ${what} is not a valid Go template (${parsed.error}); ${parseVerdict}.`);
    return undefined;
  }
  for (const problem of fieldProblems(parsed, use))
    report(
      r,
      r.valueRange(node),
      'spire-controller-template',
      problem.certain
        ? `The ${what} reads a field the controller's data lacks: ${problem.message}; rendering fails, and ${use === 'parent' ? PARENT_RENDER : RENDER}.`
        : `The ${what} may read a field the controller's data lacks: ${problem.message}; where that action runs, rendering fails.`,
      problem.certain,
    );
  return parsed;
}

const clusterSpiffeId: Rule = (r) => {
  const templateNode = r.node(['spec', 'spiffeIDTemplate']);
  if (r.string(['spec', 'spiffeIDTemplate']) === '')
    r.ctx.error(r.rangeOf(['spec', 'spiffeIDTemplate']), 'spire-controller-template', `spiffeIDTemplate is empty; ${WEBHOOK}.`);
  const parsed = checkTemplate(r, templateNode, 'spiffeIDTemplate', WEBHOOK, 'pod');
  const idProblem = parsed?.parts && renderedIdProblem(parsed.parts);
  if (idProblem && templateNode)
    r.ctx.error(r.valueRange(templateNode), 'spire-controller-spiffe-id', `The spiffeIDTemplate cannot render a SPIFFE ID: ${idProblem}; ${RENDER}.`);
  const pathProblem = !idProblem && parsed?.parts && workloadPathProblem(parsed.parts);
  if (pathProblem && templateNode)
    r.ctx.error(r.valueRange(templateNode), 'spire-controller-spiffe-id', `The spiffeIDTemplate ${pathProblem}; ${SPIRE_REFUSES}, for each pod it selects.`);

  for (const node of r.items(['spec', 'dnsNameTemplates'])) checkTemplate(r, node, 'dnsNameTemplates entry', WEBHOOK, 'pod');
  for (const node of r.items(['spec', 'workloadSelectorTemplates'])) {
    const selector = checkTemplate(r, node, 'workloadSelectorTemplates entry', WEBHOOK, 'pod');
    const problem = selector?.parts && renderedSelectorProblem(selector.parts);
    if (problem)
      r.ctx.error(
        r.valueRange(node),
        'spire-controller-selector',
        `The workload selector template cannot render a "type:value" selector: ${problem}; ${RENDER}.`,
      );
  }
  for (const selector of ['namespaceSelector', 'podSelector'])
    checkLabelSelector(r, ['spec', selector], (node, problem) =>
      r.ctx.error(rangeAt(r, ['spec', selector], node), 'spire-controller-selector', `${selector}: ${problem}; ${WEBHOOK}.`),
    );
  checkTrustDomains(r, ['spec', 'federatesWith'], WEBHOOK);
  checkDuration(r, ['spec', 'ttl'], "the controller's webhook cannot decode the object");
  checkDuration(r, ['spec', 'jwtTtl'], "the controller's webhook cannot decode the object");
};

/** What Go's url.Parse and the controller's ValidateBundleEndpointURL (pkg/spireapi/types.go) refuse. */
export function bundleEndpointUrlProblem(url: string): string | undefined {
  if (url === '') return 'it is empty';
  if (/[\u0000-\u001f\u007f]/.test(url)) return 'it holds a control character';
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  // url.Parse lower-cases the scheme before the controller compares it.
  if (!scheme || scheme[1].toLowerCase() !== 'https') return 'the scheme must be https';
  const rest = url.slice(scheme[0].length);
  if (!rest.startsWith('//')) return 'a host must be given (https://host[:port]/path)';
  const authority = rest.slice(2).split(/[/?#]/, 1)[0];
  const at = authority.lastIndexOf('@');
  const host = at >= 0 ? authority.slice(at + 1) : authority;
  if (/\s/.test(host)) return 'the host holds white space';
  // Go's parseHost: after a bracketed IPv6 literal, or else after the last colon, only digits may follow.
  const bracketed = host.startsWith('[');
  if (bracketed && !host.includes(']')) return 'the IPv6 address is missing its "]"';
  const colon = bracketed ? host.indexOf(']') + 1 : host.lastIndexOf(':');
  const port = colon >= 0 ? host.slice(colon) : '';
  if (port !== '' && !/^:[0-9]*$/.test(port)) return `the port ${JSON.stringify(port.slice(1))} is not a number`;
  if (host === '') return 'a host must be given';
  if (at >= 0) return 'it must not carry user information (user@host)';
  return undefined;
}

const clusterFederatedTrustDomain: Rule = (r) => {
  const trustDomain = r.string(['spec', 'trustDomain']);
  if (trustDomain !== undefined && !expandsEnv(trustDomain)) {
    const problem = trustDomainProblem(trustDomain);
    if (problem)
      r.ctx.error(
        r.rangeOf(['spec', 'trustDomain']),
        'spire-controller-spiffe-id',
        `${JSON.stringify(trustDomain)} is not a trust domain name: ${problem}; ${WEBHOOK}.`,
      );
  }
  const url = r.string(['spec', 'bundleEndpointURL']);
  const urlProblem = url === undefined || expandsEnv(url) ? undefined : bundleEndpointUrlProblem(url);
  if (urlProblem)
    r.ctx.error(
      r.rangeOf(['spec', 'bundleEndpointURL']),
      'spire-controller-federation',
      `bundleEndpointURL ${JSON.stringify(url)}: ${urlProblem}; ${WEBHOOK}.`,
    );

  const type = r.string(['spec', 'bundleEndpointProfile', 'type']);
  const endpointPath = ['spec', 'bundleEndpointProfile', 'endpointSPIFFEID'];
  const endpointId = r.string(endpointPath);
  if (type === 'https_web' && endpointId)
    r.ctx.error(
      r.rangeOf(endpointPath),
      'spire-controller-federation',
      `endpointSPIFFEID does not apply to the https_web profile (the endpoint is authenticated with Web PKI); ${WEBHOOK}.`,
    );
  if (type === 'https_spiffe' && !r.unknown(endpointPath)) {
    const problem = !endpointId ? 'it is required with the https_spiffe profile' : expandsEnv(endpointId) ? undefined : spiffeIdProblem(endpointId);
    if (problem)
      r.ctx.error(
        r.has(endpointPath) ? r.rangeOf(endpointPath) : r.rangeOf(['spec', 'bundleEndpointProfile', 'type']),
        'spire-controller-federation',
        `endpointSPIFFEID ${endpointId ? `${JSON.stringify(endpointId)} ` : ''}is not a SPIFFE ID: ${problem}; ${WEBHOOK}.`,
      );
  }
  const bundle = r.string(['spec', 'trustDomainBundle']);
  const bundleProblem = bundle ? spiffeBundleProblem(bundle) : undefined;
  if (bundleProblem)
    r.ctx.error(
      r.rangeOf(['spec', 'trustDomainBundle']),
      'spire-controller-federation',
      `trustDomainBundle is not a SPIFFE bundle: ${bundleProblem}; ${WEBHOOK}.`,
    );
};

const clusterStaticEntry: Rule = (r) => {
  for (const field of ['spiffeID', 'parentID']) {
    const value = r.string(['spec', field]);
    // Static manifests may be read with expandEnvStaticManifests: a $VARIABLE is only known then.
    if (value === undefined || expandsEnv(value)) continue;
    const problem = spiffeIdProblem(value);
    if (problem)
      r.ctx.error(r.rangeOf(['spec', field]), 'spire-controller-spiffe-id', `${field} ${JSON.stringify(value)} is not a SPIFFE ID: ${problem}; ${RECONCILE}.`);
    // SPIRE takes a parent ID with any path but none, and a workload ID outside /spire (pkg/server/api/id.go).
    const refused = problem
      ? undefined
      : field === 'spiffeID'
        ? workloadPathProblem([{ text: value }])
        : value.replace(/^spiffe:\/\/[^/]*/, '') === ''
          ? 'it has no path'
          : undefined;
    if (refused)
      r.ctx.error(
        r.rangeOf(['spec', field]),
        'spire-controller-spiffe-id',
        `${field} ${JSON.stringify(value)}: ${refused.replace(/^it renders an ID/, 'an ID')}; ${SPIRE_REFUSES}.`,
      );
  }
  for (const { value, node } of strings(r, ['spec', 'selectors'])) {
    const problem = expandsEnv(value) ? undefined : selectorProblem(value);
    if (problem) r.ctx.error(r.valueRange(node), 'spire-controller-selector', `Selector ${JSON.stringify(value)}: ${problem}; ${RECONCILE}.`);
  }
  checkTrustDomains(r, ['spec', 'federatesWith'], RECONCILE);
  checkDuration(r, ['spec', 'x509SVIDTTL'], 'the controller cannot decode the object, and stops reconciling ClusterStaticEntries');
  checkDuration(r, ['spec', 'jwtSVIDTTL'], 'the controller cannot decode the object, and stops reconciling ClusterStaticEntries');
};

/** Sets the controller alone closes (the CRD types them as free strings), for completion. */
export const SPIRE_CONTROLLER_CLOSED_SETS: Record<string, Record<string, readonly string[]>> = {
  'spire.spiffe.io/ClusterSPIFFEID': {
    'spec.podSelector.matchExpressions.*.operator': OPERATORS,
    'spec.namespaceSelector.matchExpressions.*.operator': OPERATORS,
  },
};

export const SPIRE_CONTROLLER_RULES: Record<string, Rule[]> = {
  'spire.spiffe.io/ClusterSPIFFEID': [clusterSpiffeId],
  'spire.spiffe.io/ClusterFederatedTrustDomain': [clusterFederatedTrustDomain],
  'spire.spiffe.io/ClusterStaticEntry': [clusterStaticEntry],
};
