import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { validateYaml } from '../../server/src/service/validation/index';
import { marked } from '../support/marked';

const registry = createDefaultRegistry();

/** Validates marked text and returns [code, severity, message] of each finding, checking ranges against the marks. */
function check(source: string): Diagnostic[] {
  const { text, ranges } = marked(source);
  const diagnostics = validateYaml(parseYaml(text), registry);
  assert.deepEqual(
    diagnostics.map((d) => d.range),
    ranges,
    `ranges differ; got: ${diagnostics.map((d) => `${d.code} ${JSON.stringify(d.range)} ${d.message}`).join('\n')}`,
  );
  return diagnostics;
}

const only = (source: string) => {
  const diagnostics = check(source);
  assert.equal(diagnostics.length, 1);
  return diagnostics[0];
};

describe('schema checks derived from the CRDs', () => {
  describe('unknown fields', () => {
    it('warns on a misspelt field, suggests the closest one and carries the fix', () => {
      const d = only(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
spec:
  ⟦selecter⟧:
    matchLabels: { app: web }
`);
      assert.equal(d.code, 'unknown-field');
      assert.equal(d.severity, DiagnosticSeverity.Warning);
      assert.equal(d.message, 'spec has no field "selecter". Did you mean "selector"?');
      assert.deepEqual(d.data, { title: 'Change to selector', replacement: 'selector' });
    });

    it('accepts every field the CRD defines, metadata and status included', () => {
      check(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
  labels: { team: platform }
  annotations: { note: "x" }
spec:
  mtls: { mode: STRICT }
status:
  anything: goes
`);
    });
  });

  describe('types', () => {
    it('asks to quote a number where a string is expected, with the quoted value as fix', () => {
      const d = only(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
spec:
  selector:
    matchLabels:
      version: ⟦1.10⟧
`);
      assert.equal(d.code, 'wrong-type');
      assert.equal(d.severity, DiagnosticSeverity.Error);
      assert.match(d.message as string, /spec\.selector\.matchLabels\.version must be a string, but YAML reads 1\.10 as a number\. Quote it: "1\.10"\./);
      assert.deepEqual(d.data, { title: 'Quote 1.10', replacement: '"1.10"' });
    });

    it('says a list was given where a mapping is expected', () => {
      const d = only(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
spec:
  mtls: ⟦[STRICT]⟧
`);
      assert.equal(d.message, 'spec.mtls must be a mapping, not a list.');
    });

    it('accepts an int-or-string port either way', () => {
      check(`apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata: { name: a }
spec:
  podSelector: { matchLabels: { app: a } }
  port: 8080
---
apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata: { name: b }
spec:
  podSelector: { matchLabels: { app: b } }
  port: http
`);
    });
  });

  describe('required and one-of fields', () => {
    it('refuses a resource without a required field, as the API server does, on the key that holds the mapping', () => {
      // A field only the schema requires: cert-manager's webhook does not look at keystores.jks.create.
      const d = only(`apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: web }
spec:
  secretName: web-tls
  issuerRef: { name: ca }
  dnsNames: [web.example]
  keystores:
    ⟦jks⟧: { passwordSecretRef: { name: p, key: k } }
`);
      assert.equal(d.code, 'required-field');
      assert.equal(d.severity, DiagnosticSeverity.Error);
      assert.equal(d.message, 'spec.keystores.jks needs the field "create".');
    });

    it('asks for one of the alternatives when none is set', () => {
      const d = only(`apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
metadata: { name: m }
⟦spec⟧: {}
`);
      assert.equal(d.message, 'spec needs one of "identities", "identityRefs".');
    });

    it('rejects two mutually exclusive fields, on the second one', () => {
      const d = only(`apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
metadata: { name: m }
spec:
  identities: ["*"]
  ⟦identityRefs⟧:
    - kind: ServiceAccount
      name: web
`);
      assert.equal(d.code, 'mutually-exclusive');
      assert.equal(d.severity, DiagnosticSeverity.Error);
      assert.equal(d.message, 'spec: set only one of "identities", "identityRefs" (found "identities" and "identityRefs").');
    });
  });

  describe('patterns, bounds and formats', () => {
    it('checks a namespace against the DNS label pattern', () => {
      const d = only(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: ⟦Team_A⟧
`);
      assert.equal(d.code, 'pattern-mismatch');
    });

    it('checks list bounds (an empty identities list)', () => {
      const d = only(`apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
metadata: { name: m }
spec:
  ⟦identities⟧: []
`);
      assert.equal(d.code, 'out-of-range');
      assert.equal(d.message, 'spec.identities must not be empty.');
    });

    it('checks base64 in a TLS Secret, and leaves other Secrets alone', () => {
      const d = only(`apiVersion: v1
kind: Secret
metadata: { name: web-tls }
type: kubernetes.io/tls
stringData:
  tls.key: ""
data:
  tls.crt: ⟦not base64!⟧
---
apiVersion: v1
kind: Secret
metadata: { name: other }
type: Opaque
data:
  password: not base64!
`);
      assert.equal(d.code, 'invalid-format');
    });
  });

  describe('x-kubernetes-validations rules', () => {
    it('reports a port-level port outside 1-65535 with the rule message, on that port', () => {
      const d = only(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
spec:
  selector: { matchLabels: { app: web } }
  portLevelMtls:
    8080: { mode: STRICT }
    ⟦70000⟧: { mode: DISABLE }
`);
      assert.equal(d.code, 'crd-rule');
      assert.equal(d.message, 'spec.portLevelMtls: port must be between 1-65535.');
    });

    it('reports portLevelMtls without a selector', () => {
      const d = only(`apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
⟦spec⟧:
  portLevelMtls:
    8080: { mode: DISABLE }
`);
      assert.equal(d.message, 'spec: portLevelMtls requires selector.');
    });

    it('reports an AuthorizationPolicy with both a selector and a targetRef', () => {
      const d = only(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
⟦spec⟧:
  selector: { matchLabels: { app: web } }
  targetRef: { kind: Service, group: "", name: web }
`);
      assert.equal(d.code, 'crd-rule');
    });
  });

  describe('apiVersion and kind', () => {
    it('rejects a version the group does not serve, offering the current one', () => {
      const d = only(`apiVersion: ⟦security.istio.io/v2⟧
kind: PeerAuthentication
`);
      assert.equal(d.code, 'unknown-api-version');
      assert.equal(d.message, 'security.istio.io does not serve PeerAuthentication at version v2. Served versions: v1, v1beta1.');
      assert.deepEqual(d.data, { title: 'Change to security.istio.io/v1', replacement: 'security.istio.io/v1' });
    });

    it('points a kind written in the wrong group to its own group', () => {
      const d = only(`apiVersion: ⟦networking.istio.io/v1⟧
kind: PeerAuthentication
`);
      assert.equal(d.message, 'PeerAuthentication belongs to security.istio.io, not networking.istio.io.');
    });

    it('suggests the kind meant in a group we cover whole', () => {
      const d = only(`apiVersion: cert-manager.io/v1
kind: ⟦Certficate⟧
`);
      assert.equal(d.code, 'unknown-kind');
      assert.deepEqual(d.data, { title: 'Change to Certificate', replacement: 'Certificate' });
    });

    it('warns on a deprecated version and still checks it', () => {
      const [deprecated, enumError] = check(`apiVersion: ⟦policy.linkerd.io/v1beta1⟧
kind: Server
metadata: { name: s }
spec:
  podSelector:
    matchExpressions:
      - { key: app, operator: ⟦in⟧, values: [a] }
  port: 80
`);
      assert.equal(deprecated.code, 'deprecated-api-version');
      assert.equal(deprecated.severity, DiagnosticSeverity.Warning);
      assert.deepEqual(deprecated.data, { title: 'Change to policy.linkerd.io/v1beta3', replacement: 'policy.linkerd.io/v1beta3' });
      assert.equal(enumError.code, 'enum-value');
      assert.deepEqual(enumError.data, { title: 'Change to In', replacement: 'In' });
    });

    it('warns on a retired cert-manager version without checking its old fields', () => {
      const d = only(`apiVersion: ⟦cert-manager.io/v1alpha2⟧
kind: Certificate
spec:
  keyAlgorithm: rsa
`);
      assert.equal(d.severity, DiagnosticSeverity.Warning);
      assert.deepEqual(d.data, { title: 'Change to cert-manager.io/v1', replacement: 'cert-manager.io/v1' });
    });

    it('reports a missing spec on the kind, not on the whole document', () => {
      const d = only(`apiVersion: cert-manager.io/v1
kind: ⟦Issuer⟧
metadata: { name: x }
`);
      assert.equal(d.message, 'The resource needs the field "spec".');
    });

    it('says nothing about files without a supported kind, even broken ones', () => {
      check('apiVersion: apps/v1\nkind: Deployment\nspec: [unclosed\n');
      check('apiVersion: networking.istio.io/v1\nkind: VirtualService\nspec:\n  hots: [a]\n');
      check('just: plain\nyaml: [1, 2]\n');
    });
  });

  it('marks documentation placeholders instead of checking them', () => {
    const d = only(`apiVersion: cert-manager.io/v1
kind: Issuer
metadata:
  name: vault
  namespace: ⟦<your namespace>⟧
spec:
  selfSigned: {}
`);
    assert.equal(d.code, 'placeholder');
    assert.equal(d.severity, DiagnosticSeverity.Information);
  });
});
