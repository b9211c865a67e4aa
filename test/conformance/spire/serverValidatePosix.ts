import type { ConformanceSuite } from '../conformanceCase';
import { fileCase, SPIRE_AT } from '../spireConfig';

// `spire-server validate` loads the plugin catalog too, so these cases run with scope "run".
const config = (plugins: string) => `server {\n  trust_domain = "example.org"\n  data_dir = "/opt/spire/server/data"\n}\nplugins {\n${plugins}\n}\n`;
const c = (name: string, valid: boolean, plugins: string, differs?: string) => fileCase(name, valid, 'server', config(plugins), { scope: 'run', differs });
const sql = 'DataStore "sql" {\n  plugin_data {\n    database_type = "sqlite3"\n    connection_string = "/some/path/datastore.sqlite3"\n  }\n}';
const memory = 'KeyManager "memory" {\n  plugin_data = {}\n}';
const DATA = "The plugin's own plugin_data checks (its Validate call) are each plugin's business; the rules check the catalog, not every plugin's settings.";

export const suite: ConformanceSuite = {
  project: 'spire',
  source: `${SPIRE_AT} cmd/spire-server/cli/validate/validate_posix_test.go TestValidate`,
  cases: [
    c('empty config', false, ''),
    c(
      'valid config',
      true,
      `${sql}\n${memory}\nUpstreamAuthority "disk" {\n  plugin_data = {\n    cert_file_path = "/cert.pem"\n    key_file_path = "/key.pem"\n  }\n}`,
    ),
    c('unknown plugin', false, `${sql}\n${memory}\nUpstreamAuthority "thisdoesnotexist" {}`),
    c('unknown plugin type', false, `${sql}\n${memory}\nDownstreamAuthority "disk" {}`),
    c(
      'plugin with bad configuration',
      false,
      `${sql}\n${memory}\nUpstreamAuthority "disk" {\n  plugin_data = {\n    cert_file_path = "/cert.pem"\n  }\n}`,
      DATA,
    ),
    c(
      'multiple plugins with bad configuration',
      false,
      `${sql}\n${memory}\nUpstreamAuthority "disk" {\n  plugin_data = {\n    cert_file_path = "/cert.pem"\n  }\n}\nNodeAttestor "x509pop" {\n  plugin_data = {}\n}`,
      DATA,
    ),
    c(
      'missing plugin_data_file',
      false,
      `${sql}\n${memory}\nUpstreamAuthority "disk" {\n  plugin_data_file = "this/does/not/exist"\n}`,
      'Whether plugin_data_file exists is a fact of the machine, not of the text; the rules do not read files.',
    ),
    c('invalid data in plugin_data_file', false, `${sql}\n${memory}\nUpstreamAuthority "disk" {\n  plugin_data_file = "plugin.conf"\n}`, DATA),
    c('missing plugin_config', false, `${sql}\n${memory}\nUpstreamAuthority "disk" {}`, DATA),
  ],
};
