import { FEATURE_FLAGS, PLUGIN_TYPES, REMOVED_PLUGINS, type Side } from './catalog';

// What every key of server.conf and agent.conf means, as one tree that hover, completion and the
// outline walk. Facts are SPIRE v1.15.3's (run.go of each side, pkg/common/catalog, telemetry and
// health packages); the sentences are ours. Key names match whatever their case, as HCL v1 does.

export interface KeyDoc {
  /** The shape of the value, which picks the completion's snippet. */
  kind: 'string' | 'int' | 'bool' | 'list' | 'block' | 'block list';
  /** The value's type in words, when the kind alone says too little ("duration", "SPIFFE IDs"). */
  type?: string;
  doc: string;
  default?: string;
  /** What the key means for the security of the deployment. */
  security?: string;
  /** The releases where the key came or changed. */
  history?: string;
  /** The values SPIRE accepts, for enum-like keys (and the items of enum-like lists). */
  values?: readonly string[];
  /** Whether SPIRE compares the values ignoring case. */
  anyCase?: boolean;
  required?: boolean;
  deprecated?: string;
  /** The release that dropped the key: it is now refused as unknown. */
  removed?: string;
  /** Only one side knows the key (a shared block such as telemetry knows it on both). */
  side?: Side;
  /** The keys of a block. */
  keys?: Record<string, KeyDoc>;
  /** The keys are alternatives written as the block's label, as in `profile "https_web" { }`. */
  choices?: boolean;
  /** A block written `name "label" { }`, whose label is free: what the label is, and the keys inside. */
  label?: { what: string; keys: Record<string, KeyDoc> };
}

export const DURATION = 'duration';
const SPIFFE_IDS = 'list of SPIFFE IDs';

function text(doc: string, more: Partial<KeyDoc> = {}): KeyDoc {
  return { kind: 'string', doc, ...more };
}
function duration(doc: string, more: Partial<KeyDoc> = {}): KeyDoc {
  return { kind: 'string', type: DURATION, doc, ...more };
}
function flag(doc: string, more: Partial<KeyDoc> = {}): KeyDoc {
  return { kind: 'bool', default: 'false', ...more, doc };
}
function count(doc: string, more: Partial<KeyDoc> = {}): KeyDoc {
  return { kind: 'int', doc, ...more };
}
function list(doc: string, more: Partial<KeyDoc> = {}): KeyDoc {
  return { kind: 'list', type: 'list of strings', doc, ...more };
}
function block(doc: string, keys: Record<string, KeyDoc>, more: Partial<KeyDoc> = {}): KeyDoc {
  return { kind: 'block', doc, keys, ...more };
}

const KEY_TYPES = ['rsa-2048', 'rsa-4096', 'ec-p256', 'ec-p384'];

const LOG_KEYS: Record<string, KeyDoc> = {
  log_level: text('How much the process logs.', {
    default: '"INFO"',
    values: ['debug', 'info', 'warn', 'warning', 'error', 'fatal', 'panic', 'trace'],
    anyCase: true,
    security: 'DEBUG and TRACE write request details to the log; keep them for troubleshooting.',
  }),
  log_format: text('How log lines are written: plain text or one JSON object per line.', {
    default: 'text',
    values: ['text', 'json'],
    anyCase: true,
  }),
  log_file: text('A file to write the log to instead of standard output. On SIGUSR2 the file is reopened, so logrotate can move it away.', {
    default: 'standard output',
  }),
  log_source_location: flag('Adds the source file, line and function to every log line.'),
};

const PROFILING_KEYS: Record<string, KeyDoc> = {
  profiling_enabled: flag('Serves Go runtime profiles (net/http/pprof) on profiling_port.', {
    security: 'The profiling endpoint has no authentication; leave it off outside a debugging session.',
  }),
  profiling_port: count('Port of the profiling endpoint; read only with profiling_enabled.'),
  profiling_freq: count('How often profiles are dumped to disk; nothing is dumped unless it is above 0 and profiling_enabled is on.'),
  profiling_names: list('Which runtime profiles (heap, goroutine, ...) are dumped to disk at each tick.'),
};

const TRUST_DOMAIN_SYNTAX =
  'Lower-case letters, digits, ".", "-" and "_" only (upper case is refused); a spiffe://name ID is accepted as well. Longer than 255 characters gives a warning.';

const FEATURE_FLAGS_KEY = list('Developer feature flags. An unknown flag stops SPIRE; each known one logs a warning. Not for production.', {
  values: FEATURE_FLAGS,
});

const NAMED_PIPE_NAME = (what: string, def: string): KeyDoc =>
  text(`Windows only: the named pipe of the ${what}. On Linux and macOS setting it stops SPIRE.`, { default: def });

const ACME_KEYS: Record<string, KeyDoc> = {
  directory_url: text('The ACME directory to request the certificate from.', { default: "Let's Encrypt's production directory" }),
  domain_name: text('The DNS name the certificate is requested for; clients reach the bundle endpoint under this name.'),
  email: text('Contact address given to the ACME provider (it warns about expiring or revoked certificates there).'),
  tos_accepted: flag("Accepts the ACME provider's terms of service; providers that require it refuse to issue without it."),
};

