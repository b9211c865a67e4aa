import { posix } from 'node:path';
import {
  checkDuration,
  checkFeatureFlags,
  checkKeyType,
  checkLog,
  checkPlugins,
  checkRepeatedBlock,
  checkTrustDomain,
  checkUnknownKeys,
  DAY,
  decodesNonZero,
  hostProblem,
  Run,
  sectionRange,
  targetBefore,
  targetRelease,
  type StructKind,
  spiffeIdProblem,
  trustDomainOf,
} from './checks';
import type { HclEntry } from './hclReader';
import { Section } from './model';
import { checkHealthChecks, checkTelemetry, type SpireOptions } from './serverRules';

// What `spire-agent run` and `spire-agent validate` refuse or warn about in agent.conf, at SPIRE
// v1.15.3. `validate` stops after the config checks; plugins are checked only with scope "run".

export const AGENT_KEYS = [
  'data_dir',
  'admin_socket_path',
  'insecure_bootstrap',
  'rebootstrap_mode',
  'rebootstrap_delay',
  'join_token',
  'join_token_file',
  'log_file',
  'log_format',
  'log_level',
  'log_source_location',
  'log_selectors',
  'sds',
  'server_address',
  'server_port',
  'socket_path',
  'disable_workload_api',
  'disable_sds_api',
  'workload_x509_svid_key_type',
  'trust_bundle_format',
  'trust_bundle_path',
  'trust_bundle_url',
  'trust_bundle_unix_socket',
  'trust_bundle_spiffe_workload_api',
  'trust_domain',
  'allow_unauthenticated_verifiers',
  'allowed_foreign_jwt_claims',
  'availability_target',
  'x509_svid_cache_max_size',
  'jwt_svid_cache_max_size',
  'authorized_delegates',
  'profiling_enabled',
  'profiling_port',
  'profiling_freq',
  'profiling_names',
  'experimental',
];
export const REMOVED_AGENT_KEYS: Record<string, string> = {
  disable_reattest_to_renew: 'v1.10.0',
  retry_bootstrap: 'v1.14.0',
  retry_rebootstrap: 'v1.14.0',
};
/** Agent keys SPIRE added, with the release (checked against cmd/spire-agent/cli/run/run.go tag by tag). */
const ADDED_AGENT_KEYS: Record<string, string> = { rebootstrap_mode: '1.13.0', rebootstrap_delay: '1.13.0' };
/**
 * No release ever decoded retry_rebootstrap (the change said to remove it dropped retry_bootstrap),
 * so every release refuses it: it stays reported whatever the target.
 */
const NEVER_DECODED = ['retry_rebootstrap'];
/** The release that brought experimental.jwt_svid_cache_hit_timeout, with its 5s to 30s bounds. */
const JWT_HIT_TIMEOUT_SINCE = '1.14.3';
/** Where the agent puts the Workload API socket when socket_path is not given (POSIX). */
const DEFAULT_SOCKET = '/tmp/spire-agent/public/api.sock';
export const RATE_LIMITS = ['fetch_x509_svid', 'fetch_jwt_svid', 'fetch_x509_bundles', 'fetch_jwt_bundles', 'stream_secrets', 'fetch_secrets'];

/** The agent's experimentalConfig at v1.15.3, whose decoded value decides SPIRE's experimental warning. */
const AGENT_EXPERIMENTAL: StructKind = {
  fields: {
    sync_interval: 'string',
    jwt_svid_cache_hit_timeout: 'string',
    named_pipe_name: 'string',
    admin_named_pipe_name: 'string',
    use_sync_authorized_entries: 'pointer',
    require_pq_kem: 'bool',
    ratelimit: { fields: Object.fromEntries(RATE_LIMITS.map((key) => [key, 'pointer'])), keepsUnknownKeys: true },
    broker: 'pointer',
    feature_flags: 'slice',
  },
  // The struct has no unusedKeyPositions field: SPIRE drops unknown keys here without a trace.
  keepsUnknownKeys: false,
};

