import * as assert from 'node:assert/strict';
import { InsertTextFormat, type CompletionItem, type MarkupContent, type TextEdit } from 'vscode-languageserver-types';
import { spireCompletion } from '../../server/src/spire/completion';
import { spireHover } from '../../server/src/spire/hover';
import { atCursor, textOf } from './spireSupport';

function hover(source: string): { value: string; word: string } | undefined {
  const { text, position } = atCursor(source);
  const result = spireHover(text, position);
  return result && { value: (result.contents as MarkupContent).value, word: textOf(text, result.range!) };
}

function complete(source: string): CompletionItem[] {
  const { text, position } = atCursor(source);
  return spireCompletion(text, position);
}
function labels(source: string): string[] {
  return complete(source).map((i) => i.label);
}
function item(source: string, label: string): CompletionItem & { textEdit: TextEdit } {
  const found = complete(source).find((i) => i.label === label);
  assert.ok(found, `${label} is offered`);
  return found as CompletionItem & { textEdit: TextEdit };
}

describe('SPIRE hover', () => {
  it('documents a key with its type, default, security meaning and the word it covers', () => {
    const h = hover('server {\n  ca_t|tl = "1h"\n}\nplugins {}\n')!;
    assert.equal(h.word, 'ca_ttl');
    assert.match(h.value, /^\*\*ca_ttl\*\* \(duration, default `"24h"`\)/);
    assert.match(h.value, /\*\*Security:\*\*.*ca_ttl \/ 6/);
    assert.match(h.value, /no day unit/);
  });

  it("explains insecure_bootstrap's risk and trust_bundle_url's Web PKI trust in the agent block", () => {
    assert.match(hover('agent {\n  insecure_boot|strap = true\n}\n')!.value, /\*\*Security:\*\* Anyone who can intercept the first connection/);
    assert.match(hover('agent {\n  |trust_bundle_url = "https://x"\n}\n')!.value, /Web PKI/);
  });

  it('matches keys ignoring case, as HCL v1 does, and names removed keys', () => {
    assert.match(hover('server {\n  Trust_Dom|ain = "a"\n}\n')!.value, /^\*\*trust_domain\*\* \(string, required\)/);
    assert.match(hover('server {\n  default_svid|_ttl = "1h"\n}\n')!.value, /Removed in SPIRE v1\.6\.0/);
    assert.match(hover('telemetry {\n  prome|theus {}\n}\n')!.value, /^\*\*Prometheus\*\* \(block\)/);
    assert.match(hover('agent {}\nplug|ins {}\n')!.value, /^\*\*plugins\*\* \(block, required\)/);
  });

  it('documents nested blocks and labels: federation, profiles, a federated trust domain', () => {
    const text = `server {
  federation {
    bundle_endpoint {
      profile "https_w%eb" { }
    }
    federates_with "doma%in2.test" {
      bundle_endpoint_profile "https_spiffe" {
        endpoint_spif%fe_id = "spiffe://domain2.test/spire/server"
      }
    }
  }
}`;
    const at = (n: number): string => {
      const parts = text.split('%');
      return parts.slice(0, n + 1).join('') + '|' + parts.slice(n + 1).join('');
    };
    assert.match(hover(at(0))!.value, /^\*\*https_web\*\* \(block\)[\s\S]*Web PKI/);
    assert.equal(hover(at(1))!.value, '**"domain2.test"**\n\nThe trust domain federated with.');
    assert.match(hover(at(2))!.value, /^\*\*endpoint_spiffe_id\*\* \(SPIFFE ID, required\)/);
  });

  it('documents plugin types per side, built-in plugins, external and removed ones', () => {
    const agentType = hover('agent {}\nplugins {\n  Node|Attestor "k8s_psat" {}\n}\n')!.value;
    assert.match(agentType, /On the agent: exactly one/);
    assert.doesNotMatch(agentType, /On the server/);
    assert.match(hover('server {}\nplugins {\n  Node|Attestor "k8s_psat" {}\n}\n')!.value, /On the server: any number/);
    assert.match(hover('server {}\nplugins {\n  KeyManager "disk|" {}\n}\n')!.value, /^\*\*KeyManager "disk"\*\* \(built-in plugin\)/);
    assert.match(hover('server {}\nplugins {\n  NodeAttestor "my_|tpm" {}\n}\n')!.value, /external plugin[\s\S]*plugin_cmd/);
    assert.match(hover('agent {}\nplugins {\n  NodeAttestor "k8s_|sat" {}\n}\n')!.value, /Removed in SPIRE v1\.12\.0/);
    assert.match(hover('server {}\nplugins {\n  nodeattest|or "x" {}\n}\n')!.value, /does not know this plugin type on the server/);
    assert.match(hover('server {}\nplugins {\n  BundlePublisher "azure|_blob" {}\n}\n')!.value, /since SPIRE v1\.15\.3/);
    assert.match(hover('agent {}\nplugins {\n  KeyManager "disk" {\n    plugin_check|sum = "ab"\n  }\n}\n')!.value, /SHA-256/);
  });

  it('shows the accepted values on the value of an enum-like key, with the verdict on this one', () => {
    assert.match(hover('server {\n  log_level = "DEB|UG"\n}\n')!.value, /^`DEBUG` is a value \*\*log_level\*\* accepts\.[\s\S]*case does not matter/);
    assert.match(
      hover('agent {\n  rebootstrap_mode = "Nev|er"\n}\n')!.value,
      /^SPIRE does not accept `Never` for \*\*rebootstrap_mode\*\*[\s\S]*`never`, `auto`, `always` \(case matters\)/,
    );
    assert.match(hover('server {\n  ca_key_type = "ec-p|256"\n}\n')!.value, /`rsa-2048`, `rsa-4096`, `ec-p256`, `ec-p384`/);
    assert.match(hover('agent {}\nplugins {\n  KeyManager "disk" {\n    enabled = "tr|ue"\n  }\n}\n')!.value, /without quotes/);
    assert.equal(hover('server {\n  data_dir = "/da|ta"\n}\n'), undefined, 'free values have no hover');
  });

  it('works on the JSON form, including the Helm chart plugin lists', () => {
    assert.match(hover('{\n  "agent": {\n    "trust_bundle_for|mat": "spiffe"\n  }\n}')!.value, /^\*\*trust_bundle_format\*\*/);
    assert.match(hover('{\n  "agent": {\n    "log_format": "te|xt"\n  }\n}')!.value, /`text` is a value/);
    assert.match(hover('{"agent": {}, "plugins": {"WorkloadAttestor": [{"k|8s": {"plugin_data": {}}}]}}')!.value, /^\*\*WorkloadAttestor "k8s"\*\*/);
    assert.match(hover('{"server": {}, "plugins": {"DataStore": [{"sql": {"plugin_da|ta": {}}}]}}')!.value, /^\*\*plugin_data\*\*/);
  });

  it('has nothing to say on braces, whitespace, plugin settings and unknown keys', () => {
    assert.equal(hover('server {|\n}'), undefined);
    assert.equal(hover('server {\n |\n}'), undefined);
    assert.equal(hover('server {\n  no_such_k|ey = 1\n}'), undefined);
    assert.equal(hover('server {}\nplugins {\n  DataStore "sql" {\n    plugin_data {\n      database_t|ype = "sqlite3"\n    }\n  }\n}'), undefined);
  });
});