const SERVING_CERT_FILE: KeyDoc = block(
  'Serves the bundle endpoint with a certificate and key read from files, reloaded periodically.',
  {
    cert_file_path: text(
      'PEM file with the serving certificate (and its chain). It is loaded when the configuration is read: a missing or bad file stops the server.',
    ),
    key_file_path: text('PEM file with the private key of the serving certificate.', {
      security: 'The key lets anyone impersonate your bundle endpoint; keep the file readable by the server only.',
    }),
    file_sync_interval: duration('How often the files are checked for a new certificate. It must be set: an empty value stops the server; "0" means 1h.'),
  },
  { history: 'Since SPIRE v1.11.0.' },
);

const SERVER_BLOCK: Record<string, KeyDoc> = {
  trust_domain: text(`The trust domain this server issues identities in: the name after spiffe:// in every SVID. ${TRUST_DOMAIN_SYNTAX}`, {
    required: true,
    security: 'Agents and federated servers check SVIDs against this name; changing it later invalidates every identity issued.',
  }),
  data_dir: text('Directory for the server\'s runtime data (for example the ACME cache, and keys of the "disk" KeyManager). Created when missing.', {
    required: true,
  }),
  bind_address: text(
    'Address the server API listens on for agents and remote clients. A host name is resolved at start-up; IPv6 works with or without brackets.',
    {
      default: '"0.0.0.0"',
      security: '0.0.0.0 listens on every interface; agents authenticate with attestation, but limit exposure where you can.',
    },
  ),
  bind_port: count('Port the server API listens on. A quoted number ("8081") is accepted too. Writing 0 gives the default.', { default: '8081' }),
  socket_path: text(
    'Unix socket of the local admin API used by the spire-server command. A relative path is made absolute. Not on Windows (use experimental.named_pipe_name).',
    {
      default: '"/tmp/spire-server/private/api.sock"',
      security: 'Whoever can connect to this socket administers the server (entries, agents, bundles); keep its directory private.',
    },
  ),
  ca_ttl: duration("Lifetime of the server's signing CA and JWT signing keys. SPIRE prepares and rotates to a new CA before the old one expires.", {
    default: '"24h"',
    security:
      'Every SVID TTL (default_x509_svid_ttl, default_jwt_svid_ttl, agent_ttl) should be at most ca_ttl / 6 and at most 7 days, or SVIDs may come out shorter than asked around rotations (SPIRE warns). A long ca_ttl keeps a stolen CA key useful for longer.',
  }),
  default_x509_svid_ttl: duration('Lifetime of workload X509-SVIDs whose registration entry sets none.', {
    default: '"1h"',
    security: 'A leaked SVID is usable until it expires, so shorter is safer; keep it at most ca_ttl / 6 (4h with the default ca_ttl).',
  }),
  default_jwt_svid_ttl: duration('Lifetime of JWT-SVIDs whose registration entry sets none.', {
    default: '"5m"',
    security: 'A JWT-SVID is a bearer token: whoever holds it can use it until it expires. Keep it short.',
  }),
  agent_ttl: duration('Lifetime of the X509-SVIDs issued to agents, so the longest an agent can run without checking back in.', {
    default: 'the value of default_x509_svid_ttl',
    security: 'A compromised or decommissioned node keeps a valid identity until its agent SVID expires.',
    history: 'Checked against ca_ttl since SPIRE v1.13.0.',
  }),
  ca_key_type: text('Key type of the signing CA. It is also the default for jwt_key_type and experimental.wit_key_type.', {
    default: '"ec-p256"',
    values: KEY_TYPES,
    anyCase: true,
  }),
  jwt_key_type: text('Key type of the JWT signing keys.', { default: 'the value of ca_key_type', values: KEY_TYPES, anyCase: true }),
  jwt_issuer: text('The "iss" claim of the JWT-SVIDs this server issues. Not checked by SPIRE.', { default: 'no issuer claim' }),
  ca_subject: block(
    'The subject of the CA certificates this server creates.',
    {
      country: list('Country (C) values of the CA subject.'),
      organization: list('Organization (O) values of the CA subject.'),
      common_name: text('Common name (CN) of the CA subject.'),
    },
    { default: 'C=US, O=SPIFFE; an empty block also gets the default, with a warning' },
  ),
  admin_ids: list('SPIFFE IDs whose X509-SVID gives the caller admin rights on the server API, without an admin registration entry.', {
    type: SPIFFE_IDS,
    security:
      'Each listed ID can create and delete registration entries, evict agents and change bundles. IDs of federated trust domains are accepted, so this can hand control to another domain.',
  }),
  audit_log_enabled: flag('Logs each server API call with its caller and outcome.', {
    security: 'Off by default; turn it on to have a record of who changed registrations and bundles.',
  }),
  disable_jwt_svids: flag('Stops the server from issuing JWT-SVIDs.', { history: 'Since SPIRE v1.14.0.' }),
  ratelimit: block(
    'Per-IP rate limits of the server API.',
    {
      attestation: {
        kind: 'bool',
        default: 'true',
        doc: 'Limits node attestation to one attempt per second per client IP.',
        security: 'Turning it off removes the brake on attestation floods.',
      },
      signing: {
        kind: 'bool',
        default: 'true',
        doc: 'Limits X509 and JWT signing to 500 requests per second per client IP.',
        security: 'Turning it off removes the brake on signing floods.',
      },
    },
    { default: 'both limits on' },
  ),
  proxy_protocol_trusted_cidrs: list(
    'Networks allowed to send a PROXY protocol header; connections from them are seen with the client address the header gives, for example behind a load balancer.',
    {
      type: 'list of CIDRs',
      security: 'A host inside these ranges can claim any client address, which defeats per-IP rate limits. List only your load balancers.',
      history: 'Since SPIRE v1.15.0.',
    },
  ),
  prune_attested_nodes_expired_for: duration('Periodically removes attested-node records whose SVID expired longer ago than this. Unset: nothing is pruned.', {
    history: 'Since SPIRE v1.13.0.',
  }),
  prune_tofu_nodes: flag('Also prunes expired nodes that cannot re-attest (trust on first use, such as join tokens). Banned nodes are never pruned.', {
    security: 'The record of a TOFU node is what stops its attestation data from being used a second time; pruning it allows that again.',
    history: 'Since SPIRE v1.13.0.',
  }),
  prune_attested_nodes_batch_size: count('Most expired nodes pruned per cycle; only read with prune_attested_nodes_expired_for.', {
    default: '1000 (the datastore default)',
    history: 'Since SPIRE v1.15.2.',
  }),
  max_attested_node_info_staleness: duration('How long cached information about attested nodes may be trusted before it is read again.', {
    default: '"0s"',
    security: 'While the cache is trusted, an evicted or banned agent can keep being served.',
    history: 'Since SPIRE v1.14.0.',
  }),
  ...LOG_KEYS,
  ...PROFILING_KEYS,
  federation: block("This server's bundle endpoint for other trust domains, and the trust domains it federates with.", {
    bundle_endpoint: block(
      "Serves this trust domain's bundle over HTTPS so that other trust domains can federate with it.",
      {
        address: text('IP address the bundle endpoint listens on. Not checked: a host name is silently dropped.'),
        port: count('Port of the bundle endpoint (8443 in the examples; there is no default).'),
        refresh_hint: duration('How often clients of the endpoint are told to fetch the bundle again. Under 1m or 24h and over give a warning.', {
          default: '"5m"',
          security: 'A long hint delays the spread of an unscheduled bundle change, such as removing a compromised key.',
        }),
        acme: block('Deprecated position of the ACME settings; move them to profile "https_web" { acme { } }.', ACME_KEYS, {
          deprecated: 'Use profile "https_web" { acme { } } instead.',
        }),
        profile: block(
          'How clients authenticate the bundle endpoint. Exactly one profile.',
          {
            https_spiffe: block("Clients authenticate the endpoint by this server's own X509-SVID. They need this trust domain's bundle beforehand.", {}),
            https_web: block(
              'Clients authenticate the endpoint with Web PKI, as any HTTPS site; needs acme or serving_cert_file.',
              { acme: block('Gets the serving certificate from an ACME provider.', ACME_KEYS), serving_cert_file: SERVING_CERT_FILE },
              { security: 'Anyone who can get a public certificate for the name can serve a bundle to your federation peers.' },
            ),
          },
          { default: 'https_spiffe, with a warning that this will become an error', choices: true },
        ),
      },
      { security: 'Bundles are public, but the profile decides how peers know they got yours.' },
    ),
    federates_with: {
      kind: 'block',
      doc: 'A trust domain to federate with: where to fetch its bundle and how to authenticate that endpoint. One block per trust domain, labelled with its name.',
      security: 'Workloads of that trust domain become verifiable here; registration entries decide which of them are trusted for what.',
      label: {
        what: 'The trust domain federated with.',
        keys: {
          bundle_endpoint_url: text("HTTPS URL of the federated trust domain's bundle endpoint. It must start with https://.", { required: true }),
          bundle_endpoint_profile: block(
            'How the remote bundle endpoint is authenticated.',
            {
              https_spiffe: block(
                'The endpoint presents an X509-SVID of the remote trust domain; its first bundle must be set out of band (spire-server bundle set).',
                {
                  endpoint_spiffe_id: text('SPIFFE ID the remote endpoint must present.', { required: true, type: 'SPIFFE ID' }),
                },
              ),
              https_web: block(
                "The endpoint is authenticated with Web PKI (the system's root CAs).",
                {},
                {
                  security: 'Any CA your system trusts can vouch for the endpoint, and so for the bundle you receive.',
                },
              ),
            },
            { required: true, choices: true },
          ),
        },
      },
    },
  }),
  experimental: block('Options that may change or go away between releases. Setting any of them logs a warning. Unknown keys here are not reported.', {
    cache_reload_interval: duration(
      'Time between two reloads of the in-memory entry cache; longer eases the database but slows the spread of entry changes to agents.',
      {
        default: '"5s"',
      },
    ),
    full_cache_reload_interval: duration('Time between two full reloads of the entry cache when the events-based cache is on.', {
      default: '"24h"',
      history: 'Since SPIRE v1.13.0.',
    }),
    events_based_cache: flag('Updates the entry cache from datastore events (only what changed) instead of reloading it whole.'),
    prune_events_older_than: duration(
      'Age after which datastore events are deleted; shorter keeps the table small but risks missing events while the database is unreachable.',
      {
        default: '"12h"',
      },
    ),
    event_timeout: duration('How long to wait for a missing datastore event before giving up on it.', {
      default: '"15m"',
      history: 'Since SPIRE v1.13.0; replaces sql_transaction_timeout.',
    }),
    sql_transaction_timeout: duration('Old name of event_timeout. Setting both stops the server.', {
      deprecated: 'Use experimental.event_timeout.',
      history: 'Added in SPIRE v1.10.0, deprecated since v1.13.0.',
    }),
    auth_opa_policy_engine: block(
      'Authorizes server API calls with an OPA (Rego) policy instead of the built-in rules.',
      {
        local: block('Loads the policy from local files.', {
          rego_path: text('Path of the Rego policy file.'),
          policy_data_path: text('Path of the JSON data the policy reads.'),
        }),
      },
      { security: 'The policy decides who may administer the server; review it like the admin_ids list.' },
    ),
    agent_spiffe_id_as_selector: flag("Adds the agent's SPIFFE ID to the selectors of its node automatically.", { history: 'Since SPIRE v1.15.0.' }),
    require_pq_kem: flag('Requires a post-quantum key exchange on TLS connections; peers that cannot do it are refused.', {
      history: 'Since SPIRE v1.12.0.',
    }),
    wit_key_type: text('Key type of the WIT signing keys.', {
      default: 'the value of ca_key_type',
      values: KEY_TYPES,
      anyCase: true,
      history: 'Since SPIRE v1.15.0.',
    }),
    wit_issuer: text('The issuer of the Workload Identity Tokens this server issues.', { history: 'Since SPIRE v1.15.0.' }),
    named_pipe_name: NAMED_PIPE_NAME('server API', '"\\spire-server\\private\\api"'),
    feature_flags: FEATURE_FLAGS_KEY,
  }),
  default_svid_ttl: duration('Old name of default_x509_svid_ttl.', { removed: 'v1.6.0' }),
  exclude_sn_from_ca_subject: flag('Left the serial number out of the CA subject.', { removed: 'v1.10.0' }),
  use_legacy_downstream_x509_ca_ttl: flag('Kept the old TTL rules for downstream CAs.', { removed: 'v1.13.0', history: 'Added in SPIRE v1.11.0.' }),
};

