import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tests as conformance } from '@bufbuild/cel-spec/testdata/conformance.js';
import { checkRule, isDuration } from '../../server/src/cel';
import { parseDuration } from '../../server/src/cel/kubernetes';

const ROOT = path.join(__dirname, '..', '..', '..');

/** Every x-kubernetes-validations rule in a CRD schema tree. */
function rulesIn(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) rulesIn(item, into);
  else if (schema && typeof schema === 'object') {
    const validations = (schema as Record<string, unknown>)['x-kubernetes-validations'];
    if (Array.isArray(validations)) for (const { rule } of validations as Array<{ rule: string }>) into.add(rule);
    for (const value of Object.values(schema)) rulesIn(value, into);
  }
  return into;
}

// Each CRD rule with a value the API server accepts and one it refuses.
const CRD_RULES: Record<string, { pass: unknown; fail: unknown }> = {
  "duration(self) >= duration('1ms')": { pass: '1h30m', fail: '500us' },
  '(has(self.jwksUri) ? 1 : 0) + (has(self.jwks_uri) ? 1 : 0) + (has(self.jwks) ? 1 : 0) <= 1': {
    pass: { jwksUri: 'https://idp/keys' },
    fail: { jwksUri: 'https://idp/keys', jwks: '{}' },
  },
  'url(self).getScheme() in ["http", "https"]': { pass: 'https://idp.example.com/keys', fail: 'ftp://idp.example.com/keys' },
  'self.all(key, !key.contains("*"))': { pass: { app: 'x' }, fail: { 'app*': 'x' } },
  'self.all(key, key.size() != 0)': { pass: { app: 'x' }, fail: { '': 'x' } },
  '!self.contains("*")': { pass: 'foo.example.com', fail: '*.example.com' },
  'self.all(key, 0 < int(key) && int(key) <= 65535)': { pass: { '8080': { mode: 'STRICT' } }, fail: { '70000': { mode: 'STRICT' } } },
  '(has(self.serviceAccounts) || has(self.notServiceAccounts)) ? (!has(self.principals) &&\n!has(self.notPrincipals) && !has(self.namespaces) && !has(self.notNamespaces)) : true':
    {
      pass: { serviceAccounts: ['default/web'] },
      fail: { serviceAccounts: ['default/web'], namespaces: ['default'] },
    },
  'has(self.portLevelMtls) ? (((has(self.selector) && has(self.selector.matchLabels)) ? self.selector.matchLabels : {}).size() > 0) : true': {
    pass: { selector: { matchLabels: { app: 'web' } }, portLevelMtls: { '8080': { mode: 'DISABLE' } } },
    fail: { portLevelMtls: { '8080': { mode: 'DISABLE' } } },
  },
  '(has(self.selector) ? 1 : 0) + (has(self.targetRef) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1': {
    pass: { targetRef: { kind: 'Gateway', name: 'gw' } },
    fail: { selector: {}, targetRef: { kind: 'Gateway', name: 'gw' } },
  },
  'self.size() == 0': { pass: {}, fail: { a: 1 } },
  '(has(self.tpp) ? 1 : 0) + (has(self.cloud) ? 1 : 0) + (has(self.ngts) ? 1 : 0) == 1': {
    pass: { cloud: { apiTokenSecretRef: { name: 'venafi' } } },
    fail: {},
  },
};

