// Minimal SPIRE server and agent configs SPIRE accepts, for tests to add one thing to.

/** A server config with `body` in the server block and `rest` after the plugins block (plugins end on line 9). */
export const server = (body: string, rest = '') => `server {
  trust_domain = "example.org"
  data_dir = "/d"
${body}
}
plugins {
  DataStore "sql" { plugin_data { database_type = "sqlite3" } }
  KeyManager "memory" { plugin_data {} }
}
${rest}`;

/** An agent config with `body` in the agent block and `plugins` as its plugins (from line 9). */
export const agent = (
  body: string,
  plugins = 'NodeAttestor "join_token" { plugin_data {} }\n  KeyManager "memory" { plugin_data {} }\n  WorkloadAttestor "unix" { plugin_data {} }',
) => `agent {
  trust_domain = "example.org"
  server_address = "spire-server"
  server_port = "8081"
  trust_bundle_path = "/b.pem"
${body}
}
plugins {
  ${plugins}
}
`;
