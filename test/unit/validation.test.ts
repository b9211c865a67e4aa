import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { DIAGNOSTIC_CODES } from '../../server/src/documents/diagnostic';
import { validateYaml } from '../../server/src/service/validation/index';
import { marked } from '../support/marked';
import { peerAuthentication } from '../support/manifests';
import { ROOT } from '../rig/paths';

const registry = createDefaultRegistry();
const validate = (text: string) => validateYaml(parseYaml(text), registry);

describe('validation of PeerAuthentication', () => {
  for (const mode of ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT']) {
    it(`accepts mode ${mode}`, () => assert.deepEqual(validate(peerAuthentication(mode)), []));
  }

  it('flags an unknown mode as an error on the value, with the allowed values', () => {
    const { text, ranges } = marked(peerAuthentication('⟦MUTUAL⟧'));
    const [d, ...rest] = validate(text);
    assert.equal(rest.length, 0);
    assert.deepEqual(d.range, ranges[0]);
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.code, 'enum-value');
    assert.equal(d.source, 'mesh-mtls');
    assert.match(d.codeDescription!.href, /docs\/diagnostics\.md#enum-value$/);
    assert.equal(d.message, '"MUTUAL" is not a valid value for spec.mtls.mode. Use one of: UNSET, DISABLE, PERMISSIVE, STRICT.');
  });

  it('suggests the right case for a case mistake', () => {
    const [d] = validate(peerAuthentication('strict'));
    assert.match(d.message as string, /Did you mean "STRICT"\? Values are case-sensitive\./);
  });

  it('checks v1beta1 and port-level modes too, and quoted or non-string values', () => {
    const { text, ranges } = marked(`apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
spec:
  selector: { matchLabels: { app: web } }
  mtls: { mode: ⟦"Permissive"⟧ }
  portLevelMtls:
    8080:
      mode: ⟦42⟧
`);
    assert.deepEqual(
      validate(text).map((d) => d.range),
      ranges,
    );
  });

  it('leaves other kinds, unknown apiVersions and an empty mode alone', () => {
    assert.deepEqual(validate(peerAuthentication('MUTUAL', 'example.com/v1')), []);
    assert.deepEqual(validate(peerAuthentication('')), []);
    assert.deepEqual(validate('apiVersion: v1\nkind: ConfigMap\ndata:\n  mode: whatever\n'), []);
  });

  it('keeps validating the other documents of a stream after a syntax error', () => {
    const { text, ranges } = marked(`apiVersion: v1
kind: ConfigMap
data: ⟦a⟧: b
---
${peerAuthentication('⟦TLS⟧')}`);
    const diagnostics = validate(text);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['yaml-syntax', 'enum-value'],
    );
    assert.deepEqual(
      diagnostics.map((d) => d.range),
      ranges,
    );
  });

  it("takes another project's object as kubectl does: a quoted description continued at its key's depth is no error", () => {
    // As in opentelemetry-operator's released CRD bundle (tests/e2e-upgrade/upgrade-test/opentelemetry-operator-v0.86.0.yaml).
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: instrumentations.opentelemetry.io
spec:
  versions:
  - schema:
      openAPIV3Schema:
        properties:
          attrs:
            description: 'Attrs defines agent specific attributes.
            The precedence is: \`agent default attributes\` > \`instrument
            spec attributes\` .'
            type: array
`;
    const { text, ranges } = marked(`${crd}---\n${peerAuthentication('⟦TLS⟧')}`);
    const diagnostics = validate(text);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['enum-value'],
    );
    assert.deepEqual(
      diagnostics.map((d) => d.range),
      ranges,
    );
  });

  it('reports a duplicate key on the second occurrence', () => {
    const { text, ranges } = marked(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
spec:
  mtls:
    mode: STRICT
    ⟦mode⟧: PERMISSIVE
`);
    const [d] = validate(text).filter((x) => x.code === 'duplicate-key');
    assert.ok(d, 'a duplicate-key diagnostic');
    assert.deepEqual(d.range.start, ranges[0].start);
  });

  it('checks Helm templates around their {{ }} actions, leaving templated values alone', () => {
    const { text, ranges } = marked(`{{- if .Values.mtls.enabled }}
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: {{ include "chart.fullname" . }}
  namespace: {{ .Release.Namespace }}
spec:
  mtls:
    mode: {{ .Values.mtls.mode | quote }}
  portLevelMtls:
    "8080":
      mode: ⟦strict⟧
{{- end }}
`);
    assert.deepEqual(
      validate(text).map((d) => [d.code, d.range]),
      [['enum-value', ranges[0]]],
    );
  });

  it('never throws on hostile input', () => {
    for (const text of [
      '',
      '---\n---\n',
      ': : :',
      '\u0000\u0001binary\uFFFD',
      '[[[[[[[[',
      'a: *undefined',
      `${'- '.repeat(500)}x`,
      'kind: PeerAuthentication\napiVersion: security.istio.io/v1\nspec: [1, 2]\n',
    ]) {
      assert.doesNotThrow(() => validate(text), JSON.stringify(text));
    }
  });
});

describe('template masking', () => {
  it('stays linear on long lines of template actions', () => {
    const line = `${'{{ x }}'.repeat(40)} y`;
    const started = process.hrtime.bigint();
    validateYaml(parseYaml(`apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  mtls:\n    mode: STRICT\n${line}\n`), registry);
    // No timing threshold: the old backtracking regex needed minutes for this line, so it fails by mocha's timeout.
    assert.ok(process.hrtime.bigint() > started);
  });
});

describe('diagnostic codes', () => {
  it('each has its own entry in docs/diagnostics.md, and each entry a code', () => {
    const headings = [...readFileSync(path.join(ROOT, 'docs', 'diagnostics.md'), 'utf8').matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
    assert.deepEqual([...headings].sort(), [...DIAGNOSTIC_CODES].sort());
  });
});