export function checkAgent(root: Section, run: Run, options: SpireOptions = {}): void {
  const platform = options.platform;
  checkUnknownKeys(run, root, ['agent', 'plugins', 'telemetry', 'health_checks']);
  const plugins = root.section('plugins');
  if (!plugins) run.findings.error(sectionRange(root), 'spire-required', 'An agent configuration needs a "plugins" block.');
  checkRepeatedBlock(run, root, 'plugins');
  const agent = root.section('agent');
  if (!agent) {
    run.findings.error(sectionRange(root), 'spire-required', 'An agent configuration needs an "agent" block.');
    return;
  }
  const str = (key: string): string | undefined => run.decode.string(agent.last(key)) || undefined;
  const keyRange = (key: string) => agent.last(key)!.key.range;

  const joinToken = str('join_token');
  if (joinToken && agent.last('join_token_file') && str('join_token_file'))
    run.findings.error(keyRange('join_token_file'), 'spire-join-token', 'Set join_token or join_token_file, not both.');
  const addressEntry = agent.last('server_address');
  const address = run.decode.string(addressEntry);
  const addressProblem = address ? hostProblem(address, 'server_port') : undefined;
  if (!addressEntry || address === '')
    run.required(addressEntry?.key.range ?? sectionRange(agent), 'spire-required', '"server_address" must be set in the agent block.', '-serverAddress');
  else if (address && addressProblem) {
    run.findings.warning(
      addressEntry.value.range,
      'spire-value',
      `"${address}" is not a host name or IP address (${addressProblem}); SPIRE starts anyway (it resolves the address only when it dials) but will not reach the server.`,
    );
  }
  const portEntry = agent.last('server_port');
  const port = run.decode.int(portEntry);
  if (!portEntry || port === 0)
    run.required(portEntry?.key.range ?? sectionRange(agent), 'spire-required', '"server_port" must be set in the agent block.', '-serverPort');
  const trustDomain = checkTrustDomain(run, agent);

  checkTrustBundle(run, agent);

  // Rebootstrapping (v1.13.0) cannot work with an insecure bootstrap. Before it came, the keys are
  // unknown (reported below) and never read.
  const rebootstraps = !targetBefore(options.version, ADDED_AGENT_KEYS.rebootstrap_mode);
  const modeEntry = rebootstraps ? agent.last('rebootstrap_mode') : undefined;
  const mode = run.decode.string(modeEntry) || 'never';
  if (modeEntry && !['never', 'auto', 'always'].includes(mode))
    run.findings.error(modeEntry.value.range, 'spire-value', `"${mode}" is not a rebootstrap mode; use never, auto or always (lowercase).`);
  else if (mode !== 'never' && run.decode.bool(agent.last('insecure_bootstrap')))
    run.findings.error(modeEntry!.value.range, 'spire-trust-bundle', 'Rebootstrapping cannot be combined with insecure_bootstrap.');
  if (rebootstraps) checkDuration(run, agent.last('rebootstrap_delay'));
  checkLog(run, agent);

  const experimental = agent.section('experimental');
  checkDuration(run, experimental?.last('sync_interval'));
  const hitEntry = experimental?.last('jwt_svid_cache_hit_timeout');
  // The key came in 1.14.3; before, the experimental block had no record of unknown keys and dropped it.
  const hitIgnored = hitEntry && targetBefore(options.version, JWT_HIT_TIMEOUT_SINCE);
  if (hitIgnored)
    run.findings.warning(
      hitEntry.key.range,
      'spire-experimental',
      `jwt_svid_cache_hit_timeout came in SPIRE ${JWT_HIT_TIMEOUT_SINCE}; ${targetRelease(options.version!, run.versionOrigin)} drops it without a word.`,
    );
  const hit = hitIgnored ? undefined : checkDuration(run, hitEntry);
  if (hitEntry && hit !== undefined) {
    if (hit < 5000) run.findings.error(hitEntry.value.range, 'spire-experimental', 'jwt_svid_cache_hit_timeout must be at least 5s.');
    else if (hit >= 30_000) run.findings.error(hitEntry.value.range, 'spire-experimental', 'jwt_svid_cache_hit_timeout must be under 30s.');
    else run.findings.warning(hitEntry.key.range, 'spire-experimental', `jwt_svid_cache_hit_timeout is experimental (SPIRE v${JWT_HIT_TIMEOUT_SINCE}+).`);
  }
  const syncEntries = experimental?.last('use_sync_authorized_entries');
  if (syncEntries) {
    run.decode.bool(syncEntries);
    run.findings.warning(
      syncEntries.key.range,
      'spire-deprecated',
      'use_sync_authorized_entries is deprecated; SPIRE always syncs authorized entries and will drop this option.',
    );
  }
  for (const key of ['x509_svid_cache_max_size', 'jwt_svid_cache_max_size']) {
    const entry = agent.last(key);
    const n = run.decode.int(entry);
    if (entry && n !== undefined && n < 0) run.findings.error(entry.value.range, 'spire-value', `${key} must not be negative.`);
  }
  checkSockets(run, agent, experimental, platform);
  checkSds(run, agent);
  checkKeyType(run, agent.last('workload_x509_svid_key_type'), ['rsa-2048', 'ec-p256', 'ec-p384']);

  checkUnknownKeys(run, agent, { known: AGENT_KEYS, removed: REMOVED_AGENT_KEYS, added: ADDED_AGENT_KEYS, neverDecoded: NEVER_DECODED }, options.version);
  for (const delegate of run.decode.strings(agent.last('authorized_delegates')) ?? []) {
    const why = spiffeIdProblem(delegate.value);
    if (why)
      run.findings.error(delegate.range, 'spire-spiffe-id', `"${delegate.value}" is not a SPIFFE ID (${why}), so SPIRE refuses it as an authorized delegate.`);
    else if (trustDomain && trustDomainOf(delegate.value) !== trustDomain)
      run.findings.error(delegate.range, 'spire-spiffe-id', `Authorized delegates must belong to the agent's trust domain "${trustDomain}".`);
  }
  if (experimental) checkBroker(run, experimental);
  const availability = agent.last('availability_target');
  const target = checkDuration(run, availability);
  if (availability && target !== undefined && target < DAY)
    run.findings.error(availability.value.range, 'spire-value', 'availability_target must be at least 24h.');
  const ratelimit = experimental?.section('ratelimit');
  checkUnknownKeys(run, ratelimit, RATE_LIMITS);
  for (const key of RATE_LIMITS) {
    const entry = ratelimit?.last(key);
    const n = run.decode.int(entry);
    if (entry && n !== undefined && n < 0) run.findings.error(entry.value.range, 'spire-value', `experimental.ratelimit.${key} must not be negative.`);
  }
  for (const key of ['insecure_bootstrap', 'disable_workload_api', 'disable_sds_api', 'allow_unauthenticated_verifiers', 'profiling_enabled'])
    run.decode.bool(agent.last(key));
  if (experimental) {
    checkFeatureFlags(run, experimental);
    if (decodesNonZero(experimental, AGENT_EXPERIMENTAL))
      run.findings.warning(
        agent.last('experimental')!.key.range,
        'spire-experimental',
        'Experimental features are on; SPIRE warns that they may change between releases (see its doc/upgrading.md).',
      );
  }
  checkTelemetry(run, root);
  checkHealthChecks(run, root);
  if (plugins && options.scope !== 'config')
    // A join token does not stand in for the NodeAttestor: the catalog still needs exactly one
    // enabled (normally NodeAttestor "join_token") before the agent reads the token.
    checkPlugins(run, plugins, 'agent', { at: root.last('plugins')?.key.range, version: options.version });
}

