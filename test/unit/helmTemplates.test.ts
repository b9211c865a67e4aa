import * as assert from 'node:assert/strict';
import { resourcesOf } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { ResourceView } from '../../server/src/service/admission/resourceView';
import { CheckContext } from '../../server/src/service/validation/context';
import { validateYaml } from '../../server/src/service/validation/index';
import { identify } from '../../server/src/service/validation/resource';
import { isMap } from 'yaml';
import { marked } from '../support/marked';

const registry = createDefaultRegistry();
const codes = (text: string) => validateYaml(parseYaml(text), registry).map((d) => `${d.range.start.line + 1}:${String(d.code)}`);
const analysed = (files: Record<string, string>) =>
  analyzeWorkspace(new WorkspaceModel(Object.entries(files).flatMap(([name, text]) => resourcesOf(`file:///chart/${name}`, parseYaml(text)))));

// The shape of microservices-demo's helm-chart/templates/*.yaml: the pod's service account is
// chosen by a conditional, and the AuthorizationPolicy names it through the same values.
const deploymentAndPolicy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Values.emailService.name }}
  namespace: {{ .Release.Namespace }}
spec:
  selector:
    matchLabels:
      app: {{ .Values.emailService.name }}
  template:
    metadata:
      labels:
        app: {{ .Values.emailService.name }}
    spec:
      {{- if .Values.serviceAccounts.create }}
      serviceAccountName: {{ .Values.emailService.name }}
      {{- else }}
      serviceAccountName: default
      {{- end }}
      containers:
      - name: server
        image: example/email
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: {{ .Values.emailService.name }}
  namespace: {{ .Release.Namespace }}
spec:
  selector:
    matchLabels:
      app: {{ .Values.emailService.name }}
  rules:
  - from:
    - source:
        principals:
        {{- if .Values.serviceAccounts.create }}
        - cluster.local/ns/{{ .Release.Namespace }}/sa/{{ .Values.checkoutService.name }}
        {{- else }}
        - cluster.local/ns/{{ .Release.Namespace }}/sa/default
        {{- end }}
`;

/** A PeerAuthentication up to its mtls block, for the tests to write the branches of. */
const PA_MTLS = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
`;