const RATE = (what: string): KeyDoc => count(`Most ${what} per second per attested selector set; 0 turns the limit off.`, { default: '0' });

const AGENT_BLOCK: Record<string, KeyDoc> = {
  trust_domain: text(`The trust domain the agent belongs to; it must match the server's. ${TRUST_DOMAIN_SYNTAX}`, { required: true }),
  server_address: text('DNS name or IP address of the SPIRE server. Not resolved when the file is read.', { required: true }),
  server_port: count('Port of the SPIRE server API. A quoted number ("8081") is accepted too.', { required: true }),
  data_dir: text('Directory for the agent\'s runtime data, such as its SVID and, with the "disk" KeyManager, its key.', {
    default: '"." (the working directory)',
  }),
  trust_bundle_path: text(
    'File with the CA certificates the agent uses to authenticate the server the first time it connects (format: trust_bundle_format). Read when the agent starts, not when the file is checked.',
    {
      security: 'This file decides which server the agent trusts: whoever can write it can point the agent at their own server.',
    },
  ),
  trust_bundle_url: text(
    'HTTPS URL to download the first trust bundle from, instead of a file. With trust_bundle_unix_socket it is plain http over that socket.',
    {
      security:
        "The download is protected only by the system's Web PKI roots, so the bundle is as trustworthy as that URL and its host. Cannot be combined with trust_bundle_path or insecure_bootstrap.",
    },
  ),
  trust_bundle_unix_socket: text('Makes the trust_bundle_url request over this Unix socket; the URL must then use http://.', {
    history: 'Since SPIRE v1.13.0.',
  }),
  trust_bundle_spiffe_workload_api: text(
    'Fetches the first trust bundle from another SPIFFE Workload API, given as a unix:// or tcp:// address; useful for nested agents. trust_bundle_format does not apply to it.',
    {
      history: 'Since SPIRE v1.15.3.',
      security: 'The agent trusts whatever bundle that Workload API returns.',
    },
  ),
  trust_bundle_format: text('Format of the first trust bundle: PEM certificates or a SPIFFE bundle (JWKS JSON). Case matters.', {
    default: '"pem"',
    values: ['pem', 'spiffe'],
  }),
  insecure_bootstrap: flag("Bootstraps without checking the server's identity: the agent trusts the first server it reaches.", {
    security:
      'Anyone who can intercept the first connection can give the agent a false bundle and identity. Only for tests; it cannot be combined with a trust bundle source or with rebootstrapping.',
  }),
  rebootstrap_mode: text(
    "Whether the agent starts over (fetching a new bundle) when the server's certificate no longer verifies: never, auto, or always. Case matters.",
    {
      default: '"never"',
      values: ['never', 'auto', 'always'],
      history: 'Since SPIRE v1.13.0.',
    },
  ),
  rebootstrap_delay: duration('How long the agent waits after a certificate mismatch with the server before it rebootstraps.', {
    default: '"10m"',
    history: 'Since SPIRE v1.13.0.',
  }),
  join_token: text(
    'A one-time token from `spire-server token generate`. When set, the agent attests with it instead of its NodeAttestor plugin, which must still be configured: SPIRE v1.15.3 loads exactly one before it reads the token.',
    {
      security: 'A secret: whoever uses it first attests as this node. Prefer join_token_file, and keep tokens out of version control.',
    },
  ),
  join_token_file: text('File holding the join token (surrounding whitespace is trimmed). Cannot be combined with join_token.', {
    history: 'Since SPIRE v1.14.0.',
  }),
  socket_path: text(
    'Unix socket of the Workload API and Envoy SDS. Exposed unless both disable_workload_api and disable_sds_api are true. Not on Windows (use experimental.named_pipe_name).',
    {
      default: '"/tmp/spire-agent/public/api.sock"',
      security: 'Every process that can reach this socket can ask for an identity; the WorkloadAttestors decide which one it gets.',
    },
  ),
  disable_workload_api: flag('Turns off the SPIFFE Workload API.', { history: 'Since SPIRE v1.15.3.' }),
  disable_sds_api: flag('Turns off the Envoy SDS API.', { history: 'Since SPIRE v1.15.3.' }),
  admin_socket_path: text('Unix socket of the admin API (Debug API and Delegated Identity API). Unset: no admin API.', {
    security: "It must not sit in the Workload API socket's directory or below it, where workloads could reach it.",
  }),
  authorized_delegates: list(
    "SPIFFE IDs allowed to use the Delegated Identity API on the admin socket, to get SVIDs on behalf of other workloads. They must be in the agent's trust domain.",
    {
      type: SPIFFE_IDS,
      security: 'Each delegate can obtain the identity of any workload on this node.',
    },
  ),
  allow_unauthenticated_verifiers: flag('Releases trust bundles to processes that no registration entry matches, so they can verify SVIDs.', {
    security: 'Any process that reaches the socket can then read the bundles.',
  }),
  allowed_foreign_jwt_claims: list('Claims of JWT-SVIDs from other trust domains that are returned when such a token is validated.'),
  workload_x509_svid_key_type: text('Key type of workload X509-SVIDs. rsa-4096 is not accepted here.', {
    default: '"ec-p256"',
    values: ['rsa-2048', 'ec-p256', 'ec-p384'],
    anyCase: true,
  }),
  availability_target: duration(
    'The least time the agent should be able to ride out a server or agent outage; X509-SVIDs are rotated early enough to keep that margin. At least 24h.',
  ),
  x509_svid_cache_max_size: count("Soft limit on the X509-SVIDs kept in the agent's LRU cache; 0 means the built-in 1000. Negative stops the agent.", {
    default: '1000',
    history: 'Moved out of experimental in SPIRE v1.11.0.',
  }),
  jwt_svid_cache_max_size: count("Hard limit on the JWT-SVIDs kept in the agent's LRU cache; 0 means the built-in 1000. Negative stops the agent.", {
    default: '1000',
    history: 'Since SPIRE v1.12.0.',
  }),
  log_selectors: list('Selector prefixes (such as "k8s:ns") whose values may appear in diagnostic logs.', {
    security: 'Selector values can be sensitive; list only prefixes you accept in logs.',
    history: 'Since SPIRE v1.15.2.',
  }),
  ...LOG_KEYS,
  ...PROFILING_KEYS,
  sds: block('Names of the resources the agent serves to Envoy over SDS. Unknown keys here are not reported.', {
    default_svid_name: text('Name of the TLS certificate resource with the default X509-SVID.', { default: '"default"' }),
    default_bundle_name: text("Name of the validation context with this trust domain's bundle.", { default: '"ROOTCA"' }),
    default_all_bundles_name: text(
      'Name of the validation context with every bundle, federated ones included (Envoy 1.18+). Must differ from default_bundle_name.',
      { default: '"ALL"' },
    ),
    disable_spiffe_cert_validation: flag('Turns off the SPIFFE-aware custom validation the agent gives Envoy over SDS.', {
      security: 'Envoy then validates peers with plain X.509 rules, without the SPIFFE-specific checks.',
    }),
  }),
  experimental: block('Options that may change or go away between releases. Setting any of them logs a warning. Unknown keys here are not reported.', {
    sync_interval: duration('How often the agent synchronizes with the server (backing off exponentially on errors).', { default: '"5s"' }),
    jwt_svid_cache_hit_timeout: duration('gRPC timeout for fetching a new JWT-SVID while a valid one is cached; from 5s up to, not including, 30s.', {
      history: 'Since SPIRE v1.15.0.',
    }),
    use_sync_authorized_entries: {
      kind: 'bool',
      default: 'true',
      doc: 'Synchronizes entries with the SyncAuthorizedEntries API.',
      deprecated: 'Any value logs a deprecation warning; leave it out.',
    },
    require_pq_kem: flag('Requires a post-quantum key exchange on TLS connections to the server.', { history: 'Since SPIRE v1.12.0.' }),
    named_pipe_name: NAMED_PIPE_NAME('Workload API and SDS', '"\\spire-agent\\public\\api"'),
    admin_named_pipe_name: NAMED_PIPE_NAME('admin API', 'none'),
    ratelimit: block(
      'Per-caller limits on Workload API and SDS calls; each value is the most calls (or stream opens) per second per attested selector set.',
      {
        fetch_x509_svid: RATE('FetchX509SVID stream opens'),
        fetch_jwt_svid: RATE('FetchJWTSVID calls'),
        fetch_x509_bundles: RATE('FetchX509Bundles stream opens'),
        fetch_jwt_bundles: RATE('FetchJWTBundles stream opens'),
        stream_secrets: RATE('SDS StreamSecrets stream opens'),
        fetch_secrets: RATE('SDS FetchSecrets calls'),
      },
      { history: 'Since SPIRE v1.15.2.' },
    ),
    broker: block(
      'The SPIFFE Broker API endpoint, off unless this block is given. It needs socket_path, bind_address or both.',
      {
        socket_path: text("Unix socket of the broker endpoint; not in the Workload API socket's directory. Not on Windows."),
        bind_address: text('TCP "host:port" of the broker endpoint; callers are authenticated with mutual TLS.'),
        brokers: {
          kind: 'block list',
          doc: 'The brokers allowed to use the endpoint, at least one.',
          keys: {
            id: text('SPIFFE ID of the broker (any trust domain).', { required: true, type: 'SPIFFE ID' }),
            allowed_reference_types: {
              kind: 'block list',
              doc: 'The workload reference types this broker may use; "*" alone allows all.',
              keys: {
                type_url: text('Protobuf type URL of the reference type, or "*".', { required: true }),
                allow_over_tcp: flag('Allows this reference type over the TCP address.', {
                  security: 'Only for reference types that are safe to use across the network.',
                }),
              },
            },
          },
          security: 'A broker can ask for the identities of the workloads it references.',
        },
      },
      { history: 'Since SPIRE v1.15.2.' },
    ),
    feature_flags: FEATURE_FLAGS_KEY,
  }),
  disable_reattest_to_renew: flag('Renewed the agent SVID without re-attesting.', { removed: 'v1.10.0' }),
  retry_bootstrap: flag('Retried bootstrapping with the server.', { removed: 'v1.14.0', history: 'Added in SPIRE v1.10.0, deprecated in v1.13.0.' }),
  retry_rebootstrap: flag('Retried rebootstrapping with the server.', { removed: 'v1.14.0' }),
};

