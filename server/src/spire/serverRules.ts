import {
  checkDuration,
  checkFeatureFlags,
  checkKeyType,
  checkLog,
  checkPlugins,
  checkPort,
  checkRepeatedBlock,
  checkTrustDomain,
  checkUnknownKeys,
  DAY,
  decodesNonZero,
  HOUR,
  hostProblem,
  isEmpty,
  Run,
  sectionRange,
  targetBefore,
  type StructKind,
  spiffeIdProblem,
  trustDomainProblem,
} from './checks';
import type { HclEntry } from './hclReader';
import { Section } from './model';

// What `spire-server run` and `spire-server validate` refuse or warn about in server.conf, at
// SPIRE v1.15.3: the config checks of NewServerConfig, then (scope "run") the plugin catalog's.

export const SERVER_KEYS = [
  'admin_ids',
  'agent_ttl',
  'audit_log_enabled',
  'bind_address',
  'bind_port',
  'ca_key_type',
  'ca_subject',
  'ca_ttl',
  'data_dir',
  'default_x509_svid_ttl',
  'default_jwt_svid_ttl',
  'disable_jwt_svids',
  'experimental',
  'federation',
  'jwt_issuer',
  'jwt_key_type',
  'log_file',
  'log_level',
  'log_format',
  'log_source_location',
  'prune_attested_nodes_expired_for',
  'prune_attested_nodes_batch_size',
  'prune_tofu_nodes',
  'proxy_protocol_trusted_cidrs',
  'ratelimit',
  'socket_path',
  'trust_domain',
  'max_attested_node_info_staleness',
  'profiling_enabled',
  'profiling_port',
  'profiling_freq',
  'profiling_names',
];
export const REMOVED_SERVER_KEYS: Record<string, string> = {
  default_svid_ttl: 'v1.6.0',
  exclude_sn_from_ca_subject: 'v1.10.0',
  use_legacy_downstream_x509_ca_ttl: 'v1.13.0',
};
/** Server keys SPIRE added, with the release (checked against cmd/spire-server/cli/run/run.go tag by tag). */
const ADDED_SERVER_KEYS: Record<string, string> = { proxy_protocol_trusted_cidrs: '1.15.0' };
const SERVER_KEY_TYPES = ['rsa-2048', 'rsa-4096', 'ec-p256', 'ec-p384'];

/** The server's experimentalConfig at v1.15.3, whose decoded value decides SPIRE's experimental warning. */
const SERVER_EXPERIMENTAL: StructKind = {
  fields: {
    agent_spiffe_id_as_selector: 'bool',
    auth_opa_policy_engine: 'pointer',
    cache_reload_interval: 'string',
    full_cache_reload_interval: 'string',
    events_based_cache: 'bool',
    prune_events_older_than: 'string',
    event_timeout: 'string',
    sql_transaction_timeout: 'string',
    require_pq_kem: 'bool',
    wit_key_type: 'string',
    wit_issuer: 'string',
    feature_flags: 'slice',
    named_pipe_name: 'string',
  },
  // SPIRE does not refuse unknown keys here, but records them, and then warns.
  keepsUnknownKeys: true,
};

export interface SpireOptions {
  /** "config": what NewServerConfig/NewAgentConfig check; "run" adds the plugin catalog's checks. */
  scope?: 'config' | 'run';
  /** The platform SPIRE runs on: socket paths versus named pipes. Unknown (the default): neither is flagged. */
  platform?: 'posix' | 'windows';
  /**
   * The SPIRE release the file is judged at ("1.11"): built-in plugins and keys SPIRE added or
   * removed follow it. Undefined: the release the rules were written at (v1.15.3).
   */
  version?: string;
  /** Where `version` was read when the user named none (see common/src/spireRelease.ts): messages naming it say so. */
  versionOrigin?: string;
}

