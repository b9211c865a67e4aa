import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { FIELD_DOCS } from '../../server/src/schema/docs/fieldDocs';
import type { JsonSchema } from '../../server/src/schema/jsonSchema';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { spiffeBundleProblem } from '../../server/src/service/admission/spireBundle';
import { bundleEndpointUrlProblem } from '../../server/src/service/admission/spireController';
import { goRegexpProblem } from '../../server/src/service/admission/spireControllerConfig';
import { completeAt } from '../../server/src/service/completion';
import { hoverAt } from '../../server/src/service/hover';
import { validateYaml } from '../../server/src/service/validation/index';
import { parseGoTemplate } from '../../server/src/spire/goTemplate';
import { certificateExpiringIn } from '../support/certificates';
import { withCursor } from '../support/cursor';
import { seededRandom } from '../support/random';
import { expectDiagnostics as expect } from '../support/expectDiagnostics';
import { ROOT } from '../rig/paths';

const registry = createDefaultRegistry();
const head = (kind: string) => `apiVersion: spire.spiffe.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: x\n`;
const TEMPLATE = '"spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}"';

function findings(text: string): string[] {
  return validateYaml(parseYaml(text), registry).map(
    (d) =>
      `${d.severity === DiagnosticSeverity.Error ? 'error' : d.severity === DiagnosticSeverity.Warning ? 'warning' : 'info'} ${String(d.code)} ${d.range.start.line}`,
  );
}

describe('Go text/template reading (spire-controller-manager templates)', () => {
  it('refuses what Parse refuses, in its words', () => {
    const errors: Array<[string, string]> = [
      ['{{ .A', 'unclosed action'],
      ['{{ end }}', 'unexpected {{end}}'],
      ['{{ if .A }}x', 'unexpected EOF'],
      ['{{ lower .A }}', 'function "lower" not defined'],
      ['{{ $x }}', 'undefined variable "$x"'],
      ['{{ .A | "x" }}', 'non executable command in pipeline stage 2'],
      ['{{ "a }}', 'unterminated quoted string'],
      ['{{ break }}', '{{break}} outside {{range}}'],
      ['{{ if .A }}{{ else }}{{ else }}{{ end }}', 'expected end; found {{else}}'],
      ['{{/* open', 'unclosed comment'],
      ['{{ if }}{{ end }}', 'missing value for if'],
      ['{{ # }}', 'unrecognized character in action: "#"'],
      ['{{ /* not a comment */ }}', 'unrecognized character in action: "/"'],
    ];
    for (const [text, error] of errors) assert.equal(parseGoTemplate(text).error, error, text);
  });

  it('parses what Parse takes, and lists the data fields read where the data is the root', () => {
    const ok = [
      '{{- .A -}}',
      '{{/* note */}}x',
      '{{ $x := .A }}{{ $x }}',
      '{{ range $i, $e := .PodSpec.Containers }}{{ $e.Name }}{{ break }}{{ end }}',
      '{{ printf "%s-%s" .A .B | len }}',
      '{{ index .PodMeta.Labels "app.kubernetes.io/name" }}',
      '{{ if eq .A "x" }}a{{ else if .B }}b{{ else }}c{{ end }}',
      '{{ with .PodMeta }}{{ .Name }}{{ end }}',
      '{{ (.A).B }}',
    ];
    for (const text of ok) assert.equal(parseGoTemplate(text).error, undefined, text);
    assert.deepEqual(parseGoTemplate('{{ .A }}{{ if .B }}{{ .C.D }}{{ end }}{{ with .E }}{{ .F }}{{ end }}{{ $.G }}').fields, [
      { chain: ['A'], always: true },
      { chain: ['B'], always: true },
      { chain: ['C', 'D'], always: false },
      { chain: ['E'], always: true },
      { chain: ['G'], always: true },
    ]);
    assert.deepEqual(parseGoTemplate('spiffe://{{ .A }}/x').parts, [{ text: 'spiffe://' }, { action: '.A' }, { text: '/x' }]);
    assert.equal(parseGoTemplate('{{ if .A }}x{{ end }}').parts, undefined);
    assert.deepEqual(parseGoTemplate('spiffe:// {{- .A -}} \n/x {{/* c */ -}} y').parts, [{ text: 'spiffe://' }, { action: '.A' }, { text: '/x y' }]);
  });

  it('never throws on 3000 templates stitched from random pieces (seed 1818)', () => {
    const random = seededRandom(1818);
    const pieces = [
      '{{',
      '}}',
      '{{-',
      ' -}}',
      '/*',
      '*/',
      '.PodMeta',
      '.Name',
      '$x',
      ' := ',
      '|',
      '(',
      ')',
      '"',
      '`',
      "'a'",
      'if ',
      'else ',
      'end',
      'range ',
      'with ',
      'define "t"',
      'template "t"',
      'block "t" .',
      ',',
      '$',
      '.',
      '1e3',
      '-',
      'printf',
      ' ',
      '\n',
      'spiffe://',
      'break',
      'nil',
    ];
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let n = Math.floor(random() * 12); n >= 0; n--) text += pieces[Math.floor(random() * pieces.length)];
      const parsed = parseGoTemplate(text);
      assert.ok(parsed.error === undefined || typeof parsed.error === 'string', text);
    }
  });
});