const TLS_KEYS: Record<string, KeyDoc> = {
  cert_file: text('PEM certificate the metrics endpoint serves; set with key_file unless use_spire_svid is on.'),
  key_file: text('PEM private key of cert_file.'),
  client_ca_file: text('PEM CA bundle that clients must chain to (mutual TLS). Not with authorized_spiffe_ids.'),
  use_spire_svid: flag('Serves the metrics endpoint with the current SPIRE SVID instead of cert_file and key_file.'),
  authorized_spiffe_ids: list('SPIFFE IDs allowed to scrape the endpoint. Not with client_ca_file.', { type: SPIFFE_IDS }),
};

const COLLECTOR = (what: string, more: Record<string, KeyDoc> = {}): KeyDoc => ({
  kind: 'block list',
  doc: `${what} Unknown keys inside stop SPIRE.`,
  keys: { address: text('"host:port" of the collector.'), ...more },
});

const TELEMETRY: KeyDoc = block('Where metrics go. Unknown keys directly in this block are not reported, but unknown keys inside each collector are.', {
  Prometheus: block(
    'Serves metrics for Prometheus to scrape.',
    {
      host: text('Address the metrics endpoint listens on.'),
      port: count('Port of the metrics endpoint.'),
      tls: block('Serves the metrics endpoint over TLS.', TLS_KEYS),
    },
    { security: 'Without tls, metrics are served in clear text to anyone who can reach the port.' },
  ),
  DogStatsd: COLLECTOR('Sends metrics to DogStatsD collectors (a list of blocks).'),
  Statsd: COLLECTOR('Sends metrics to statsd collectors (a list of blocks).'),
  M3: COLLECTOR('Sends metrics to M3 (a list of blocks).', { env: text('The environment tag, such as "prod".') }),
  InMem: block('Keeps recent metrics in memory.', {}),
  MetricPrefix: text('Prefix of every metric name.'),
  EnableTrustDomainLabel: { kind: 'bool', doc: 'Adds the trust domain as a label to every metric.' },
  EnableHostnameLabel: { kind: 'bool', doc: 'Adds the host name as a label to every metric.' },
  AllowedPrefixes: list('Only metrics starting with one of these prefixes are sent.'),
  BlockedPrefixes: list('Metrics starting with one of these prefixes are dropped.'),
  AllowedLabels: list('Only these labels are kept.'),
  BlockedLabels: list('These labels are dropped.'),
});