export function checkServer(root: Section, run: Run, options: SpireOptions = {}): void {
  const platform = options.platform;
  checkUnknownKeys(run, root, ['server', 'plugins', 'telemetry', 'health_checks']);
  const server = root.section('server');
  if (!server) {
    run.findings.error(sectionRange(root), 'spire-required', 'A server configuration needs a "server" block.');
    return;
  }
  const plugins = root.section('plugins');
  if (!plugins) run.findings.error(sectionRange(root), 'spire-required', 'A server configuration needs a "plugins" block, even an empty one.');
  checkRepeatedBlock(run, root, 'plugins');

  const dataDir = server.last('data_dir');
  if (!dataDir || run.decode.string(dataDir) === '')
    run.required(dataDir?.key.range ?? sectionRange(server), 'spire-required', '"data_dir" must be set in the server block.', '-dataDir');
  checkTrustDomain(run, server);
  checkLog(run, server);

  // bind_address and bind_port: a zero value in the file gives way to the defaults (0.0.0.0:8081).
  const address = server.last('bind_address');
  const addressText = run.decode.string(address);
  const problem = addressText ? hostProblem(addressText, 'bind_port') : undefined;
  if (address && problem) run.findings.error(address.value.range, 'spire-bind-address', `SPIRE cannot bind to "${addressText}": ${problem}.`);
  checkPort(run, server.last('bind_port'), 'listen on it');

  const socketPath = server.last('socket_path');
  if (platform === 'windows' && run.decode.string(socketPath))
    run.findings.error(socketPath!.key.range, 'spire-platform', 'socket_path is not supported on Windows; use experimental.named_pipe_name.');

  // Before the key came, it is an unknown key (reported below) and its values are never read.
  const cidrs = targetBefore(options.version, ADDED_SERVER_KEYS.proxy_protocol_trusted_cidrs)
    ? []
    : run.decode.strings(server.last('proxy_protocol_trusted_cidrs'));
  for (const cidr of cidrs ?? []) {
    if (!isCidr(cidr.value))
      run.findings.error(
        cidr.range,
        'spire-cidr',
        `"${cidr.value}" is not a CIDR such as 10.0.0.0/8; SPIRE v1.15.0+ refuses it in proxy_protocol_trusted_cidrs.`,
      );
  }

  checkFederation(run, server);
  // A pointer field SPIRE parses whenever it is given, empty or not.
  checkDuration(run, server.last('max_attested_node_info_staleness'), { emptyIsUnset: false });
  for (const id of run.decode.strings(server.last('admin_ids')) ?? []) {
    const why = spiffeIdProblem(id.value);
    if (why) run.findings.error(id.range, 'spire-spiffe-id', `"${id.value}" is not a SPIFFE ID (${why}), so SPIRE refuses it as an admin ID.`);
  }
  checkTtls(run, server);
  checkKeyType(run, server.last('ca_key_type'), SERVER_KEY_TYPES);
  checkKeyType(run, server.last('jwt_key_type'), SERVER_KEY_TYPES);

  const subject = server.section('ca_subject');
  if (subject) {
    checkUnknownKeys(run, subject, ['country', 'organization', 'common_name']);
    run.decode.strings(subject.last('country'));
    run.decode.strings(subject.last('organization'));
    run.decode.string(subject.last('common_name'));
    if (isEmpty(subject))
      run.findings.warning(server.last('ca_subject')!.key.range, 'spire-value', 'ca_subject is empty, so SPIRE uses its default subject (C=US, O=SPIFFE).');
  }
  const ratelimit = server.section('ratelimit');
  checkUnknownKeys(run, ratelimit, ['attestation', 'signing']);
  run.decode.bool(ratelimit?.last('attestation'));
  run.decode.bool(ratelimit?.last('signing'));

  checkDuration(run, server.last('prune_attested_nodes_expired_for'));
  run.decode.int(server.last('prune_attested_nodes_batch_size'));
  for (const key of ['audit_log_enabled', 'disable_jwt_svids', 'prune_tofu_nodes', 'profiling_enabled']) run.decode.bool(server.last(key));
  for (const key of ['jwt_issuer']) run.decode.string(server.last(key));
  run.decode.int(server.last('profiling_port'));
  run.decode.int(server.last('profiling_freq'));

  checkUnknownKeys(run, server, { known: SERVER_KEYS, removed: REMOVED_SERVER_KEYS, added: ADDED_SERVER_KEYS }, options.version);
  checkServerExperimental(run, server, platform);
  checkTelemetry(run, root);
  checkHealthChecks(run, root);

  if (plugins && options.scope !== 'config') checkPlugins(run, plugins, 'server', { at: root.last('plugins')?.key.range, version: options.version });
}