describe('CEL rules (@bufbuild/cel with the Kubernetes libraries)', () => {
  describe('every x-kubernetes-validations rule of the CRDs', () => {
    const generated = rulesIn(JSON.parse(readFileSync(path.join(ROOT, 'server', 'src', 'schema', 'generated', 'crds.json'), 'utf8')));

    it('has a passing and a failing case here for each rule the schemas carry', () => {
      assert.ok(generated.size > 0);
      assert.deepEqual(
        [...generated].filter((rule) => !(rule in CRD_RULES)),
        [],
      );
    });

    for (const [rule, { pass, fail }] of Object.entries(CRD_RULES)) {
      it(`evaluates ${rule.replace(/\s+/g, ' ')}`, () => {
        assert.equal(checkRule(rule, pass), 'pass');
        assert.equal(checkRule(rule, fail), 'fail');
      });
    }
  });

  describe('error absorption in || and && (cel-spec simple test logic.textproto, sections AND, OR and NOT)', () => {
    const logic = conformance.suites!.find((suite) => suite.name === 'logic')!;
    const sections = logic.suites!.filter((suite) => ['AND', 'OR', 'NOT'].includes(suite.name));

    it('finds the sections in the shipped conformance data', () => {
      assert.deepEqual(
        sections.map((suite) => suite.name),
        ['AND', 'OR', 'NOT'],
      );
    });

    for (const section of sections) {
      for (const { original } of section.tests!) {
        const value = original.value as { boolValue?: boolean } | undefined;
        const outcome = value ? String(value.boolValue ?? false) : 'an error';
        it(`${section.name}/${original.name}: ${original.expr} is ${outcome}`, () => {
          assert.ok(value !== undefined || original.evalError !== undefined);
          // A rule passes only on true; negated, it passes only on false, so an error fails both ways.
          assert.equal(checkRule(original.expr, null), value?.boolValue === true ? 'pass' : 'fail');
          assert.equal(checkRule(`!(${original.expr})`, null), value && value.boolValue !== true ? 'pass' : 'fail');
        });
      }
    }

    it('absorbs an error on either side of || when the other side is true, with self bound', () => {
      assert.equal(checkRule('int(self.port) > 0 || self.open', { port: 'x', open: true }), 'pass');
      assert.equal(checkRule('self.open || int(self.port) > 0', { port: 'x', open: true }), 'pass');
      assert.equal(checkRule('int(self.port) > 0 || self.open', { port: 'x', open: false }), 'fail');
    });

    it('absorbs an error on either side of && when the other side is false', () => {
      assert.equal(checkRule('self.missing == 1 && self.open', { open: false }), 'fail');
      assert.equal(checkRule('!(self.missing == 1 && self.open)', { open: false }), 'pass');
      assert.equal(checkRule('!(self.open && self.missing == 1)', { open: false }), 'pass');
      assert.equal(checkRule('!(self.open && self.missing == 1)', { open: true }), 'fail');
    });
  });

  describe('Kubernetes functions', () => {
    it('duration() reads Go durations (fractions, several units, µs) and refuses days', () => {
      assert.equal(checkRule("duration(self) == duration('90m')", '1.5h'), 'pass');
      assert.equal(checkRule("duration(self) > duration('1h59m59s')", '2h'), 'pass');
      assert.equal(checkRule("duration(self) == duration('1000ns')", '1µs'), 'pass');
      assert.equal(checkRule("duration(self) > duration('0s')", '1d'), 'fail');
      assert.equal(checkRule("duration(self) > duration('0s')", ''), 'fail');
    });

    it('parseDuration gives whole nanoseconds, and nothing for a non-duration', () => {
      const parsed = parseDuration('1h0.5s')!;
      assert.equal(parsed.seconds, 3600n);
      assert.equal(parsed.nanos, 500_000_000);
      assert.equal(parseDuration('90'), undefined);
    });

    it('isDuration answers as parseDuration does, zero included', () => {
      for (const text of ['0', '0s', '-1.5h', '1h0.5s', '1µs', '90', '1d', '', '3000000h'])
        assert.equal(isDuration(text), parseDuration(text) !== undefined, text);
    });

    it('url() and its parts, and isURL()', () => {
      const url = 'https://idp.example.com:8443/a%20b?x=1';
      assert.equal(checkRule("url(self).getScheme() == 'https'", url), 'pass');
      assert.equal(checkRule("url(self).getHost() == 'idp.example.com:8443'", url), 'pass');
      assert.equal(checkRule("url(self).getHostname() == 'idp.example.com'", url), 'pass');
      assert.equal(checkRule("url(self).getPort() == '8443'", url), 'pass');
      assert.equal(checkRule("url(self).getEscapedPath() == '/a%20b'", url), 'pass');
      assert.equal(checkRule("url(self).getScheme() == ''", '/keys'), 'pass');
      assert.equal(checkRule("url(self).getScheme() == 'https'", 'not a url'), 'fail');
      assert.equal(checkRule('isURL(self)', 'https://idp'), 'pass');
      assert.equal(checkRule('isURL(self)', 'not a url'), 'fail');
    });

    it('string functions: contains, startsWith, endsWith, matches, lowerAscii, upperAscii, split, join, replace, trim, indexOf', () => {
      assert.equal(checkRule("self.contains('.example') && self.startsWith('api') && self.endsWith('.com')", 'api.example.com'), 'pass');
      assert.equal(checkRule("self.matches('^[a-z0-9-]+$')", 'web-1'), 'pass');
      assert.equal(checkRule("self.matches('^[a-z0-9-]+$')", 'Web_1'), 'fail');
      assert.equal(checkRule("self.lowerAscii() == 'web' && self.upperAscii() == 'WEB'", 'Web'), 'pass');
      assert.equal(checkRule("self.split('/').size() == 2 && self.split('/')[0] == 'default'", 'default/web'), 'pass');
      assert.equal(checkRule("self.join(',') == 'a,b'", ['a', 'b']), 'pass');
      assert.equal(checkRule("self.replace('*', 'x') == 'x.example.com' && self.trim() == self && self.indexOf('.') == 1", '*.example.com'), 'pass');
    });

    it('int() of strings, size(), has(), in, and the all/exists/exists_one/filter/map macros', () => {
      assert.equal(checkRule('int(self) == 8080', '8080'), 'pass');
      assert.equal(checkRule('int(self) > 0', 'eighty'), 'fail');
      assert.equal(checkRule('size(self) == 3 && self.size() == 3', 'µs!'), 'pass');
      assert.equal(checkRule('has(self.a) && !has(self.b)', { a: 1 }), 'pass');
      assert.equal(checkRule("'STRICT' in self && 'x' in {'x': 1}", ['STRICT']), 'pass');
      assert.equal(checkRule('self.exists(p, p > 100) && self.exists_one(p, p == 80) && !self.all(p, p > 100)', [80, 443]), 'pass');
      assert.equal(checkRule('self.filter(p, p > 100) == [443] && self.map(p, p + 1) == [81, 444]', [80, 443]), 'pass');
    });

    it('reads whole numbers as ints and compares them with doubles by value', () => {
      assert.equal(checkRule('self.port % 2 == 0 && self.port == 8080.0 && self.ratio < 1', { port: 8080, ratio: 0.5 }), 'pass');
    });
  });

  describe('values as rules see them', () => {
    it('a map key named __proto__ is one more key, as YAML read it, not the prototype', () => {
      const value = JSON.parse('{"__proto__": {"a": 1}, "b": 2}') as unknown;
      assert.equal(checkRule('"__proto__" in self', value), 'pass');
      assert.equal(checkRule('self.size() == 2', value), 'pass');
      assert.equal(checkRule('self.__proto__.a == 1', value), 'pass');
    });

    it('nested lists and maps keep their order, with whole numbers as ints', () => {
      const value = { ports: [{ number: 8080 }, { number: 9.5 }], names: ['a', 'b'] };
      assert.equal(checkRule('self.ports[0].number == 8080 && type(self.ports[0].number) == int', value), 'pass');
      assert.equal(checkRule('type(self.ports[1].number) == double && self.names[1] == "b"', value), 'pass');
    });
  });

  describe('what stays unsupported or passes', () => {
    it('a rule the library cannot parse is unsupported', () => {
      assert.equal(checkRule('self.size() >', 'x'), 'unsupported');
    });

    it('a rule calling a function the environment lacks is unsupported', () => {
      assert.equal(checkRule("quantity(self).isGreaterThan(quantity('1'))", '2'), 'unsupported');
    });

    it('a transition rule passes without an old object, and is evaluated with one', () => {
      assert.equal(checkRule('self == oldSelf', 'a'), 'pass');
      assert.equal(checkRule('self == oldSelf', 'a', 'b'), 'fail');
      assert.equal(checkRule('self == oldSelf', 'a', 'a'), 'pass');
    });

    it('an evaluation error fails the rule', () => {
      assert.equal(checkRule('self.missing == 1', {}), 'fail');
      assert.equal(checkRule("self.contains('*')", 42), 'fail');
    });
  });
});

describe('CEL engine loading', () => {
  it('is deferred to the first rule: the duration format alone leaves @bufbuild unloaded', () => {
    // In a process of its own: this one has loaded the engine already.
    const script = `
      const cel = require(${JSON.stringify(path.join(__dirname, '..', '..', 'server', 'src', 'cel'))});
      const loaded = () => Object.keys(require.cache).some((file) => file.includes('@bufbuild'));
      const steps = [loaded()];
      cel.isDuration('1h');
      steps.push(loaded());
      steps.push(cel.checkRule('self > 1', 2), loaded());
      process.stdout.write(JSON.stringify(steps));`;
    assert.deepEqual(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })), [false, false, 'pass', true]);
  });
});