describe('ClusterSPIFFEID', () => {
  it('gives no finding on the templates of the controller tests and of Istio and the Helm chart', () => {
    assert.deepEqual(
      findings(`${head('ClusterSPIFFEID')}spec:
  spiffeIDTemplate: ${TEMPLATE}
  dnsNameTemplates:
    - "{{ .PodMeta.Name }}.{{ .PodMeta.Namespace }}.svc.{{ .ClusterDomain }}"
    - "oidc-discovery.{{ .TrustDomain }}"
  workloadSelectorTemplates:
    - "k8s:ns:{{ .PodMeta.Namespace }}"
    - "k8s:pod-label:app:{{ index .PodMeta.Labels \\"app\\" }}"
  federatesWith: [other.org, spiffe://third.org]
  ttl: 1h
  jwtTtl: 5m
  podSelector:
    matchLabels: { spiffe.io/spire-managed-identity: "true" }
    matchExpressions: [{ key: app, operator: Exists }]
`),
      [],
    );
  });

  it('refuses templates that do not parse, and an empty spiffeIDTemplate', () => {
    expect(
      'spire-controller-template',
      `${head('ClusterSPIFFEID')}spec:
  spiffeIDTemplate: ⟦"spiffe://{{ .TrustDomain }}/{{ .PodMeta.Name | lower }}"⟧
  workloadSelectorTemplates: [⟦"k8s:ns:{{ $ns }}"⟧]
  dnsNameTemplates: [⟦"{{ .PodMeta.Name"⟧]
`,
    );
    expect('spire-controller-template', `${head('ClusterSPIFFEID')}spec:\n  ⟦spiffeIDTemplate⟧: ""\n`);
  });

  it('names fields the data lacks: an error on every render, a warning under if or for PodSpec fields it may not know', () => {
    const text = `${head('ClusterSPIFFEID')}spec:
  spiffeIDTemplate: "spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namspace }}"
  dnsNameTemplates:
    - "{{ .Trustdomain }}"
    - "{{ .TrustDomain.Name }}"
    - "{{ if .PodMeta.Labels }}{{ .PodMeta.Nope }}{{ end }}"
    - "{{ .PodSpec.Future }}"
    - "{{ .NodeMeta.GetName }}.{{ .NodeSpec.ProviderID }}.{{ .PodMeta.Labels.app }}"
`;
    assert.deepEqual(findings(text), [
      'error spire-controller-template 5',
      'error spire-controller-template 7',
      'error spire-controller-template 8',
      'warning spire-controller-template 9',
      'warning spire-controller-template 10',
    ]);
  });

  it('refuses a spiffeIDTemplate whose literal text cannot render a SPIFFE ID', () => {
    for (const template of [
      '"spiffe:/x/{{ .TrustDomain }}"',
      '"https://{{ .TrustDomain }}/x"',
      '"spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/"',
      '"spiffe://{{ .TrustDomain }}//{{ .PodMeta.Name }}"',
      '"spiffe://{{ .TrustDomain }}/a b/{{ .PodMeta.Name }}"',
      '"spiffe://Example.org/{{ .PodMeta.Name }}"',
      '"spiffe://{{ .TrustDomain }}/../{{ .PodMeta.Name }}"',
    ])
      assert.deepEqual(findings(`${head('ClusterSPIFFEID')}spec:\n  spiffeIDTemplate: ${template}\n`), ['error spire-controller-spiffe-id 5'], template);
    // SPIRE itself refuses a workload ID without a path or under /spire (pkg/server/api/id.go).
    for (const template of ['"spiffe://{{ .TrustDomain }}"', '"spiffe://{{ .TrustDomain }}/spire/x/{{ .PodMeta.Name }}"', '"spiffe://example.org/spire"'])
      assert.deepEqual(findings(`${head('ClusterSPIFFEID')}spec:\n  spiffeIDTemplate: ${template}\n`), ['error spire-controller-spiffe-id 5'], template);
    for (const template of [
      '"{{ .PodMeta.Annotations.id }}"',
      '"spiffe://{{ .TrustDomain }}{{ .PodMeta.Name }}"',
      '"spiffe://example.org/fixed"',
      '"spiffe://{{ .TrustDomain }}/spire-ha-agent"',
      '"spiffe://{{ .TrustDomain }}/spire{{ .PodMeta.Name }}"',
    ])
      assert.deepEqual(findings(`${head('ClusterSPIFFEID')}spec:\n  spiffeIDTemplate: ${template}\n`), [], template);
  });

  it('refuses workload selectors that cannot be type:value, bad label selectors, trust domains and durations', () => {
    expect(
      'spire-controller-selector',
      `${head('ClusterSPIFFEID')}spec:
  spiffeIDTemplate: ${TEMPLATE}
  workloadSelectorTemplates: [⟦"nocolon"⟧, ⟦":{{ .PodMeta.Name }}"⟧, ⟦"k8s:"⟧, "{{ .PodMeta.Name }}"]
  podSelector:
    matchLabels: { ⟦"bad key!"⟧: x, app: ⟦"-x"⟧ }
    matchExpressions:
      - key: app
        operator: ⟦In⟧
      - key: app
        operator: Exists
        values: ⟦[a]⟧
      - key: app
        operator: ⟦Is⟧
`,
    );
    expect(
      'spire-controller-spiffe-id',
      `${head('ClusterSPIFFEID')}spec:\n  spiffeIDTemplate: ${TEMPLATE}\n  federatesWith: [⟦Other.org⟧, ⟦"spiffe://x/"⟧, ok.org]\n`,
    );
    expect('spire-controller-duration', `${head('ClusterSPIFFEID')}spec:\n  spiffeIDTemplate: ${TEMPLATE}\n  ttl: ⟦1d⟧\n  jwtTtl: ⟦"5"⟧\n`);
  });

  it('leaves Helm actions alone: a value a chart renders is not the controller template', () => {
    const helm = `${head('ClusterSPIFFEID')}spec:
  spiffeIDTemplate: {{ .Values.template | quote }}
  dnsNameTemplates:
    - "{{ include \\"name\\" . }}.svc"
    - "spiffe://{{ \`{{ .TrustDomain }}\` }}/x"
`;
    assert.deepEqual(findings(helm), []);
    // A chart template read outside its chart: Helm's actions elsewhere in the file say whose the others are.
    const escaped = `${head('ClusterSPIFFEID')}  labels: { release: {{ .Release.Name }} }\nspec:\n  spiffeIDTemplate: 'spiffe://{{ "{{" }} .TrustDomain {{ "}}" }}/x'\n`;
    assert.deepEqual(findings(escaped), []);
  });

  it('ignores metadata.namespace, as the API server does for a cluster-scoped kind', () => {
    assert.deepEqual(findings(`${head('ClusterSPIFFEID')}  namespace: spire\nspec:\n  spiffeIDTemplate: ${TEMPLATE}\n`), []);
  });
});