const HEALTH_CHECKS: KeyDoc = block('An extra HTTP listener for liveness and readiness probes.', {
  listener_enabled: flag('Turns the health listener on.'),
  bind_address: text('Address the health listener binds to.', { default: '"localhost"' }),
  bind_port: text('Port of the health listener. It is a string here, unlike the other ports.', { default: '"80"' }),
  live_path: text('HTTP path of the liveness check.', { default: '"/live"' }),
  ready_path: text('HTTP path of the readiness check.', { default: '"/ready"' }),
});

const PLUGINS_DOC: KeyDoc = block('The plugins, one `Type "name" { }` block each. Built-in plugins need no plugin_cmd.', {}, { required: true });

/** The keys at the top of the file, each side's block under its own name. */
export const TOP_LEVEL: Record<string, KeyDoc> = {
  server: block("The SPIRE server's own settings.", SERVER_BLOCK, { required: true, side: 'server' }),
  agent: block("The SPIRE agent's own settings.", AGENT_BLOCK, { required: true, side: 'agent' }),
  plugins: PLUGINS_DOC,
  telemetry: TELEMETRY,
  health_checks: HEALTH_CHECKS,
};

/** The keys of a plugin block. */
export const PLUGIN_KEY_DOCS: Record<string, KeyDoc> = {
  plugin_cmd: text('Path of an external plugin binary. Leave it out for a built-in plugin.', {
    security: "The binary runs with SPIRE's privileges; pin it with plugin_checksum.",
  }),
  plugin_args: list('Arguments given to the external plugin binary.'),
  plugin_checksum: text('Hex SHA-256 of the plugin binary (64 characters), checked before it is started.', {
    security: 'Without it SPIRE logs a warning and starts whatever binary is at plugin_cmd.',
  }),
  plugin_data: block("The plugin's own settings; what goes here depends on the plugin. Not with plugin_data_file.", {}),
  plugin_data_file: text("File holding the plugin's settings, read again when the plugin is reconfigured. Not with plugin_data."),
  enabled: {
    kind: 'bool',
    default: 'true',
    doc: "Whether the plugin is loaded. A disabled plugin is skipped and does not count toward the plugin type's limits (a DataStore is loaded regardless).",
  },
};