/** Where the agent gets its first trust bundle from, in the order SPIRE checks it. */
function checkTrustBundle(run: Run, agent: Section): void {
  // A source counts as set unless it is absent or empty; its text is undefined when only the
  // run knows it (an environment variable) or when it could not be decoded (already reported).
  const get = (key: string): { entry: HclEntry; text: string | undefined } | undefined => {
    const entry = agent.last(key);
    if (!entry) return undefined;
    const text = run.decode.string(entry);
    return text === '' ? undefined : { entry, text };
  };
  const path = get('trust_bundle_path');
  const url = get('trust_bundle_url');
  const socket = get('trust_bundle_unix_socket');
  const workloadApi = get('trust_bundle_spiffe_workload_api');
  const insecureEntry = agent.last('insecure_bootstrap');
  const insecure = run.decode.bool(insecureEntry) === true;
  // `insecure_bootstrap = $NAME` may well become true: then the agent needs no bundle source.
  const insecureAtRunTime = insecureEntry?.value.kind === 'string' && insecureEntry.value.env === true;
  const clash = (at: HclEntry, message: string) => run.findings.error(at.key.range, 'spire-trust-bundle', message);
  if (workloadApi) {
    if (insecure) clash(workloadApi.entry, 'Use insecure_bootstrap or trust_bundle_spiffe_workload_api, not both.');
    if (url) clash(workloadApi.entry, 'Use trust_bundle_url or trust_bundle_spiffe_workload_api, not both.');
    if (path) clash(workloadApi.entry, 'Use trust_bundle_path or trust_bundle_spiffe_workload_api, not both.');
    if (socket) clash(workloadApi.entry, 'trust_bundle_unix_socket does not work with trust_bundle_spiffe_workload_api.');
    const why = workloadApi.text === undefined ? undefined : workloadAddressProblem(workloadApi.text);
    if (why)
      run.findings.error(
        workloadApi.entry.value.range,
        'spire-trust-bundle',
        `trust_bundle_spiffe_workload_api must be a Workload API address (unix:///path or tcp://IP:port): ${why}.`,
      );
  }
  if (insecure) {
    if (url) clash(url.entry, 'Use insecure_bootstrap or trust_bundle_url, not both.');
    if (path) clash(path.entry, 'Use insecure_bootstrap or trust_bundle_path, not both.');
  } else if (!path && !url && !workloadApi && !insecureAtRunTime) {
    run.required(
      sectionRange(agent),
      'spire-trust-bundle',
      'The agent needs trust_bundle_path, trust_bundle_url or trust_bundle_spiffe_workload_api to trust the server (or insecure_bootstrap = true, for tests only).',
      '-trustBundle, -trustBundleUrl or -insecureBootstrap',
    );
  }
  if (url && path && !insecure) clash(path.entry, 'Use trust_bundle_url or trust_bundle_path, not both.');
  const formatEntry = agent.last('trust_bundle_format');
  const format = run.decode.string(formatEntry);
  if (formatEntry && format && !['pem', 'spiffe'].includes(format))
    run.findings.error(formatEntry.value.range, 'spire-trust-bundle', 'trust_bundle_format must be "pem" or "spiffe" (lowercase).');
  if (socket && !url) clash(socket.entry, 'trust_bundle_unix_socket needs trust_bundle_url as well.');
  if (url && url.text !== undefined) {
    // Go's url.Parse takes nearly any text (as a path when it has no scheme), so only the scheme decides.
    let parsed: URL | undefined;
    try {
      parsed = new URL(url.text);
    } catch {
      parsed = undefined;
    }
    const scheme = parsed?.protocol ?? '';
    if (socket) {
      if (scheme !== 'http:') run.findings.error(url.entry.value.range, 'spire-trust-bundle', 'With trust_bundle_unix_socket the URL must start with http://.');
      for (const key of parsed?.searchParams.keys() ?? []) {
        if (/^(spiffe|spire)-/.test(key))
          run.findings.error(
            url.entry.value.range,
            'spire-trust-bundle',
            `trust_bundle_url query parameters must not start with spiffe- or spire- ("${key}").`,
          );
      }
    } else if (scheme !== 'https:') run.findings.error(url.entry.value.range, 'spire-trust-bundle', 'trust_bundle_url must start with https://.');
  }
  if (insecure)
    run.findings.warning(
      agent.last('insecure_bootstrap')!.key.range,
      'spire-trust-bundle',
      'insecure_bootstrap skips verifying the server on first contact; keep it to tests.',
    );
}