describe('Helm templates', () => {
  it('reads a key set in each branch of one conditional as set once', () => {
    assert.deepEqual(
      codes(deploymentAndPolicy).filter((c) => c.endsWith('duplicate-key')),
      [],
    );
  });

  it('treats if / else if / else, with / else and range / else branches alike, nested or not', () => {
    const text = `${PA_MTLS}    {{- if eq .Values.mode "strict" }}
    mode: STRICT
    {{- else if eq .Values.mode "off" }}
    mode: DISABLE
    {{- else }}
    {{- with .Values.override }}
    mode: {{ . }}
    {{- else }}
    mode: PERMISSIVE
    {{- end }}
    {{- end }}
`;
    assert.deepEqual(codes(text), []);
  });

  it('still reports a key written twice in the same branch, or once outside and again inside a conditional', () => {
    const { text, ranges } = marked(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: STRICT
    {{- if .Values.relaxed }}
    ⟦mode⟧: PERMISSIVE
    {{- end }}
  selector:
    {{- if .Values.selector }}
    matchLabels: {app: a}
    ⟦matchLabels⟧: {app: b}
    {{- end }}
`);
    const found = validateYaml(parseYaml(text), registry).filter((d) => d.code === 'duplicate-key');
    assert.deepEqual(
      found.map((d) => d.range.start),
      ranges.map((r) => r.start),
    );
  });

  it('never calls two different templated keys duplicates (Istio portLevelMtls written from values)', () => {
    const text = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ports
spec:
  selector:
    matchLabels: {app: web}
  portLevelMtls:
    {{ .Values.port1 }}:
      mode: STRICT
    {{ .Values.port2 }}:
      mode: DISABLE
`;
    assert.deepEqual(codes(text), []);
  });

  it('never uses a templated principal as a name, and names templated resources by their template text', () => {
    const findings = analysed({ 'templates/email.yaml': deploymentAndPolicy });
    assert.deepEqual(
      findings.filter((f) => f.code === 'unknown-service-account'),
      [],
    );
    const messages = findings.map((f) => f.message);
    assert.ok(
      messages.every((m) => !/xxxx/.test(m)),
      messages.join('\n'),
    );
    const plaintext = messages.find((m) => m.includes('accepts plaintext'));
    assert.ok(plaintext?.includes('Deployment {{ .Release.Namespace }}/{{ .Values.emailService.name }}'), plaintext);
  });

  it('still finds what a chart refers to by the same expression (a selector and the pods it selects)', () => {
    const [workload] = new WorkspaceModel(resourcesOf('file:///chart/t.yaml', parseYaml(deploymentAndPolicy))).selectWorkloads('{{ .Release.Namespace }}', {
      app: '{{ .Values.emailService.name }}',
    });
    assert.equal(workload?.kind, 'Deployment');
  });

  it('reads a templated field as present with an unknown value, for the rules to ask', () => {
    const parsed = parseYaml(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ext-authz
spec:
  action: CUSTOM
  provider:
    name: {{ .Values.authz.provider }}
  rules:
  - to:
    - operation: {paths: ["/admin"]}
`);
    const [document] = parsed.documents;
    const ctx = new CheckContext(parsed.lineCounter, parsed.templateSpans);
    const found = identify(document, registry, ctx);
    assert.ok(found.status === 'resource' && isMap(document.contents));
    const view = new ResourceView(found.resource.info, document.contents, ctx);
    assert.equal(view.string(['spec', 'provider', 'name']), undefined);
    assert.equal(view.unknown(['spec', 'provider', 'name']), true);
    assert.equal(view.unknown(['spec', 'action']), false);
    assert.equal(view.unknown(['spec', 'selector']), false);
  });
});

describe('Helm template actions over several lines', () => {
  it('blanks a multi-line comment or include, keeping every line in place', () => {
    const text = `{{/*
  The policy for the chart's own pods.
  key: value: not: yaml
*/}}
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  labels:
    {{- include "chart.labels" (dict
      "context" .
      "component" "pa") | nindent 4 }}
spec:
  mtls:
    mode: STRICTER
`;
    assert.deepEqual(codes(text), ['15:enum-value']);
  });
});

describe('Helm template branches checked as renderings', () => {
  it('never reads fields from alternative branches as set together (one issuer type, jwks or jwksUri)', () => {
    const text = `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: issuer
spec:
  {{- if .Values.acme }}
  acme:
    server: https://acme-v02.api.letsencrypt.org/directory
    privateKeySecretRef: {name: acme-key}
    solvers:
    - http01: {ingress: {ingressClassName: nginx}}
  {{- else }}
  selfSigned: {}
  {{- end }}
---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata:
  name: jwt
spec:
  jwtRules:
  - issuer: https://example.com
    {{- if .Values.inline }}
    jwks: '{"keys":[]}'
    {{- else }}
    jwksUri: https://example.com/jwks
    {{- end }}
`;
    assert.deepEqual(codes(text), []);
  });

  it('still reports a problem inside any one branch, once', () => {
    const text = `${PA_MTLS}    {{- if .Values.strict }}
    mode: STRICT
    {{- else }}
    mode: PERMISIVE
    {{- end }}
  selector:
    matchLabels: {app: web}
  portLevelMtls:
    "8080": {mode: OFF}
`;
    assert.deepEqual(codes(text), ['10:enum-value', '15:enum-value']);
  });
});

describe('Helm named templates', () => {
  const text = `{{- define "chart.policy" }}
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: from-definition
spec:
  action: ALLOW
{{- end }}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: rendered
spec:
  action: ALLOW
`;

  it('checks a define body for shape but keeps it out of the workspace: it renders only where included', () => {
    assert.deepEqual(
      resourcesOf('file:///chart/templates/policy.yaml', parseYaml(text)).map((r) => r.name),
      ['rendered'],
    );
    assert.deepEqual(codes(text.replace('action: ALLOW\n{{- end }}', 'action: ALOW\n{{- end }}')), ['7:enum-value']);
  });
  it('reads a define body that is a fragment as nothing where it is written (spiffe/helm-charts-hardened spire-0.30.0 shapes)', () => {
    // federation-issuer.yaml: the Issuer's spec fields defined above it, with no --- between.
    const issuer = `{{- define "spire-server.federation-issuer" }}
email: {{ .Values.email | quote }}
server: {{ .Values.server | quote }}
privateKeySecretRef:
  name: {{ include "spire-server.fullname" . }}-federation-issuer
solvers:
- http01:
    ingress: {}
{{- end }}
apiVersion: cert-manager.io/v1
kind: Issuer
metadata:
  name: fed
spec:
  acme:
    {{- include "spire-server.federation-issuer" . | nindent 4 }}
`;
    assert.deepEqual(codes(issuer), []);
    // federation-certificate.yaml: a list under an if/else in the body, and a spec rendered whole from values.
    const certificate = `{{- define "spire-server.fed-cert" }}
dnsNames:
  {{- if ne (len .Values.dnsNames) 0 }}
  {{-   toYaml .Values.dnsNames | nindent 4 }}
  {{- else }}
  - {{ include "spire-lib.ingress-calculated-name" . }}
  {{- end }}
issuerRef:
  name: {{ .Values.issuer }}
{{- end }}
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: fed
spec:
  {{ merge (include "spire-server.fed-cert" . | fromYaml) .Values.certificate | toYaml | nindent 2 }}
`;
    assert.deepEqual(codes(certificate), []);
    // Without the templated spec, the missing issuerRef is still an error.
    const plain = validateYaml(parseYaml(certificate.replace(/^spec:\n.*\n/m, 'spec:\n  secretName: fed\n')), registry);
    assert.ok(
      plain.some((d) => d.code === 'cert-manager-certificate' && String(d.message).startsWith('issuerRef.name is required')),
      JSON.stringify(plain.map((d) => d.message)),
    );
  });
  // The shape of charts that make one ServiceAccount (or Certificate) per entry of a values list.
  const accountsInRange = `{{- range .Values.accounts }}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ . }}
  namespace: shop
{{- end }}
`;
  const policyFor = (account: string) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow
  namespace: shop
spec:
  rules:
  - from:
    - source:
        principals: [cluster.local/ns/shop/sa/${account}]
`;

  it('reads a resource in a range body as zero or more objects: a name missing beside it is no evidence', () => {
    const unknown = (files: Record<string, string>) => analysed(files).filter((f) => f.code === 'unknown-service-account');
    assert.deepEqual(unknown({ 'templates/policy.yaml': policyFor('reports'), 'templates/accounts.yaml': accountsInRange }), []);
    // Without the range the ServiceAccount is one object named by its template, and reports is missing.
    const once = accountsInRange.replace('{{- range .Values.accounts }}\n', '').replace('{{- end }}\n', '');
    assert.equal(unknown({ 'templates/policy.yaml': policyFor('reports'), 'templates/accounts.yaml': once }).length, 1);
    assert.equal(unknown({ 'templates/policy.yaml': policyFor('reports') }).length, 1);
  });

  it('marks the lines of a range body as repeated, not those of its else branch', () => {
    const resources = resourcesOf(
      'file:///chart/templates/accounts.yaml',
      parseYaml(`${accountsInRange.replace('{{- end }}', '{{- else }}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: fallback\n{{- end }}')}`),
    );
    assert.deepEqual(
      resources.map((r) => [r.name, r.repeated === true]),
      [
        ['{{ . }}', true],
        ['fallback', false],
      ],
    );
  });

  it('never calls a range body and a literal resource duplicates', () => {
    const certificate = (name: string) => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: ${name}
  namespace: shop
spec:
  secretName: shared-tls
  dnsNames: [x.example.com]
  issuerRef: {name: ca}
`;
    const duplicates = (files: Record<string, string>) => analysed(files).filter((f) => f.code === 'duplicate-secret-name');
    assert.deepEqual(
      duplicates({ 'templates/a.yaml': certificate('a'), 'templates/b.yaml': `{{- range .Values.names }}\n---\n${certificate('{{ . }}')}{{- end }}\n` }),
      [],
    );
    assert.equal(duplicates({ 'templates/a.yaml': certificate('a'), 'templates/b.yaml': certificate('b') }).length, 2);
  });
});

// Lines that render content nobody can know offline: the shapes of opentelemetry-helm-charts'
// and kube-prometheus-stack's certmanager.yaml, and linkerd's image-pull-secrets partial.
describe('Helm lines that render fields or items', () => {
  const certificate = (issuerRef: string, dnsNames: string) => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: webhook
spec:
  secretName: webhook-tls
  issuerRef:
${issuerRef}  dnsNames:
${dnsNames}`;
  const fromValues = `    {{- if .Values.certManager.issuerRef }}
    {{- toYaml .Values.certManager.issuerRef | nindent 4 }}
    {{- else }}
    kind: Issuer
    name: {{ template "chart.fullname" . }}-selfsigned
    {{- end }}
`;
  const included = `    {{- include "chart.dnsNames" . | splitList "\\n" | toYaml | nindent 4 }}
`;

  it('reads a map filled by toYaml as holding any field: no required field is missing there, in any branch', () => {
    assert.deepEqual(codes(certificate(fromValues, '    - webhook.svc\n')), []);
    // Without the toYaml line the branch without a name is still reported.
    assert.deepEqual(
      codes(certificate('    {{- if .Values.x }}\n    kind: Issuer\n    {{- else }}\n    name: ca\n    {{- end }}\n', '    - webhook.svc\n')).map((c) =>
        c.replace(/^\d+:/, ''),
      ),
      ['cert-manager-certificate'],
    );
  });

  it('reads a list filled by an include as holding names, and never as two fields set together', () => {
    assert.deepEqual(codes(certificate('    name: ca\n', included)), []);
    const bothKeystores = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: c
spec:
  secretName: c-tls
  dnsNames: [c.example]
  issuerRef:
    name: ca
  keystores:
    jks:
      create: true
      {{- toYaml .Values.jks | nindent 6 }}
`;
    // The open map may hold passwordSecretRef or password, so neither is missing; but it is not read as holding both.
    assert.deepEqual(codes(bothKeystores), []);
  });

  it('places the templated entry where the content lands: a list item after items or a bare key, a map entry after a block', () => {
    const parsed = parseYaml(`metadata:
  labels:
    app: web
    {{- with .Values.commonLabels }}{{ toYaml . | nindent 4 }}{{- end }}
spec:
  dnsNames:
  {{- include "names" . | nindent 2 }}
  uris:
  - spiffe://a/b
  {{- range .Values.uris }}
  - {{ . }}
  {{- end }}
  {{- include "more.uris" . | nindent 2 }}
{{- include "partials.image-pull-secrets" .Values.imagePullSecrets }}
`);
    assert.deepEqual(
      parsed.documents.flatMap((d) => d.errors.map((e) => e.message)),
      [],
    );
    const json = parsed.documents[0].toJSON() as { spec: { dnsNames: unknown[]; uris: unknown[] }; metadata: { labels: Record<string, unknown> } };
    assert.equal(json.spec.dnsNames.length, 1);
    assert.equal(json.spec.uris.length, 3);
    assert.equal(Object.keys(json.metadata.labels).length, 2);
  });

  it('leaves lines that render nothing blank: assignments, comments, fail', () => {
    const parsed = parseYaml(`spec:
  dnsNames:
  {{- $names := dict -}}
  {{- /* one per revision */ -}}
  {{- printf "duplicate %s" $r | fail -}}
  - istiod.svc
`);
    assert.deepEqual((parsed.documents[0].toJSON() as { spec: { dnsNames: string[] } }).spec.dnsNames, ['istiod.svc']);
    assert.deepEqual(parsed.templateSpans, []);
  });
});