describe('ClusterFederatedTrustDomain', () => {
  const cftd = (spec: string) => `${head('ClusterFederatedTrustDomain')}spec:\n${spec}`;

  it('takes both profiles and a SPIFFE bundle with an X.509 authority', async () => {
    const { certificatePem } = await certificateExpiringIn(30);
    const der = certificatePem.replace(/-----[^-]+-----|\s/g, '');
    const bundle = JSON.stringify({ keys: [{ use: 'x509-svid', kty: 'EC', crv: 'P-256', x: 'AQ', y: 'AQ', x5c: [der] }], spiffe_refresh_hint: 300 });
    assert.equal(spiffeBundleProblem(bundle), undefined);
    assert.match(
      spiffeBundleProblem(bundle.replace('"kty":"EC","crv":"P-256","x":"AQ","y":"AQ"', '"kty":"RSA","n":"AQAB","e":"AQAB"'))!,
      /not the key of its x5c certificate \(ECDSA P-256\)/,
    );
    assert.deepEqual(
      findings(
        cftd(
          `  trustDomain: other.org\n  bundleEndpointURL: https://other.org:8443/bundle\n  bundleEndpointProfile:\n    type: https_spiffe\n    endpointSPIFFEID: spiffe://other.org/spire/server\n  trustDomainBundle: '${bundle}'\n`,
        ),
      ),
      [],
    );
    assert.deepEqual(findings(cftd('  trustDomain: other.org\n  bundleEndpointURL: https://other.org\n  bundleEndpointProfile:\n    type: https_web\n')), []);
  });

  it('refuses what ParseClusterFederatedTrustDomainSpec refuses', () => {
    expect(
      'spire-controller-federation',
      cftd(
        '  trustDomain: other.org\n  ⟦bundleEndpointURL⟧: http://other.org\n  bundleEndpointProfile:\n    type: https_web\n    ⟦endpointSPIFFEID⟧: spiffe://other.org/x\n  ⟦trustDomainBundle⟧: "-----BEGIN CERTIFICATE-----"\n',
      ),
    );
    expect(
      'spire-controller-federation',
      cftd('  trustDomain: other.org\n  bundleEndpointURL: https://other.org\n  bundleEndpointProfile:\n    ⟦type⟧: https_spiffe\n'),
    );
    expect(
      'spire-controller-spiffe-id',
      cftd('  ⟦trustDomain⟧: Other.org\n  bundleEndpointURL: https://other.org\n  bundleEndpointProfile:\n    type: https_web\n'),
    );
  });

  it('reads bundle endpoint URLs as url.Parse and ValidateBundleEndpointURL do', () => {
    assert.equal(bundleEndpointUrlProblem('HTTPS://other.org/x'), undefined);
    assert.equal(bundleEndpointUrlProblem('https://[::1]:8443'), undefined);
    // url.Parse reads the part after the last colon as the port, and takes an empty host name before it.
    assert.equal(bundleEndpointUrlProblem('https://::1'), undefined);
    assert.equal(bundleEndpointUrlProblem('https://:8443'), undefined);
    assert.equal(bundleEndpointUrlProblem('https://:x'), 'the port "x" is not a number');
    assert.equal(bundleEndpointUrlProblem('https://[::1'), 'the IPv6 address is missing its "]"');
    assert.equal(bundleEndpointUrlProblem(''), 'it is empty');
    assert.equal(bundleEndpointUrlProblem('https:///x'), 'a host must be given');
    assert.equal(bundleEndpointUrlProblem('https://user@other.org'), 'it must not carry user information (user@host)');
    assert.equal(bundleEndpointUrlProblem('https://other.org:http'), 'the port "http" is not a number');
    assert.equal(bundleEndpointUrlProblem('ftp://other.org'), 'the scheme must be https');
  });

  it('reads SPIFFE bundles as spiffebundle.Parse does', () => {
    assert.match(spiffeBundleProblem('{}')!, /no "keys"/);
    assert.match(spiffeBundleProblem('{"keys": [{"use": "jwt-svid", "kty": "EC", "crv": "P-256", "x": "AQ", "y": "AQ"}]}')!, /needs a "kid"/);
    assert.match(spiffeBundleProblem('{"keys": [{"use": "x509-svid", "kty": "EC", "crv": "P-256", "x": "AQ", "y": "AQ"}]}')!, /exactly one certificate/);
    assert.match(spiffeBundleProblem('{"keys": [{"kty": "EC", "crv": "P-256", "x": "AQ", "y": "AQ", "x5c": ["AAAA"]}]}')!, /not a DER X.509 certificate/);
    assert.match(spiffeBundleProblem('{"keys": [{"kty": "XX"}]}')!, /unsupported key type/);
    assert.match(spiffeBundleProblem('{"keys": [{"use": "x"}]}')!, /no "kty"/);
    assert.equal(spiffeBundleProblem('{"keys": [{"use": "jwt-svid", "kid": "k", "kty": "RSA", "n": "AQAB", "e": "AQAB"}]}'), undefined);
    assert.equal(spiffeBundleProblem('{"keys": []}'), undefined);
  });
});