/** go-spiffe's check of a Workload API address. */
function workloadAddressProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'it is not a URI';
  }
  if (url.protocol === 'unix:') return url.pathname && url.pathname !== '/' ? undefined : 'the unix URI has no path';
  if (url.protocol === 'tcp:') return /^\d+(\.\d+){3}$/.test(url.hostname) && url.port ? undefined : 'a tcp URI needs an IP:port';
  return 'the scheme must be unix or tcp';
}

function checkSockets(run: Run, agent: Section, experimental: Section | undefined, platform: 'posix' | 'windows' | undefined): void {
  const socket = run.decode.string(agent.last('socket_path'));
  const admin = run.decode.string(agent.last('admin_socket_path'));
  if (platform === 'windows') {
    if (socket)
      run.findings.error(agent.last('socket_path')!.key.range, 'spire-platform', 'socket_path is not supported on Windows; use experimental.named_pipe_name.');
    if (admin)
      run.findings.error(
        agent.last('admin_socket_path')!.key.range,
        'spire-platform',
        'admin_socket_path is not supported on Windows; use experimental.admin_named_pipe_name.',
      );
    return;
  }
  for (const key of ['named_pipe_name', 'admin_named_pipe_name']) {
    const entry = experimental?.last(key);
    if (platform === 'posix' && entry && run.decode.string(entry))
      run.findings.error(
        entry.key.range,
        'spire-platform',
        `experimental.${key} is Windows only; use ${key === 'named_pipe_name' ? 'socket_path' : 'admin_socket_path'} here.`,
      );
  }
  // Both APIs off (v1.15.3): the agent binds no public socket, so nothing can clash with it.
  const publicOff = run.decode.bool(agent.last('disable_workload_api')) === true && run.decode.bool(agent.last('disable_sds_api')) === true;
  // An empty socket_path takes the default (mergo fills zero fields); undefined when only the run
  // knows it (an environment variable) or when it could not be decoded.
  const workload = !agent.has('socket_path') || socket === '' ? DEFAULT_SOCKET : socket;
  if (publicOff || workload === undefined) return;
  const others: Array<[HclEntry | undefined, string]> = [
    [agent.last('admin_socket_path'), 'admin socket'],
    // The broker's socket joined this rule with the broker itself (v1.15.2).
    [experimental?.section('broker')?.last('socket_path'), 'broker socket'],
  ];
  for (const [entry, what] of others) {
    const path = run.decode.string(entry);
    if (!entry || !path) continue;
    const verdict = inSocketDir(workload, path);
    const relativeDir = posix.dirname(posix.normalize(workload));
    const dir = workload.startsWith('/')
      ? posix.dirname(posix.resolve(workload))
      : relativeDir === '.'
        ? "SPIRE's working directory"
        : `${relativeDir} from SPIRE's working directory`;
    if (verdict === 'always')
      run.findings.error(entry.value.range, 'spire-socket', `The ${what} must not be in the Workload API socket's directory (${dir}) or below it.`);
    else if (verdict === 'sometimes')
      run.findings.warning(
        entry.value.range,
        'spire-socket',
        `SPIRE resolves relative socket paths against its working directory; unless that is / (or, with "..", just below it), the ${what} lands in the Workload API socket's directory (${dir}) or below it, which SPIRE refuses.`,
      );
  }
}

