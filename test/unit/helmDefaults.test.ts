import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { resourcesOf } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { chartOf, definitionsIn, forgetChart } from '../../server/src/documents/helmChart';
import { conditionHolds, renderAction } from '../../server/src/documents/helmDefaults';
import { ParseCache } from '../../server/src/documents/parseCache';
import { parseDocument } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { validateYaml } from '../../server/src/service/validation/index';

const registry = createDefaultRegistry();

const HELPERS = `{{/* The name helper helm create writes. */}}
{{- define "demo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "demo.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
`;

const VALUES = `nameOverride: ""
fullnameOverride: ""
mtls:
  mode: STRICT
policy:
  enabled: false
  action: ALOW
web:
  name: web
  port: 8080
big: 1000000
empty: ""
`;

/** A chart on disk: Chart.yaml, values.yaml, a helpers file and the given templates. */
function chart(values = VALUES, name = 'demo'): { root: string; write(file: string, text: string): string } {
  const root = mkdtempSync(path.join(tmpdir(), 'mm-chart-'));
  roots.push(root);
  mkdirSync(path.join(root, 'templates'));
  writeFileSync(path.join(root, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 1.2.3\n`);
  writeFileSync(path.join(root, 'values.yaml'), values);
  writeFileSync(path.join(root, 'templates', '_helpers.tpl'), HELPERS);
  return {
    root,
    write(file, text) {
      const at = path.join(root, 'templates', file);
      writeFileSync(at, text);
      return pathToFileURL(at).href;
    },
  };
}
const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const parsedAt = (uri: string, text: string) => parseDocument(uri, 'yaml', 1, text).yaml!;
const diagnosticsOf = (uri: string, text: string) =>
  validateYaml(parsedAt(uri, text), registry).map((d) => ({
    at: `${d.range.start.line + 1}:${d.range.start.character + 1}`,
    code: String(d.code),
    message: d.message,
  }));

const PEER_AUTHENTICATION = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: {{ include "demo.name" . }}
  namespace: {{ .Release.Namespace }}
spec:
  mtls:
    mode: {{ .Values.mtls.mode }}
`;

describe('Helm chart defaults', () => {
  it('checks a value as values.yaml gives it, at the action, and says the verdict is about the default', () => {
    const c = chart(VALUES.replace('mode: STRICT', 'mode: STRIC'));
    const found = diagnosticsOf(c.write('pa.yaml', PEER_AUTHENTICATION), PEER_AUTHENTICATION);
    assert.deepEqual(
      found.map((d) => `${d.at} ${d.code}`),
      ['8:11 enum-value'],
    );
    assert.match(String(found[0].message), /"STRIC".*\.Values\.mtls\.mode in values\.yaml/);
    // With a valid default the same template has nothing to say.
    assert.deepEqual(diagnosticsOf(chart().write('pa.yaml', PEER_AUTHENTICATION), PEER_AUTHENTICATION), []);
  });

  it('reads quoted actions and `| quote` alike, and keeps every later offset in place', () => {
    const text =
      PEER_AUTHENTICATION.replace('mode: {{ .Values.mtls.mode }}', 'mode: "{{ .Values.mtls.mode }}"') +
      '  selector:\n    matchLabels:\n      app: web\n  portLevelMtls:\n    8080:\n      mode: {{ .Values.mtls.mode | quote }}\n    9090:\n      mode: BAD\n';
    const c = chart(VALUES.replace('mode: STRICT', 'mode: STRIC'));
    assert.deepEqual(
      diagnosticsOf(c.write('pa.yaml', text), text).map((d) => `${d.at} ${d.code}`),
      ['8:11 enum-value', '14:13 enum-value', '16:13 enum-value'],
    );
  });

  it('leaves a value unknown where the defaults do not render it: an `if` that is off, or a condition that cannot be known offline', () => {
    const policy = (condition: string) => `{{- if ${condition} }}
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: p
spec:
  action: {{ .Values.policy.action }}
{{- end }}
`;
    const c = chart();
    assert.deepEqual(diagnosticsOf(c.write('p1.yaml', policy('.Values.policy.enabled')), policy('.Values.policy.enabled')), []);
    assert.deepEqual(
      diagnosticsOf(
        c.write('p2.yaml', policy('.Capabilities.APIVersions.Has "security.istio.io/v1"')),
        policy('.Capabilities.APIVersions.Has "security.istio.io/v1"'),
      ),
      [],
    );
    assert.deepEqual(
      diagnosticsOf(
        c.write('p3.yaml', policy('semverCompare ">=1.22" .Capabilities.KubeVersion.Version')),
        policy('semverCompare ">=1.22" .Capabilities.KubeVersion.Version'),
      ),
      [],
    );
    // Rendered: `not` of an off switch, and the else branch of an off switch.
    assert.deepEqual(
      diagnosticsOf(c.write('p4.yaml', policy('not .Values.policy.enabled')), policy('not .Values.policy.enabled')).map((d) => d.code),
      ['enum-value'],
    );
    const elseBranch = policy('.Values.policy.enabled').replace(
      '  action: {{ .Values.policy.action }}\n',
      '  action: ALLOW\n{{- else }}\n---\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: q\nspec:\n  action: {{ .Values.policy.action }}\n',
    );
    assert.deepEqual(
      diagnosticsOf(c.write('p5.yaml', elseBranch), elseBranch).map((d) => d.code),
      ['enum-value'],
    );
  });

  it('never reads .Values inside with or range, where `.` is another value', () => {
    const text = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: p
spec:
  mtls:
    {{- with .Values.mtls }}
    mode: {{ .Values.mtls.mode }}
    {{- end }}
`;
    const c = chart(VALUES.replace('mode: STRICT', 'mode: STRIC'));
    assert.deepEqual(diagnosticsOf(c.write('with.yaml', text), text), []);
  });

  it('never substitutes an empty default, a map, a number Go would print in exponent form, values a template changes, or a values.yaml that is itself a template', () => {
    const text = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: c
spec:
  secretName: {{ .Values.empty }}
  commonName: {{ .Values.mtls }}
  duration: {{ .Values.big }}
  dnsNames: [a.example]
  issuerRef:
    name: ca
`;
    const c = chart();
    const parsed = parsedAt(c.write('cert.yaml', text), text);
    assert.equal(parsed.defaults ?? undefined, undefined);
    // Istio's charts merge their own defaults into .Values as they render: values.yaml no longer says what renders.
    const merged = `{{- $_ := set $ "Values" (mergeOverwrite (deepCopy .Values._defaults) $.Values) }}\n${PEER_AUTHENTICATION}`;
    assert.equal(parsedAt(c.write('merged.yaml', merged), merged).defaults, undefined);
    assert.equal(parsedAt(c.write('pa.yaml', PEER_AUTHENTICATION), PEER_AUTHENTICATION).defaults?.length, 2);
    const templated = chart(`${VALUES}x: {{ .Values.y }}\n`);
    assert.equal(parsedAt(templated.write('pa.yaml', PEER_AUTHENTICATION), PEER_AUTHENTICATION).defaults, undefined);
  });

  it('places every resource of a chart in its release namespace, however the template spells it, and two charts apart', () => {
    const c = chart();
    const account = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: {{ $.Release.Namespace | quote }}
`;
    const policy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow
spec:
  rules:
  - from:
    - source:
        principals: [cluster.local/ns/{{ .Release.Namespace }}/sa/web]
`;
    const files = [c.write('sa.yaml', account), c.write('policy.yaml', policy)];
    const resources = files.flatMap((uri, i) => resourcesOf(uri, parsedAt(uri, [account, policy][i])));
    assert.deepEqual([...new Set(resources.map((r) => r.namespace))], ['{{ .Release.Namespace }} of chart demo']);
    const other = chart(VALUES, 'other');
    const elsewhere = other.write('sa.yaml', account);
    assert.deepEqual(
      resourcesOf(elsewhere, parsedAt(elsewhere, account)).map((r) => r.namespace),
      ['{{ .Release.Namespace }} of chart other'],
    );
  });

  it('names resources by what a simple helper renders, and matches a selector left out by default to the pods it selects', () => {
    const c = chart();
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "demo.name" . }}
spec:
  selector:
    matchLabels:
      app: {{ .Values.web.name }}
  template:
    metadata:
      labels:
        app: {{ .Values.web.name }}
    spec:
      containers:
      - name: web
        image: example/web
`;
    const policy = `{{- if .Values.policy.enabled }}
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: {{ include "demo.fullname" . }}
spec:
  selector:
    matchLabels:
      app: {{ .Values.web.name }}
  action: ALLOW
  rules:
  - {}
{{- end }}
`;
    const uris = [c.write('deployment.yaml', deployment), c.write('policy.yaml', policy)];
    const resources = uris.flatMap((uri, i) => resourcesOf(uri, parsedAt(uri, [deployment, policy][i])));
    // demo.name renders the chart's name; demo.fullname needs .Release.Name and stays as written.
    assert.deepEqual(
      resources.map((r) => r.name),
      ['demo', '{{ include "demo.fullname" . }}'],
    );
    const findings = analyzeWorkspace(new WorkspaceModel(resources));
    assert.deepEqual(
      findings.filter((f) => f.code === 'selector-no-workload'),
      [],
    );
    // A selector that does not match is still reported, by the value the defaults give.
    const missing = policy.replace('app: {{ .Values.web.name }}', 'app: {{ .Values.mtls.mode }}');
    const uri = c.write('policy.yaml', missing);
    const mismatch = analyzeWorkspace(
      new WorkspaceModel([...resourcesOf(uris[0], parsedAt(uris[0], deployment)), ...resourcesOf(uri, parsedAt(uri, missing))]),
    ).filter((f) => f.code === 'selector-no-workload');
    assert.equal(mismatch.length, 1);
    assert.match(mismatch[0].message, /app=STRICT/);
    assert.doesNotMatch(mismatch[0].message, /xxxx/);
  });

  it("re-reads an open template once told values.yaml changed (the server is, by the editor's file events)", () => {
    const c = chart();
    const uri = c.write('pa.yaml', PEER_AUTHENTICATION);
    const cache = new ParseCache();
    const document = TextDocument.create(uri, 'yaml', 1, PEER_AUTHENTICATION);
    assert.deepEqual(validateYaml(cache.get(document).yaml!, registry), []);
    writeFileSync(path.join(c.root, 'values.yaml'), VALUES.replace('mode: STRICT', 'mode: LOOSE') + '# edited\n');
    forgetChart(pathToFileURL(path.join(c.root, 'values.yaml')).href);
    assert.deepEqual(
      validateYaml(cache.get(document).yaml!, registry).map((d) => String(d.code)),
      ['enum-value'],
    );
  });

  it('finds no chart for a file outside a templates folder, or one whose templates folder has no Chart.yaml beside it', () => {
    const c = chart();
    writeFileSync(path.join(c.root, 'loose.yaml'), PEER_AUTHENTICATION);
    assert.equal(chartOf(pathToFileURL(path.join(c.root, 'loose.yaml')).href), undefined);
    assert.equal(chartOf('untitled:Untitled-1'), undefined);
    assert.equal(chartOf(c.write('pa.yaml', PEER_AUTHENTICATION))?.name, 'demo');
  });
});

describe('Helm template expressions with the defaults', () => {
  const c = chart();
  const demo = chartOf(c.write('x.yaml', ''))!;

  it('renders the functions charts place values with, as Go and sprig do', () => {
    const table: Array<[string, string | undefined]> = [
      ['{{ .Values.web.name }}', 'web'],
      ['{{- $.Values.web.port -}}', '8080'],
      ['{{ .Values.web.name | upper | quote }}', '"WEB"'],
      ['{{ .Values.empty | default "fallback" }}', 'fallback'],
      ['{{ default "fallback" .Values.web.name }}', 'web'],
      ['{{ .Values.web.name | squote }}', "'web'"],
      ['{{ "a-long-name-" | trunc 7 | trimSuffix "-" }}', 'a-long'],
      ['{{ .Chart.Name }}-{{ .Chart.Version }}', undefined],
      ['{{ .Chart.Version }}', '1.2.3'],
      ['{{ include "demo.name" . }}', 'demo'],
      ['{{ include "demo.fullname" . }}', undefined],
      ['{{ include "demo.name" .Values.web }}', undefined],
      ['{{ .Values.missing }}', undefined],
      ['{{ .Values.mtls }}', undefined],
      ['{{ .Values.big }}', undefined],
      ['{{ .Release.Name }}', undefined],
      ['{{ $name }}', undefined],
      ['{{ (.Values.web.name) }}', undefined],
      ['{{ constructor .Values.web.name }}', undefined],
      ['{{ .Chart.constructor }}', undefined],
      ['{{ tpl .Values.web.name . }}', undefined],
    ];
    for (const [action, expected] of table) assert.equal(renderAction(action, demo)?.text, expected, action);
  });

  it('knows a condition only when every value it reads is known', () => {
    const table: Array<[string, boolean | undefined]> = [
      ['.Values.policy.enabled', false],
      ['not .Values.policy.enabled', true],
      ['and .Values.web.name .Values.policy.enabled', false],
      ['or .Values.policy.enabled .Values.web.name', true],
      ['eq .Values.mtls.mode "STRICT"', true],
      ['ne .Values.web.port 8080', false],
      ['.Values.empty', false],
      ['.Values.missing', undefined],
      ['.Capabilities.APIVersions.Has "x/v1"', undefined],
      ['semverCompare ">=1.0" .Capabilities.KubeVersion.Version', undefined],
    ];
    for (const [words, expected] of table) assert.equal(conditionHolds(words, demo), expected, words);
  });

  it('reads a define body to its own end, nested blocks and trimming included', () => {
    const bodies = definitionsIn(HELPERS);
    assert.deepEqual([...bodies.keys()], ['demo.name', 'demo.fullname']);
    assert.equal(bodies.get('demo.name'), '{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}');
    assert.match(bodies.get('demo.fullname')!, /^\{\{- if [\s\S]*\{\{- end \}\}$/);
  });
});