describe('ClusterStaticEntry', () => {
  it('refuses, at reconcile, IDs, selectors, trust domains and durations the controller cannot use', () => {
    const text = `${head('ClusterStaticEntry')}spec:
  spiffeID: spiffe://example.org/a//b
  parentID: example.org/agent
  selectors: ["unix:uid:0", "k8s:", "bad"]
  federatesWith: [Other.org]
  x509SVIDTTL: 1d
`;
    assert.deepEqual(findings(text), [
      'error spire-controller-spiffe-id 5',
      'error spire-controller-spiffe-id 6',
      'error spire-controller-selector 7',
      'error spire-controller-selector 7',
      'error spire-controller-spiffe-id 8',
      'error spire-controller-duration 9',
    ]);
    const message = String(validateYaml(parseYaml(text), registry)[0].message);
    assert.match(message, /the controller rejects it when it reconciles \(the API server accepts it\)/);
  });

  it('refuses, as SPIRE does, a workload ID without a path or under /spire, and a parent ID without a path', () => {
    const text = `${head('ClusterStaticEntry')}spec:\n  spiffeID: spiffe://example.org/spire/db\n  parentID: spiffe://example.org\n  selectors: ["unix:uid:0"]\n`;
    assert.deepEqual(findings(text), ['error spire-controller-spiffe-id 5', 'error spire-controller-spiffe-id 6']);
    const agentParent = `${head('ClusterStaticEntry')}spec:\n  spiffeID: spiffe://example.org/db\n  parentID: spiffe://example.org/spire/agent/x509pop/host\n  selectors: ["unix:uid:0"]\n`;
    assert.deepEqual(findings(agentParent), []);
  });

  it('leaves values alone that expandEnvStaticManifests fills in', () => {
    assert.deepEqual(findings(`${head('ClusterStaticEntry')}spec:\n  spiffeID: spiffe://$TD/x\n  parentID: \${PARENT}\n  selectors: ["$SELECTOR"]\n`), []);
  });
});