/** Where Go's filepath.Abs puts a path when the working directory is `depth` levels below /. */
function absAt(path: string, depth: number): string {
  const cwd = `/${Array.from({ length: depth }, (_, i) => `w${i}`).join('/')}`;
  return posix.resolve(cwd, path);
}

/**
 * SPIRE's test that another socket lies in the Workload API socket's directory or below
 * (strings.HasPrefix of the absolute path on filepath.Dir of the socket's, plus "/"): 'always',
 * 'sometimes' when it depends on how deep the working directory is (nothing is ever under "//", so
 * a socket that resolves to the root directory clashes with nothing), 'never', or undefined when
 * one path is relative and the other not, which only the working directory itself decides.
 */
function inSocketDir(socket: string, other: string): 'always' | 'sometimes' | 'never' | undefined {
  const relative = [socket, other].filter((p) => !p.startsWith('/')).length;
  if (relative === 1) return undefined;
  // Past the deepest climb by "..", a deeper working directory changes nothing.
  const climb = Math.max(
    ...[socket, other].map(
      (p) =>
        posix
          .normalize(p)
          .split('/')
          .filter((s) => s === '..').length,
    ),
  );
  const depths = relative ? Array.from({ length: climb + 3 }, (_, i) => i) : [0];
  const hits = depths.map((d) => absAt(other, d).startsWith(`${posix.dirname(absAt(socket, d))}/`));
  return hits.every(Boolean) ? 'always' : hits.some(Boolean) ? 'sometimes' : 'never';
}