/** What each plugin type does for its side. */
export const PLUGIN_TYPE_DOCS: Record<string, string> = {
  DataStore: 'Stores registration entries, attested nodes and bundles. Only the built-in "sql" (SQLite, PostgreSQL or MySQL) is supported.',
  KeyManager: "Holds the private keys: on the server the CA and JWT signing keys, on the agent the key of its own and its workloads' SVIDs.",
  UpstreamAuthority: "Has the server's CA signed by another CA instead of being self-signed, so SPIRE joins an existing PKI.",
  NodeAttestor: "Proves (agent) and verifies (server) the identity of the node an agent runs on, the basis of the agent's SVID.",
  Notifier: 'Is told when the trust bundle changes, to push it elsewhere.',
  BundlePublisher: "Publishes this trust domain's bundle to a store that other parties read.",
  CredentialComposer: 'Adjusts the attributes and claims of the credentials the server signs.',
  WorkloadAttestor: 'Finds out which workload called the Workload API (its selectors), which decides the identity it gets.',
  SVIDStore: 'Stores SVIDs of entries marked to be stored in a cloud secret store, for workloads that cannot use the Workload API.',
};

const NODE_ATTESTOR_DOCS: Record<string, string> = {
  aws_iid: 'An AWS EC2 instance identity document.',
  azure_msi: 'An Azure managed identity token.',
  azure_imds: 'Attested data from the Azure Instance Metadata Service.',
  gcp_iit: 'A Google Compute Engine instance identity token.',
  http_challenge: 'A challenge the agent answers over HTTP on its host name.',
  join_token: 'A one-time token generated by the server.',
  k8s_psat: 'A Kubernetes projected service account token, checked with the API server.',
  sshpop: "Possession of an SSH host certificate's key.",
  tpm_devid: 'A TPM DevID certificate and its TPM-held key.',
  x509pop: 'Possession of the key of an X.509 certificate that chains to configured CAs.',
  k8s_sat: 'A Kubernetes service account token (not projected).',
};