describe('ControllerManagerConfig', () => {
  const config = (body: string) => `apiVersion: spire.spiffe.io/v1alpha1\nkind: ControllerManagerConfig\n${body}`;

  it('refuses what stops the controller at start-up', () => {
    const text = config(`clusterName: ""
trustDomain: Example.org
validatingWebhookConfigurationName: ""
cacheNamespace: a
cacheNamespaces: { b: {} }
ignoreNamespaces: ["kube-.*", "(?!x)", "(?i)Foo", "(?P<n>a)", "a("]
logLevel: verbose
logEncoding: JSON
parentIDTemplate: "spiffe://{{ .TrustDomain }}/{{ .PodMeta.Name }}"
staticManifestPath: /manifests
leaderElection: { leaderElect: true }
reconcile: { clusterSPIFFEIDs: true }
entryIDPrefix: a
entryIDPrefixCleanup: a.
gcInterval: 10s
webhook: { certDir: /x }
healthProbe: { bindAddress: ":8083" }
`);
    assert.deepEqual(findings(text), [
      'error spire-controller-config 2',
      'error spire-controller-config 3',
      'error spire-controller-config 4',
      'error spire-controller-config 6',
      'error spire-controller-config 7',
      'error spire-controller-config 7',
      'error spire-controller-config 8',
      'error spire-controller-config 9',
      'error spire-controller-template 10',
      'error spire-controller-config 12',
      'error spire-controller-config 13',
      'error spire-controller-config 15',
      'error wrong-type 16',
      'info spire-controller-config 17',
      'warning unknown-field 18',
    ]);
  });

  it('documents every field of the config file, and no other', () => {
    const schema = registry.lookup('spire.spiffe.io/v1alpha1', 'ControllerManagerConfig')!.schema;
    const paths: string[] = [];
    const walk = (node: JsonSchema, prefix: string) => {
      for (const [name, child] of Object.entries(node.properties ?? {})) {
        const key = prefix ? `${prefix}.${name}` : name;
        if (key !== 'apiVersion' && key !== 'kind') paths.push(key);
        walk(child, key);
      }
      if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${prefix}.*`);
    };
    walk(schema, '');
    const docs = FIELD_DOCS['spire.spiffe.io/ControllerManagerConfig'];
    assert.deepEqual(
      paths.filter((p) => !docs[p]),
      [],
    );
    assert.deepEqual(
      Object.keys(docs).filter((k) => !paths.includes(k)),
      [],
    );
  });

  it('reads ignoreNamespaces as Go regular expressions', () => {
    assert.equal(goRegexpProblem('(?i)kube-.*'), undefined);
    assert.equal(goRegexpProblem('(?P<name>x)'), undefined);
    assert.match(goRegexpProblem('(?=x)')!, /no lookahead/);
    assert.match(goRegexpProblem('(a)\\1')!, /no back references/);
    assert.ok(goRegexpProblem('a(b'));
  });

  it('checks the file inside a ConfigMap, on the manifest lines, and leaves a trust domain from -expand-env alone', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: { name: c, namespace: spire }
data:
  controller-manager-config.yaml: |
    apiVersion: spire.spiffe.io/v1alpha1
    kind: ControllerManagerConfig
    clusterName: demo
    trustDomain: $TRUST_DOMAIN
    logEncoding: JSON
`;
    assert.deepEqual(findings(text), ['error spire-controller-config 9']);
  });
});

describe('spire-controller-manager completion', () => {
  const labels = (source: string) => {
    const { text, offset } = withCursor(source);
    return completeAt(text, parseYaml(text), offset, registry).map((item) => item.label);
  };

  it('hovers our docs on the kinds and on the config file', () => {
    const hover = (source: string) => {
      const { text, offset } = withCursor(source);
      return JSON.stringify(hoverAt(parseYaml(text), offset, registry)?.contents ?? '');
    };
    assert.match(hover(`${head('ClusterSPIFFEID')}spec:\n  spiffe|IDTemplate: x\n`), /must fall in the controller's own trust domain/);
    assert.match(hover('apiVersion: spire.spiffe.io/v1alpha1\nkind: ControllerManagerConfig\ngcInt|erval: 10000000000\n'), /in nanoseconds/);
  });

  it('offers the values the controller alone limits: selector operators, log level and encoding', () => {
    assert.deepEqual(
      labels(`${head('ClusterSPIFFEID')}spec:\n  spiffeIDTemplate: x\n  podSelector:\n    matchExpressions:\n      - key: app\n        operator: |\n`),
      ['In', 'NotIn', 'Exists', 'DoesNotExist'],
    );
    assert.deepEqual(labels('apiVersion: spire.spiffe.io/v1alpha1\nkind: ControllerManagerConfig\nlogEncoding: |\n'), ['console', 'json']);
    assert.deepEqual(labels('apiVersion: spire.spiffe.io/v1alpha1\nkind: ControllerManagerConfig\nlogLevel: |\n'), ['debug', 'info', 'warn', 'error']);
    assert.deepEqual(labels(`${head('ClusterFederatedTrustDomain')}spec:\n  bundleEndpointProfile:\n    type: |\n`), ['https_spiffe', 'https_web']);
  });
});

describe('spire-controller-manager real manifests', () => {
  it('gives no error on Istio 1.30.3 samples and the hardened chart spire-0.30.0 templates (unrendered)', () => {
    const dir = path.join(ROOT, 'test', 'fixtures', 'spire');
    const files = [
      ...readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => path.join(dir, f)),
      ...readdirSync(path.join(dir, 'helm-spire-0.30.0-templates')).map((f) => path.join(dir, 'helm-spire-0.30.0-templates', f)),
    ];
    assert.ok(files.length >= 6);
    for (const file of files) {
      const found = findings(readFileSync(file, 'utf8'));
      assert.deepEqual(
        found.filter((f) => f.startsWith('error')),
        [],
        file,
      );
    }
    // Istio's config carries a key the decoder ignores (healthProbe): a warning, no more.
    assert.deepEqual(findings(readFileSync(path.join(dir, 'istio-1.30.3-quickstart-controller-manager-config.yaml'), 'utf8')), ['warning unknown-field 12']);
  });
});
