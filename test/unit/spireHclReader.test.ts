import * as assert from 'node:assert/strict';
import { entries, readHcl, type HclObject, type HclValue } from '../../server/src/spire/hclReader';
import { Section } from '../../server/src/spire/model';

/** The document as plain data: keys to values, repeated keys as arrays of their values in order. */
function plain(value: HclValue): unknown {
  if (value.kind === 'object') {
    const out: Record<string, unknown[]> = {};
    for (const e of entries(value)) (out[e.key.text] ??= []).push(plain(e.value));
    return out;
  }
  if (value.kind === 'list') return value.items.map(plain);
  return value.value;
}

function root(text: string): HclObject {
  const doc = readHcl(text);
  assert.deepEqual(doc.errors, [], 'no syntax errors');
  return doc.root;
}

describe('SPIRE HCL v1 reader', () => {
  it('reads blocks, assignments, lists, numbers, bools and comments', () => {
    const doc = root(`# comment
server {
  bind_port = 8081 // trailing
  /* block
     comment */
  admin_ids = ["spiffe://a/b", "spiffe://a/c",]
  audit_log_enabled = true
}`);
    assert.deepEqual(plain(doc), { server: [{ bind_port: ['8081'], admin_ids: [['spiffe://a/b', 'spiffe://a/c']], audit_log_enabled: [true] }] });
  });

  it('unfolds labelled blocks, quoted block types and commas between items as HCL v1 does', () => {
    const doc = root(`plugins {
  NodeAttestor "k8s_psat" { plugin_data { cluster = "a" } }
  "KeyManager" "disk" plugin_data { keys_path = "/k" },
  WorkloadAttestor { unix { plugin_data { } } }
}`);
    assert.deepEqual(plain(doc), {
      plugins: [
        {
          NodeAttestor: [{ k8s_psat: [{ plugin_data: [{ cluster: ['a'] }] }] }],
          KeyManager: [{ disk: [{ plugin_data: [{ keys_path: ['/k'] }] }] }],
          WorkloadAttestor: [{ unix: [{ plugin_data: [{}] }] }],
        },
      ],
    });
  });

  it('decodes string escapes and heredocs', () => {
    const doc = root('a = "x\\"y\\n\\u00e9"\nb = <<EOT\nline1\nline2\nEOT\nc = <<-EOT\n  in\n  EOT\n');
    assert.deepEqual(plain(doc), { a: ['x"y\né'], b: ['line1\nline2\n'], c: ['  in\n'] });
  });

  it('reads text starting with "{" as JSON and repeats a key once per object of a list', () => {
    const doc = readHcl(
      '{\n  "server": {"bind_port": "8081", "audit_log_enabled": false},\n  "plugins": {"NodeAttestor": [{"k8s_psat": {}}, {"x509pop": {}}]}\n}\n',
    );
    assert.equal(doc.json, true);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(plain(doc.root), {
      server: [{ bind_port: ['8081'], audit_log_enabled: [false] }],
      plugins: [{ NodeAttestor: [{ k8s_psat: [{}] }, { x509pop: [{}] }] }],
    });
  });

  it('gives every key and value its line and character range', () => {
    const doc = root('server {\n  trust_domain = "example.org"\n}\n');
    const server = entries(doc)[0];
    assert.deepEqual(server.key.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } });
    const td = entries(server.value as HclObject)[0];
    assert.deepEqual(td.key.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 14 } });
    assert.deepEqual(td.value.range, { start: { line: 1, character: 17 }, end: { line: 1, character: 30 } });
  });

  it('reports a missing value where it is missing and still reads the lines after it', () => {
    const doc = readHcl('server {\n  trust_domain = "a"\n  data_dir =\n  bind_port = 1\n}\nplugins {}\n');
    assert.equal(doc.errors.length, 1);
    assert.deepEqual(doc.errors[0].range.start, { line: 2, character: 12 });
    assert.deepEqual(plain(doc.root), { server: [{ trust_domain: ['a'], bind_port: ['1'] }], plugins: [{}] });
  });

  it('reports an unclosed block and an unclosed string without throwing', () => {
    const open = readHcl('server {\n  trust_domain = "a"\n');
    assert.match(open.errors[0].message, /never closed/);
    assert.deepEqual(open.errors[0].range.start, { line: 0, character: 7 });
    const string = readHcl('server {\n  trust_domain = "a\n  data_dir = "b"\n}\n');
    assert.match(string.errors[0].message, /not closed/);
    assert.deepEqual(plain(string.root), { server: [{ trust_domain: ['a'], data_dir: ['b'] }] });
  });

  it('refuses an unquoted word as a value, as HCL v1 does', () => {
    const doc = readHcl('server {\n  events_based_cache = EVENTS_BASED_CACHE\n  data_dir = "d"\n}\n');
    assert.equal(doc.errors.length, 1);
    assert.equal(doc.errors[0].range.start.line, 1);
    assert.deepEqual(plain(doc.root), { server: [{ data_dir: ['d'] }] });
  });

  it('never throws on arbitrary bytes', () => {
    for (const text of ['}', ']', '= =', '{', '{"a":', 'a "b" = 1', '<<', '"', '/*', 'a = [1,', 'a = {', '\u0000\uffff', 'a b c']) {
      const doc = readHcl(text);
      assert.ok(doc.errors.length > 0, `an error for ${JSON.stringify(text)}`);
    }
  });

  it('matches keys ignoring case and merges repeated blocks, the last scalar winning', () => {
    const top = Section.of('top-level', [root('server { Trust_Domain = "a" }\nSERVER { trust_domain = "b"\n data_dir = "d" }\n')]);
    const server = top.section('server')!;
    assert.equal(plain(server.last('trust_domain')!.value), 'b');
    assert.equal(plain(server.last('DATA_DIR')!.value), 'd');
    assert.equal(server.objects.length, 2);
  });
});