function isCidr(text: string): boolean {
  const m = /^(.+)\/(\d{1,3})$/.exec(text);
  if (!m) return false;
  const ip = m[1];
  const bits = Number(m[2]);
  if (/^\d+(\.\d+){3}$/.test(ip)) return bits <= 32 && ip.split('.').every((p) => Number(p) < 256 && !/^0\d/.test(p));
  return ip.includes(':') && !hostProblem(ip) && bits <= 128;
}

/** The CA, SVID and agent TTLs, and SPIRE's warning when an SVID could outlive the CA's rotation. */
function checkTtls(run: Run, server: Section): void {
  const agentTtl = checkDuration(run, server.last('agent_ttl'));
  const x509 = checkDuration(run, server.last('default_x509_svid_ttl'));
  const jwt = checkDuration(run, server.last('default_jwt_svid_ttl'));
  const caEntry = server.last('ca_ttl');
  const ca = checkDuration(run, caEntry) || DAY;
  const maxSvid = Math.min(ca / 6, 7 * DAY);
  const warn = (entry: HclEntry | undefined, name: string, ttl: number): void => {
    if (ttl <= maxSvid) return;
    const range = entry?.value.range ?? caEntry?.value.range;
    if (!range) return;
    const message =
      ttl < 7 * DAY
        ? `${name} (${goDuration(ttl)}) is longer than a sixth of ca_ttl (${goDuration(ca)}), so SPIRE may issue shorter SVIDs around CA rotations; lower ${name} to ${goDuration(maxSvid)} or raise ca_ttl to ${goDuration(ttl * 6)}.`
        : ca < 42 * DAY
          ? `${name} (${goDuration(ttl)}) is over SPIRE's 7-day SVID cap and ca_ttl is under 42 days; lower ${name} to 168h and raise ca_ttl to 1008h to keep the full lifetime across CA rotations.`
          : `${name} (${goDuration(ttl)}) is over SPIRE's 7-day SVID cap; SVIDs may come out shorter. Lower it to 168h.`;
    run.findings.warning(range, 'spire-ttl', message);
  };
  warn(server.last('default_x509_svid_ttl'), 'default_x509_svid_ttl', x509 || HOUR);
  warn(server.last('default_jwt_svid_ttl'), 'default_jwt_svid_ttl', jwt || 5 * 60_000);
  // agent_ttl joined this warning in SPIRE v1.13.0.
  if (agentTtl) warn(server.last('agent_ttl'), 'agent_ttl', agentTtl);
}

/** Go's time.Duration.String shape, trimmed to whole seconds as SPIRE prints TTLs. */
export function goDuration(ms: number): string {
  let seconds = Math.floor(ms / 1000);
  const h = Math.floor(seconds / 3600);
  seconds -= h * 3600;
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  if (h) return `${h}h${m || s ? `${m}m` : ''}${s ? `${s}s` : ''}`;
  if (m) return `${m}m${s ? `${s}s` : ''}`;
  return `${s}s`;
}

