import { trustDomainProblem } from '../../spire/checks';
import { expandsEnv } from '../../spire/model';
import type { ResourceView, Rule } from './resourceView';
import { checkTemplate } from './spireController';

// What spire-controller-manager v0.6.6 refuses in its config file at start-up (cmd/main.go
// parseConfig and run, api/v1alpha1/controllermanagerconfig_loader.go): the process exits.

const EXITS = 'the controller exits at start-up';
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'];

function missing(r: ResourceView, field: string): boolean {
  if (r.unknown([field])) return false;
  return r.string([field]) === undefined || r.string([field]) === '';
}

/**
 * Whether Go's regexp (RE2) refuses a pattern, judged with JavaScript's RegExp once RE2's own
 * syntax (flag groups, `(?P<name>`) is written the JavaScript way; lookaround and back references,
 * which RE2 lacks, are refused outright.
 */
export function goRegexpProblem(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return 'Go regular expressions have no lookahead or lookbehind';
  if (/(^|[^\\])(\\\\)*\\[1-9]/.test(pattern)) return 'Go regular expressions have no back references';
  const js = pattern
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?[imsU-]+\)/g, '')
    .replace(/\(\?[imsU-]+:/g, '(?:');
  try {
    new RegExp(js);
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
  return undefined;
}

const controllerManagerConfig: Rule = (r) => {
  if (missing(r, 'trustDomain'))
    r.ctx.error(r.has(['trustDomain']) ? r.rangeOf(['trustDomain']) : r.kindRange(), 'spire-controller-config', `trustDomain is required; ${EXITS}.`);
  else {
    const trustDomain = r.string(['trustDomain']);
    // With -expand-env the controller replaces $VARIABLES first (the Helm chart starts it so): unknown here.
    const problem = trustDomain === undefined || expandsEnv(trustDomain) ? undefined : trustDomainProblem(trustDomain);
    if (problem)
      r.ctx.error(r.rangeOf(['trustDomain']), 'spire-controller-config', `${JSON.stringify(trustDomain)} is not a trust domain name: ${problem}; ${EXITS}.`);
  }
  if (missing(r, 'clusterName'))
    r.ctx.error(r.has(['clusterName']) ? r.rangeOf(['clusterName']) : r.kindRange(), 'spire-controller-config', `clusterName is required; ${EXITS}.`);
  if (r.string(['validatingWebhookConfigurationName']) === '')
    r.ctx.error(
      r.rangeOf(['validatingWebhookConfigurationName']),
      'spire-controller-config',
      `validatingWebhookConfigurationName must not be empty; ${EXITS}.`,
    );
  if (r.string(['cacheNamespace']) && r.has(['cacheNamespaces']) && Object.keys((r.value(['cacheNamespaces']) as object | undefined) ?? {}).length > 0)
    r.ctx.error(r.rangeOf(['cacheNamespaces']), 'spire-controller-config', `cacheNamespace and cacheNamespaces cannot both be set; ${EXITS}.`);
  for (const node of r.items(['ignoreNamespaces'])) {
    const pattern = r.value([], node);
    if (typeof pattern !== 'string') continue;
    const problem = goRegexpProblem(pattern);
    if (problem)
      r.ctx.error(
        r.valueRange(node),
        'spire-controller-config',
        `ignoreNamespaces entries are regular expressions, and ${JSON.stringify(pattern)} is not one: ${problem}; ${EXITS}.`,
      );
  }
  const level = r.string(['logLevel']);
  if (level !== undefined && level !== '' && !LOG_LEVELS.includes(level.toLowerCase()))
    r.ctx.error(r.rangeOf(['logLevel']), 'spire-controller-config', `logLevel ${JSON.stringify(level)} is not one of ${LOG_LEVELS.join(', ')}; ${EXITS}.`);
  const encoding = r.string(['logEncoding']);
  if (encoding !== undefined && encoding !== '' && encoding !== 'console' && encoding !== 'json')
    r.ctx.error(
      r.rangeOf(['logEncoding']),
      'spire-controller-config',
      `logEncoding ${JSON.stringify(encoding)} must be console or json (lower case); ${EXITS}.`,
    );
  checkTemplate(r, r.node(['parentIDTemplate']), 'parentIDTemplate', EXITS, 'parent');

  if (r.has(['staticManifestPath'])) {
    if (r.value(['leaderElection', 'leaderElect']) === true)
      r.ctx.error(
        r.rangeOf(['leaderElection', 'leaderElect']),
        'spire-controller-config',
        `Leader election is not possible with staticManifestPath; ${EXITS}.`,
      );
    if (r.value(['reconcile', 'clusterSPIFFEIDs']) === true)
      r.ctx.error(
        r.rangeOf(['reconcile', 'clusterSPIFFEIDs']),
        'spire-controller-config',
        `ClusterSPIFFEIDs cannot be reconciled from static manifests (staticManifestPath is set); ${EXITS}.`,
      );
  }
  const prefix = r.string(['entryIDPrefix']);
  const cleanup = r.string(['entryIDPrefixCleanup']);
  const dotted = (text: string) => (text === '' || text.endsWith('.') ? text : `${text}.`);
  if (prefix && cleanup !== undefined && dotted(prefix) === dotted(cleanup))
    r.ctx.error(
      r.rangeOf(['entryIDPrefixCleanup']),
      'spire-controller-config',
      `entryIDPrefixCleanup is the same prefix as entryIDPrefix (the controller adds the trailing "."); ${EXITS}.`,
    );
  if (r.string(['webhook', 'certDir']))
    r.ctx.information(
      r.rangeOf(['webhook', 'certDir']),
      'spire-controller-config',
      'webhook.certDir is ignored: the controller manages its webhook certificate itself.',
    );
};

export const SPIRE_CONTROLLER_CONFIG_CLOSED_SETS: Record<string, Record<string, readonly string[]>> = {
  'spire.spiffe.io/ControllerManagerConfig': { logLevel: LOG_LEVELS, logEncoding: ['console', 'json'] },
};

export const SPIRE_CONTROLLER_CONFIG_RULES: Record<string, Rule[]> = {
  'spire.spiffe.io/ControllerManagerConfig': [controllerManagerConfig],
};
