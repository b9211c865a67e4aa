import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../rig/paths';

const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8' });
const server = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'dist', 'server.js'), ...args], { encoding: 'utf8' });
const packageVersion = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;

describe('the mesh-mtls CLI and the server binary', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'mm-cli-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints usage with --help and its version with --version', () => {
    const help = cli('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage:/m);
    assert.match(help.stdout, /Exit codes:/);
    assert.equal(cli('--version').stdout.trim(), packageVersion);
  });

  it('lint: prints file:line:column findings and exits 1 on errors, 0 when clean', () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  mtls:\n    mode: Strict\n');
    const result = cli('lint', bad);
    assert.equal(result.status, 1);
    assert.equal(
      result.stdout.trim(),
      `${bad}:5:11: error [enum-value] "Strict" is not a valid value for spec.mtls.mode. Use one of: UNSET, DISABLE, PERMISSIVE, STRICT. Did you mean "STRICT"? Values are case-sensitive.`,
    );
    assert.equal(cli('lint', path.join(ROOT, 'examples', 'istio', 'peer-authentication.yaml')).status, 0);
    assert.equal(cli('validate', bad).status, 1, 'validate stays an alias of lint');
  });

  it('lint --format json: LSP ranges and severities for every YAML file of a folder', () => {
    const folder = path.join(dir, 'tree');
    mkdirSync(path.join(folder, 'nested'), { recursive: true });
    writeFileSync(path.join(folder, 'nested', 'pa.yml'), 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  mtlz: {}\n');
    writeFileSync(path.join(folder, 'notes.txt'), 'mode: Strict');
    const result = cli('lint', '--format', 'json', folder);
    assert.equal(result.status, 0, 'an unknown field is a warning');
    assert.deepEqual(JSON.parse(result.stdout), [
      {
        file: path.join(folder, 'nested', 'pa.yml'),
        range: { start: { line: 3, character: 2 }, end: { line: 3, character: 6 } },
        severity: 'warning',
        code: 'unknown-field',
        message: 'spec has no field "mtlz". Did you mean "mtls"?',
      },
    ]);
    assert.equal(cli('lint', '--format', 'xml', folder).status, 2);
  });

  it("lint: a folder's SPIRE configs and proxy secret dumps (Envoy's and ztunnel's) are checked, other .conf and .json files are not", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mm-cli-kinds-'));
    try {
      writeFileSync(path.join(dir, 'package.json'), '{"name": "x", "version": "1.0.0"}\n');
      writeFileSync(path.join(dir, 'nginx.conf'), 'events {}\nhttp { server { listen 80; } }\n');
      writeFileSync(path.join(dir, 'server.conf'), 'server {\n  trust_domain = "Example.org"\n  data_dir = "/d"\n}\nplugins {}\n');
      writeFileSync(path.join(dir, 'dump.json'), readFileSync(path.join(ROOT, 'test', 'fixtures', 'envoy', 'istio-sidecar-config_dump.json'), 'utf8'));
      writeFileSync(path.join(dir, 'ztunnel.json'), readFileSync(path.join(ROOT, 'test', 'fixtures', 'ztunnel', 'ztunnel-certificates.json'), 'utf8'));
      const result = cli('lint', '--format', 'json', dir);
      const files = new Set((JSON.parse(result.stdout) as Array<{ file: string; code: string }>).map((f) => path.basename(f.file)));
      assert.deepEqual([...files].sort(), ['dump.json', 'server.conf', 'ztunnel.json']);
      assert.equal(result.status, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on a wrong command line or an unreadable file', () => {
    assert.equal(cli().status, 2);
    assert.equal(cli('frobnicate').status, 2);
    assert.equal(cli('lint').status, 2);
    const missing = cli('lint', path.join(dir, 'nope.yaml'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read .*nope\.yaml: ENOENT/);
  });

  it('reads options the same way in every command: repeated, inline, stdin, and precise refusals', () => {
    const cases: Array<[string[], RegExp]> = [
      [['lint', '--bogus', 'x.yaml'], /^mesh-mtls: lint: unknown option --bogus\n\n/],
      [['lint', '--format'], /^mesh-mtls: lint: --format needs a value\n/],
      [['lint', '-x'], /^mesh-mtls: lint: unknown option -x\n/],
      [['lint', '--fail-on=constructor', 'x.yaml'], /--fail-on must be error, warning or never, not "constructor"/],
      [['inspect', '--json=yes', '-'], /^mesh-mtls: inspect: --json takes no value\n/],
      [['ca', 'create', '--out', '--json'], /^mesh-mtls: ca create: --out needs a value\n/],
      [['ca', 'create', '--out', dir, '--name', 'a', '--name=b'], /^mesh-mtls: ca create: --name is given twice\n/],
      [['export', 'istio', '--out', dir, '--'], /^mesh-mtls: export istio: unknown option --\n/],
    ];
    for (const [args, message] of cases) {
      const result = cli(...args);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
      assert.match(result.stderr, /Usage:/, args.join(' '));
    }
    const bad = path.join(dir, 'repeat.yaml');
    writeFileSync(bad, 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  mtls:\n    mode: Strict\n');
    // The last --format counts, and --name=value reads as --name value.
    const json = cli('lint', '--format', 'sarif', '--format=json', bad);
    assert.equal(json.status, 1);
    assert.equal(JSON.parse(json.stdout)[0].code, 'enum-value');
  });

  it('an internal error exits 2 (never 1, which means findings) and says it is a bug in mesh-mtls, with the stack', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'lint', path.join(ROOT, 'examples', 'istio', 'peer-authentication.yaml')], {
      encoding: 'utf8',
      env: { ...process.env, MESH_MTLS_TEST_INTERNAL_ERROR: 'lint' },
    });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^mesh-mtls: internal error: this is a bug in mesh-mtls \d+\.\d+\.\d+/);
    assert.match(result.stderr, /report it at https:\/\/github\.com\/mesh-mtls\/vscode-mesh-mtls\/issues/);
    assert.match(result.stderr, /Error: forced by MESH_MTLS_TEST_INTERNAL_ERROR=lint\n\s+at /);
    assert.doesNotMatch(result.stderr, /Usage:/);
  });

  it('schema: prints a JSON Schema per apiVersion/Kind', () => {
    const result = cli('schema');
    assert.equal(result.status, 0);
    const schema = JSON.parse(result.stdout);
    assert.deepEqual(schema['security.istio.io/v1/PeerAuthentication'].properties.spec.properties.mtls.properties.mode.enum, [
      'UNSET',
      'DISABLE',
      'PERMISSIVE',
      'STRICT',
    ]);
  });

  it('server: --version, --help, and usage with exit 2 when no transport is given', () => {
    assert.equal(server('--version').stdout.trim(), packageVersion);
    assert.match(server('--help').stdout, /--stdio/);
    assert.equal(server().status, 2);
  });
});
