import type { ConformanceSuite } from '../conformanceCase';
import { fileCase, SPIRE_AT } from '../spireConfig';

// PluginConfigsFromHCLNode's own cases, put in a server file with its required plugins. The
// upstream types (TYPE1...) are placeholders; real server types stand in for them.
const config = (plugins: string) =>
  `server {\n  trust_domain = "example.org"\n  data_dir = "."\n}\nplugins {\n  DataStore "sql" {}\n  KeyManager "memory" {}\n${plugins}\n}\n`;
const c = (name: string, valid: boolean, plugins: string) => fileCase(name, valid, 'server', config(plugins), { scope: 'run' });

export const suite: ConformanceSuite = {
  project: 'spire',
  source: `${SPIRE_AT} pkg/common/catalog/config_test.go TestParsePluginConfigsFromHCLNode`,
  cases: [
    c(
      'HCL',
      true,
      'NodeAttestor "NAME3" {\n  plugin_data = "DATA3"\n  enabled = false\n}\nNotifier "NAME4" {\n  plugin_cmd = "CMD4"\n}\nNodeAttestor {\n  NAME1 {\n    plugin_cmd = "CMD1"\n    plugin_data = "DATA1"\n  }\n  k8s_psat plugin_data {\n    "foo" = "bar"\n  }\n}\nBundlePublisher "NAME2" {\n  plugin_cmd = "CMD2"\n  plugin_args = ["foo", "bar", "baz"]\n  plugin_checksum = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"\n  plugin_data = "DATA2"\n  enabled = true\n}\nNotifier "k8sbundle" "plugin_data" {\n  "foo" = "bar"\n}\nCredentialComposer "NAME7" {\n  plugin_cmd = "CMD7"\n  plugin_data_file = "FILE7"\n}\nCredentialComposer "NAME8" {\n  plugin_cmd = "CMD8"\n  plugin_data = {}\n}',
    ),
    c('Plugin declared more than once', false, 'NodeAttestor "join_token" {}\nNodeAttestor "join_token" {}'),
    c('Both plugin_data and plugin_data_file are declared', false, 'NodeAttestor "join_token" {\n  plugin_data = {}\n  plugin_data_file = "FILE"\n}'),
  ],
};