function checkFederation(run: Run, server: Section): void {
  const federation = server.section('federation');
  if (!federation) return;
  const endpoint = federation.section('bundle_endpoint', 'bundle endpoint');
  if (endpoint) {
    checkUnknownKeys(run, endpoint, ['address', 'port', 'refresh_hint', 'acme', 'profile']);
    run.decode.string(endpoint.last('address'));
    checkPort(run, endpoint.last('port'), 'serve the bundle endpoint on it');
    const hintEntry = endpoint.last('refresh_hint');
    const hint = checkDuration(run, hintEntry);
    if (hintEntry && hint !== undefined) {
      if (hint >= DAY)
        run.findings.warning(
          hintEntry.value.range,
          'spire-bundle-endpoint',
          'A refresh hint of a day or more leaves federated peers with a stale bundle after an unplanned change; SPIRE suggests something like 5m.',
        );
      else if (hint < 60_000)
        run.findings.warning(
          hintEntry.value.range,
          'spire-bundle-endpoint',
          'SPIRE never refreshes more often than once a minute, whatever a lower refresh hint says.',
        );
    }
    const acme = endpoint.section('acme', 'bundle endpoint ACME');
    const profileEntry = endpoint.last('profile');
    const endpointKey = federation.last('bundle_endpoint')!.key.range;
    if (acme && profileEntry)
      run.findings.error(endpoint.last('acme')!.key.range, 'spire-bundle-endpoint', 'The bundle endpoint takes "acme" or "profile", not both.');
    else if (acme) {
      run.findings.warning(
        endpoint.last('acme')!.key.range,
        'spire-deprecated',
        'acme directly under bundle_endpoint is deprecated; move it into profile "https_web" { acme { ... } }.',
      );
      checkUnknownKeys(run, acme, ['directory_url', 'domain_name', 'email', 'tos_accepted']);
      for (const key of ['domain_name', 'email']) {
        const entry = acme.last(key);
        if (!entry || run.decode.string(entry) === '')
          run.findings.error(entry?.key.range ?? endpoint.last('acme')!.key.range, 'spire-required', `bundle_endpoint.acme needs "${key}".`);
      }
    } else if (!profileEntry) {
      run.findings.warning(
        endpointKey,
        'spire-bundle-endpoint',
        'The bundle endpoint has no profile, so SPIRE assumes https_spiffe and warns that a future release will require one; set profile "https_spiffe" {} or "https_web".',
      );
    }
    if (profileEntry && !acme) checkEndpointProfile(run, endpoint);
  }
  for (const peer of federation.all('federates_with')) {
    if (peer.value.kind !== 'object') continue;
    for (const td of Section.of('federates_with', [peer.value]).entries()) {
      const tdProblem = trustDomainProblem(td.key.text);
      if (tdProblem) run.findings.error(td.key.range, 'spire-trust-domain', `"${td.key.text}" is not a trust domain SPIRE accepts: ${tdProblem}.`);
      const body = Section.of(`federates_with "${td.key.text}"`, [td.value]);
      const urlEntry = body.last('bundle_endpoint_url');
      const url = run.decode.string(urlEntry);
      if (!urlEntry || url === '')
        run.findings.error(urlEntry?.key.range ?? td.key.range, 'spire-federation', `federates_with "${td.key.text}" needs bundle_endpoint_url.`);
      else if (url !== undefined && !url.toLowerCase().startsWith('https://'))
        run.findings.error(urlEntry.value.range, 'spire-federation', `bundle_endpoint_url must be an https:// URL; SPIRE refuses "${url}".`);
      const profile = body.section('bundle_endpoint_profile');
      if (!profile) {
        run.findings.error(
          td.key.range,
          'spire-federation',
          `federates_with "${td.key.text}" needs a bundle_endpoint_profile block ("https_spiffe" or "https_web").`,
        );
        continue;
      }
      const kinds = profile.entries();
      if (kinds.length !== 1) {
        run.findings.error(body.last('bundle_endpoint_profile')!.key.range, 'spire-federation', 'bundle_endpoint_profile must hold exactly one profile.');
        continue;
      }
      const kind = kinds[0];
      if (kind.key.text === 'https_spiffe') {
        const idEntry = Section.of('https_spiffe', [kind.value]).last('endpoint_spiffe_id');
        const id = idEntry ? run.decode.string(idEntry) : '';
        const why = id === undefined ? undefined : spiffeIdProblem(id);
        if (why)
          run.findings.error(
            idEntry?.value.range ?? kind.key.range,
            'spire-spiffe-id',
            `The https_spiffe profile needs endpoint_spiffe_id to be a SPIFFE ID: ${why}.`,
          );
      } else if (kind.key.text !== 'https_web') {
        run.findings.error(kind.key.range, 'spire-federation', `"${kind.key.text}" is not a bundle endpoint profile; use "https_spiffe" or "https_web".`);
      }
    }
  }
}