/** What each built-in plugin is, by type. Node attestors name the evidence a node gives. */
export const PLUGIN_NAME_DOCS: Record<string, Record<string, string>> = {
  DataStore: { sql: 'SQL database: SQLite3, PostgreSQL or MySQL.' },
  KeyManager: {
    aws_kms: 'Keys in AWS KMS.',
    disk: 'Keys in a file in the data directory, kept across restarts (not encrypted at rest).',
    gcp_kms: 'Keys in Google Cloud KMS.',
    azure_key_vault: 'Keys in Azure Key Vault.',
    hashicorp_vault: "Keys in HashiCorp Vault's transit engine.",
    memory: 'Keys in memory only: lost on restart (a new CA on the server; a fresh attestation on the agent).',
  },
  UpstreamAuthority: {
    awssecret: 'A CA certificate and key read from AWS Secrets Manager.',
    aws_pca: 'AWS Private Certificate Authority signs the server CA.',
    gcp_cas: 'Google Certificate Authority Service signs the server CA.',
    vault: "HashiCorp Vault's PKI engine signs the server CA.",
    spire: 'Another SPIRE server signs the server CA (nested SPIRE).',
    disk: 'A CA certificate and key read from files on disk.',
    'cert-manager': 'A cert-manager issuer signs the server CA through CertificateRequests.',
    ejbca: 'An EJBCA certificate authority signs the server CA.',
  },
  NodeAttestor: NODE_ATTESTOR_DOCS,
  Notifier: {
    gcs_bundle: 'Writes the bundle to a Google Cloud Storage object.',
    k8sbundle: 'Writes the bundle to a Kubernetes ConfigMap (and optionally webhook and API service CA bundles).',
  },
  BundlePublisher: {
    aws_s3: 'Publishes the bundle to an AWS S3 object.',
    azure_blob: 'Publishes the bundle to an Azure blob.',
    gcp_cloudstorage: 'Publishes the bundle to a Google Cloud Storage object.',
    aws_rolesanywhere_trustanchor: 'Keeps an AWS IAM Roles Anywhere trust anchor in step with the bundle.',
    k8s_configmap: 'Publishes the bundle to a Kubernetes ConfigMap.',
  },
  CredentialComposer: { uniqueid: 'Adds an x509UniqueIdentifier attribute, a hash of the SPIFFE ID, to the subject of workload X509-SVIDs.' },
  WorkloadAttestor: {
    docker: 'Docker container labels and image.',
    k8s: "The pod's namespace, service account, labels and more, from the kubelet.",
    slurm: 'The Slurm job a process belongs to.',
    systemd: 'The systemd unit of the process.',
    unix: "The process's user, group and (optionally) binary path.",
    windows: 'The Windows user and groups of the process.',
  },
  SVIDStore: {
    aws_secretsmanager: 'Stores SVIDs in AWS Secrets Manager.',
    gcp_secretmanager: 'Stores SVIDs in Google Cloud Secret Manager.',
  },
};