describe('SPIRE completion', () => {
  it('offers the keys of the server block that are not set yet, not agent or removed keys', () => {
    const offered = labels('server {\n  trust_domain = "example.org"\n  |\n}\nplugins {}\n');
    for (const key of ['data_dir', 'ca_ttl', 'admin_ids', 'federation', 'experimental']) assert.ok(offered.includes(key), key);
    for (const key of ['trust_domain', 'server_address', 'insecure_bootstrap', 'default_svid_ttl']) assert.ok(!offered.includes(key), key);
  });

  it('completes a half-typed key in place, even in an unclosed block', () => {
    const source = 'agent {\n  trust_domain = "a"\n  trust_bun|';
    const offered = labels(source);
    assert.ok(offered.includes('trust_bundle_path') && offered.includes('trust_bundle_url') && !offered.includes('trust_domain'));
    const chosen = item(source, 'trust_bundle_path');
    assert.equal(textOf(atCursor(source).text, chosen.textEdit.range), 'trust_bun');
    assert.equal(chosen.textEdit.newText, 'trust_bundle_path = "$0"');
    assert.equal(chosen.insertTextFormat, InsertTextFormat.Snippet);
    assert.match((chosen.documentation as MarkupContent).value, /\*\*Security:\*\*/);
  });

  it('starts a new item on a new line after a key left without a value', () => {
    assert.ok(labels('server {\n  data_dir\n  |\n}').includes('ca_ttl'));
    assert.ok(labels('server {\n  data_dir\n  ca_t|\n}').includes('ca_ttl'));
    assert.ok(!labels('server {\n  data_dir\n  |\n}').includes('data_dir'), 'the unfinished key counts as set');
  });

  it('shapes the inserted key by its value: block, labelled block, list, bool, enum', () => {
    const source = 'server {\n  |\n}\n';
    assert.equal(item(source, 'ca_subject').textEdit.newText, 'ca_subject {\n\t$0\n}');
    assert.equal(item(source, 'admin_ids').textEdit.newText, 'admin_ids = [$0]');
    assert.equal(item(source, 'audit_log_enabled').textEdit.newText, 'audit_log_enabled = ${1|true,false|}');
    assert.equal(item(source, 'log_format').textEdit.newText, 'log_format = "${1|text,json|}"');
    assert.equal(item(source, 'bind_port').textEdit.newText, 'bind_port = $0');
    assert.equal(item('server {\n  federation {\n    |\n  }\n}', 'federates_with').textEdit.newText, 'federates_with "$1" {\n\t$0\n}');
    assert.equal(
      item('server {\n  federation {\n    bundle_endpoint {\n      |\n    }\n  }\n}', 'profile').textEdit.newText,
      'profile "${1|https_spiffe,https_web|}" {\n\t$0\n}',
    );
  });

  it("offers the top-level blocks of the file's side", () => {
    assert.deepEqual(labels('agent {}\n|').sort(), ['health_checks', 'plugins', 'telemetry']);
    assert.deepEqual(labels('server {}\nplugins {}\n|').sort(), ['health_checks', 'telemetry']);
    assert.deepEqual(labels('|').sort(), ['agent', 'health_checks', 'plugins', 'server', 'telemetry']);
  });

  it("offers the side's plugin types, leaving out a single-plugin type that is already there", () => {
    const agentTypes = labels('agent {}\nplugins {\n  KeyManager "disk" {}\n  NodeAttestor "k8s_psat" {}\n  |\n}\n');
    assert.deepEqual(agentTypes.sort(), ['SVIDStore', 'WorkloadAttestor']);
    const serverTypes = labels('server {}\nplugins {\n  NodeAttestor "k8s_psat" {}\n  DataStore "sql" {}\n  |\n}\n');
    assert.deepEqual(serverTypes.sort(), ['BundlePublisher', 'CredentialComposer', 'KeyManager', 'NodeAttestor', 'Notifier', 'UpstreamAuthority']);
    assert.equal(item('server {}\nplugins {\n  |\n}\n', 'UpstreamAuthority').textEdit.newText, 'UpstreamAuthority "$1" {\n\tplugin_data {\n\t\t$0\n\t}\n}');
  });

  it('offers the built-in names of the type for the side, quoted, without removed plugins', () => {
    const names = labels('agent {}\nplugins {\n  NodeAttestor |\n}\n');
    assert.ok(names.includes('k8s_psat') && names.includes('azure_imds'));
    assert.ok(!names.includes('k8s_sat'));
    assert.equal(item('agent {}\nplugins {\n  NodeAttestor |\n}\n', 'k8s_psat').textEdit.newText, '"k8s_psat"');
    assert.equal(item('agent {}\nplugins {\n  WorkloadAttestor "k|"\n}\n', 'k8s').textEdit.newText, 'k8s');
    assert.deepEqual(labels('agent {}\nplugins {\n  KeyManager "|" {}\n}\n').sort(), ['disk', 'memory']);
    assert.ok(labels('server {}\nplugins {\n  UpstreamAuthority "|"\n}\n').includes('cert-manager'));
  });

  it('offers the plugin block keys not yet set, and nothing inside plugin_data', () => {
    const inside = labels('agent {}\nplugins {\n  KeyManager "disk" {\n    plugin_data {}\n    |\n  }\n}\n');
    assert.deepEqual(inside.sort(), ['enabled', 'plugin_args', 'plugin_checksum', 'plugin_cmd', 'plugin_data_file']);
    assert.deepEqual(labels('agent {}\nplugins {\n  KeyManager "disk" {\n    plugin_data {\n      |\n    }\n  }\n}\n'), []);
  });

  it('offers the values of enum-like and boolean keys, quoted as the cursor needs', () => {
    assert.equal(item('server {\n  log_level = |\n}', 'debug').textEdit.newText, '"debug"');
    const inQuotes = 'agent {\n  trust_bundle_format = "sp|"\n}';
    const spiffe = item(inQuotes, 'spiffe');
    assert.equal(spiffe.textEdit.newText, 'spiffe');
    assert.equal(textOf(atCursor(inQuotes).text, spiffe.textEdit.range), 'sp');
    assert.deepEqual(labels('agent {\n  insecure_bootstrap = |\n}'), ['true', 'false']);
    assert.deepEqual(labels('server {\n  experimental {\n    feature_flags = ["|"]\n  }\n}'), ['i_am_a_test_flag', 'wit-svid']);
    assert.deepEqual(labels('agent {\n  workload_x509_svid_key_type = |'), ['rsa-2048', 'ec-p256', 'ec-p384']);
    assert.deepEqual(labels('server {\n  data_dir = |\n}'), []);
  });

  it('completes nested blocks and profile labels', () => {
    assert.deepEqual(labels('server {\n  federation {\n    |\n  }\n}').sort(), ['bundle_endpoint', 'federates_with']);
    assert.deepEqual(labels('server {\n  federation {\n    bundle_endpoint {\n      profile |\n    }\n  }\n}').sort(), ['https_spiffe', 'https_web']);
    assert.deepEqual(
      labels('server {\n  federation {\n    federates_with "b.test" {\n      bundle_endpoint_profile "https_spiffe" {\n        |\n      }\n    }\n  }\n}'),
      ['endpoint_spiffe_id'],
    );
    assert.deepEqual(labels('server {\n  federation {\n    federates_with "|" {}\n  }\n}'), [], 'a trust domain label is free text');
    assert.ok(labels('telemetry {\n  Prometheus {\n    tls {\n      |\n    }\n  }\n}').includes('client_ca_file'));
    assert.deepEqual(labels('agent {\n  experimental {\n    broker {\n      brokers = [\n        {\n          |\n        },\n      ]\n    }\n  }\n}').sort(), [
      'allowed_reference_types',
      'id',
    ]);
  });

  it('completes the JSON form: bare names inside quotes, quoted names outside', () => {
    assert.ok(labels('{\n  "agent": {\n    "trust_domain": "a",\n    "|"\n  }\n}').includes('server_address'));
    assert.ok(!labels('{\n  "agent": {\n    "trust_domain": "a",\n    "|"\n  }\n}').includes('trust_domain'));
    assert.equal(item('{\n  "agent": {\n    "|"\n  }\n}', 'data_dir').textEdit.newText, 'data_dir');
    assert.equal(item('{\n  "agent": {\n    |\n  }\n}', 'data_dir').textEdit.newText, '"data_dir"');
    assert.deepEqual(labels('{"agent": {}, "plugins": {"KeyManager": [{"|": {}}]}}').sort(), ['disk', 'memory']);
    assert.equal(item('{"agent": {"log_level": |}}', 'info').textEdit.newText, '"info"');
    assert.deepEqual(labels('{"agent": {"insecure_bootstrap": |}}'), ['true', 'false']);
  });

  it('offers nothing in a comment', () => {
    assert.deepEqual(labels('server {\n  # log_|\n}'), []);
    assert.deepEqual(labels('server {\n  // |\n}'), []);
  });
});