function checkEndpointProfile(run: Run, endpoint: Section): void {
  const profile = endpoint.section('profile')!;
  const kinds = profile.entries();
  const at = endpoint.last('profile')!.key.range;
  if (kinds.length !== 1) {
    run.findings.error(at, 'spire-bundle-endpoint', 'The bundle endpoint profile must hold exactly one profile.');
    return;
  }
  const kind = kinds[0];
  if (kind.key.text === 'https_spiffe') return;
  if (kind.key.text !== 'https_web') {
    run.findings.error(kind.key.range, 'spire-bundle-endpoint', `"${kind.key.text}" is not a bundle endpoint profile; use "https_spiffe" or "https_web".`);
    return;
  }
  const web = Section.of('https_web', [kind.value]);
  const serving = web.section('serving_cert_file');
  if (!web.has('acme') && !serving) {
    run.findings.error(kind.key.range, 'spire-bundle-endpoint', 'The https_web profile needs an "acme" or a "serving_cert_file" block.');
  }
  if (serving) {
    const interval = serving.last('file_sync_interval');
    // SPIRE parses file_sync_interval even when it is absent, and the empty string is no duration.
    if (!interval)
      run.findings.error(
        web.last('serving_cert_file')!.key.range,
        'spire-bundle-endpoint',
        'serving_cert_file needs file_sync_interval (e.g. "1h"); SPIRE fails on an empty one.',
      );
    else checkDuration(run, interval, { emptyIsUnset: false });
  }
}

function checkServerExperimental(run: Run, server: Section, platform: 'posix' | 'windows' | undefined): void {
  const experimental = server.section('experimental');
  if (!experimental) return;
  const pipe = experimental.last('named_pipe_name');
  if (platform === 'posix' && run.decode.string(pipe))
    run.findings.error(pipe!.key.range, 'spire-platform', 'named_pipe_name is Windows only; use socket_path here.');
  for (const key of ['cache_reload_interval', 'full_cache_reload_interval', 'prune_events_older_than', 'event_timeout'])
    checkDuration(run, experimental.last(key));
  // SPIRE reads both timeouts only when they are not empty: an empty one is neither deprecated nor a clash.
  const sqlTimeout = experimental.last('sql_transaction_timeout');
  if (sqlTimeout && run.decode.string(sqlTimeout) !== '') {
    run.findings.warning(sqlTimeout.key.range, 'spire-deprecated', 'experimental.sql_transaction_timeout is deprecated; use experimental.event_timeout.');
    checkDuration(run, sqlTimeout);
    const eventTimeout = experimental.last('event_timeout');
    if (eventTimeout && run.decode.string(eventTimeout) !== '')
      run.findings.error(
        sqlTimeout.key.range,
        'spire-experimental',
        'Set only experimental.event_timeout; SPIRE refuses it together with sql_transaction_timeout.',
      );
  }
  checkKeyType(run, experimental.last('wit_key_type'), SERVER_KEY_TYPES);
  for (const key of ['agent_spiffe_id_as_selector', 'events_based_cache', 'require_pq_kem']) run.decode.bool(experimental.last(key));
  checkFeatureFlags(run, experimental);
  if (decodesNonZero(experimental, SERVER_EXPERIMENTAL)) {
    run.findings.warning(
      server.last('experimental')!.key.range,
      'spire-experimental',
      'Experimental features are on; SPIRE warns that they may change between releases (see its doc/upgrading.md).',
    );
  }
}

/** Telemetry sinks and health checks: the blocks SPIRE checks for unknown keys. */
export function checkTelemetry(run: Run, root: Section): void {
  const telemetry = root.section('telemetry');
  if (!telemetry) return;
  const prometheus = telemetry.section('Prometheus');
  checkUnknownKeys(run, prometheus, ['host', 'port', 'tls']);
  checkPort(run, prometheus?.last('port'), 'serve metrics on it');
  for (const [name, keys] of [
    ['DogStatsd', ['address']],
    ['Statsd', ['address']],
    ['M3', ['address', 'env']],
    ['InMem', []],
  ] as const) {
    for (const entry of telemetry.all(name)) {
      const items = entry.value.kind === 'list' ? entry.value.items : [entry.value];
      // A sink may carry a label (`Statsd "sink-one" { }`), which SPIRE's decoder drops.
      const bodies = items.map((item) => (item.kind === 'object' && item.labelled ? item.items[0].value : item));
      for (const body of bodies) checkUnknownKeys(run, Section.of(name, [body]), [...keys]);
    }
  }
  for (const key of ['EnableTrustDomainLabel', 'EnableHostnameLabel']) run.decode.bool(telemetry.last(key));
}

export function checkHealthChecks(run: Run, root: Section): void {
  const health = root.section('health_checks', 'health check');
  if (!health) return;
  checkUnknownKeys(run, health, ['listener_enabled', 'bind_address', 'bind_port', 'ready_path', 'live_path']);
  run.decode.bool(health.last('listener_enabled'));
}
