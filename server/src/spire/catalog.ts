// SPIRE's plugin catalog at v1.15.3, as data: the plugin types each side loads, how many of each it
// requires, and the plugins built into the binary (with the release that brought or removed them).
// A `since` is the first tag whose pkg/*/catalog registers the plugin; several came in a patch
// release of an older line (k8s_configmap in 1.12.4, before 1.13.0), so a target of that minor
// release is given the benefit of the doubt.

export type Side = 'server' | 'agent';

export interface PluginType {
  /** Fewest and most enabled plugins of the type (undefined: no upper bound). */
  min: number;
  max?: number;
  builtIn: Record<string, { since?: string }>;
}

/** The server and the agent build in the same node attestors (each side its own half). */
const NODE_ATTESTORS: PluginType['builtIn'] = {
  aws_iid: {},
  azure_msi: {},
  azure_imds: { since: '1.14.0' },
  gcp_iit: {},
  http_challenge: { since: '1.10.2' },
  join_token: {},
  k8s_psat: {},
  sshpop: {},
  tpm_devid: {},
  x509pop: {},
};

export const PLUGIN_TYPES: Record<Side, Record<string, PluginType>> = {
  server: {
    DataStore: { min: 1, max: 1, builtIn: { sql: {} } },
    KeyManager: { min: 1, max: 1, builtIn: { aws_kms: {}, disk: {}, gcp_kms: {}, azure_key_vault: {}, hashicorp_vault: { since: '1.15.0' }, memory: {} } },
    UpstreamAuthority: {
      min: 0,
      max: 1,
      builtIn: { awssecret: {}, aws_pca: {}, gcp_cas: {}, vault: {}, spire: {}, disk: {}, 'cert-manager': {}, ejbca: { since: '1.11.0' } },
    },
    NodeAttestor: {
      min: 0,
      builtIn: NODE_ATTESTORS,
    },
    Notifier: { min: 0, builtIn: { gcs_bundle: {}, k8sbundle: {} } },
    BundlePublisher: {
      min: 0,
      builtIn: {
        aws_s3: {},
        azure_blob: { since: '1.15.3' },
        gcp_cloudstorage: { since: '1.9.6' },
        aws_rolesanywhere_trustanchor: { since: '1.10.1' },
        k8s_configmap: { since: '1.12.4' },
      },
    },
    CredentialComposer: { min: 0, builtIn: { uniqueid: { since: '1.9.0' } } },
  },
  agent: {
    KeyManager: { min: 1, max: 1, builtIn: { disk: {}, memory: {} } },
    NodeAttestor: {
      min: 1,
      max: 1,
      builtIn: NODE_ATTESTORS,
    },
    WorkloadAttestor: { min: 1, builtIn: { docker: {}, k8s: {}, slurm: { since: '1.15.3' }, systemd: {}, unix: {}, windows: {} } },
    SVIDStore: { min: 0, builtIn: { aws_secretsmanager: {}, gcp_secretmanager: {} } },
  },
};

/** Built-in plugins SPIRE no longer ships, with the release that dropped them. */
export const REMOVED_PLUGINS: Record<Side, Record<string, Record<string, string>>> = {
  server: { NodeAttestor: { k8s_sat: '1.12.0' } },
  agent: { NodeAttestor: { k8s_sat: '1.12.0' } },
};

/** Keys a plugin block may hold; anything else in it is ignored by SPIRE. */
export const PLUGIN_KEYS = ['plugin_cmd', 'plugin_args', 'plugin_checksum', 'plugin_data', 'plugin_data_file', 'enabled'];

/** Developer feature flags SPIRE v1.15.3 knows. */
export const FEATURE_FLAGS = ['i_am_a_test_flag', 'wit-svid'];