/** The built-in plugin names of a type on a side (both sides when unknown), with the release that brought each. */
export function builtInPlugins(type: string, side: Side | undefined): Array<{ name: string; since?: string }> {
  const out = new Map<string, { name: string; since?: string }>();
  for (const s of side ? [side] : (['server', 'agent'] as const)) {
    for (const [name, info] of Object.entries(PLUGIN_TYPES[s][type]?.builtIn ?? {})) out.set(name, { name, since: info.since });
  }
  return [...out.values()];
}

/** The plugin types of a side (both sides when unknown). */
export function pluginTypes(side: Side | undefined): string[] {
  return [...new Set((side ? [side] : (['server', 'agent'] as const)).flatMap((s) => Object.keys(PLUGIN_TYPES[s])))];
}

/** The release that removed a built-in plugin, if it was one. */
export function removedPlugin(type: string, name: string, side: Side | undefined): string | undefined {
  for (const s of side ? [side] : (['server', 'agent'] as const)) {
    const gone = REMOVED_PLUGINS[s][type]?.[name];
    if (gone) return gone;
  }
  return undefined;
}

/** A child key's doc, matched ignoring case as HCL v1 matches struct fields. */
export function childDoc(keys: Record<string, KeyDoc> | undefined, name: string): { name: string; doc: KeyDoc } | undefined {
  if (!keys) return undefined;
  if (keys[name]) return { name, doc: keys[name] };
  const lower = name.toLowerCase();
  const found = Object.keys(keys).find((k) => k.toLowerCase() === lower);
  return found ? { name: found, doc: keys[found] } : undefined;
}