function checkSds(run: Run, agent: Section): void {
  const sds = agent.section('sds');
  if (!sds) return;
  const bundle = run.decode.string(sds.last('default_bundle_name')) || 'ROOTCA';
  const allEntry = sds.last('default_all_bundles_name');
  const all = run.decode.string(allEntry) || 'ALL';
  if (bundle === all)
    run.findings.warning(
      (allEntry ?? sds.last('default_bundle_name'))!.key.range,
      'spire-sds',
      'default_bundle_name and default_all_bundles_name are the same, so SPIRE ignores default_all_bundles_name; a future release will refuse this.',
    );
  run.decode.bool(sds.last('disable_spiffe_cert_validation'));
}

function checkBroker(run: Run, experimental: Section): void {
  const broker = experimental.section('broker', 'experimental.broker');
  if (!broker) return;
  checkUnknownKeys(run, broker, ['socket_path', 'bind_address', 'brokers']);
  const socket = run.decode.string(broker.last('socket_path'));
  const bind = run.decode.string(broker.last('bind_address'));
  if (!socket && !bind)
    run.findings.error(experimental.last('broker')!.key.range, 'spire-experimental', 'experimental.broker needs socket_path, bind_address or both.');
  if (bind && !/^(\[[^\]]*\]|[^:]*):\d+$/.test(bind))
    run.findings.error(broker.last('bind_address')!.value.range, 'spire-experimental', `"${bind}" is not a host:port SPIRE can bind the broker to.`);
  const ids = new Set<string>();
  const brokers = broker.all('brokers').flatMap((e) => (e.value.kind === 'list' ? e.value.items : [e.value]));
  brokers.forEach((value, i) => {
    const item = Section.of(`experimental.broker.brokers[${i}]`, [value]);
    checkUnknownKeys(run, item, ['id', 'allowed_reference_types']);
    const idEntry = item.last('id');
    const id = run.decode.string(idEntry);
    if (!id) run.findings.error(idEntry?.key.range ?? value.range, 'spire-experimental', `Broker ${i} needs an id.`);
    else if (ids.has(id)) run.findings.error(idEntry!.value.range, 'spire-experimental', `Broker id "${id}" is used twice.`);
    else if (spiffeIdProblem(id)) run.findings.error(idEntry!.value.range, 'spire-spiffe-id', `Broker id "${id}" is not a SPIFFE ID: ${spiffeIdProblem(id)}.`);
    if (id) ids.add(id);
    const types = item.all('allowed_reference_types').flatMap((e) => (e.value.kind === 'list' ? e.value.items : [e.value]));
    if (!types.length)
      run.findings.error(idEntry?.key.range ?? value.range, 'spire-experimental', `Broker "${id ?? i}" must allow at least one reference type.`);
    const urls = types.map((t, j) => {
      const typeItem = Section.of(`experimental.broker.brokers[${i}].allowed_reference_types[${j}]`, [t]);
      checkUnknownKeys(run, typeItem, ['type_url', 'allow_over_tcp']);
      const url = run.decode.string(typeItem.last('type_url'));
      if (!url) run.findings.error(t.range, 'spire-experimental', 'Each allowed reference type needs a type_url.');
      return url;
    });
    if (urls.includes('*') && urls.length > 1)
      run.findings.error(value.range, 'spire-experimental', 'The wildcard "*" must be the only allowed reference type.');
  });
}
