import * as assert from 'node:assert/strict';
import { parseDocument, parseYaml, type ParsedYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { certificateDiagnostics } from '../../server/src/service/certificates/certificateDiagnostics';
import { certificateHoverAt } from '../../server/src/service/certificates/certificateHover';
import { documentObjects } from '../../server/src/service/certificates/documentObjects';
import { quickFixes } from '../../server/src/service/codeActions';
import { certificateCodeLenses } from '../../server/src/service/codeLens';
import { completeAt } from '../../server/src/service/completion';
import { hoverAt } from '../../server/src/service/hover';
import { documentSymbols } from '../../server/src/service/symbols';
import { validateYaml } from '../../server/src/service/validation/index';
import { resourcesOf } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { mtlsCodeLenses } from '../../server/src/service/mtlsLenses';
import { pick, seededRandom } from '../support/random';
import { mutate, seeds } from '../support/yamlFuzz';

const registry = createDefaultRegistry();
const SEED = Number(process.env.FUZZ_SEED ?? 4242);
const CASES = Number(process.env.FUZZ_CASES ?? 3000);

describe('fuzzing the language services', () => {
  it(`survives ${CASES} mutated manifests with random cursors (seed ${SEED})`, function () {
    this.timeout(120_000); // a guard against a hang, not a speed check
    const random = seededRandom(SEED);
    const sources = seeds();
    let previous: ParsedYaml | undefined;
    let calls = 0;
    for (let i = 0; i < CASES; i++) {
      const text = mutate(random, pick(random, sources));
      const context = () => `case ${i} (FUZZ_SEED=${SEED}):\n${text.slice(0, 2000)}`;
      try {
        // Every other case reuses the previous parse, as the server does between edits.
        const parsed = parseYaml(text, i % 2 ? previous : undefined);
        previous = parsed;
        const diagnostics = validateYaml(parsed, registry);
        assert.ok(Array.isArray(diagnostics));
        for (const d of diagnostics) assert.ok(d.range.start.line >= 0 && typeof d.message === 'string' && d.message.length > 0);
        quickFixes('file:///fuzz.yaml', diagnostics);
        documentSymbols(parsed, registry);
        // The same text as PEM and as a manifest: certificates hide in Secrets and block scalars too.
        for (const parsedAs of [parseDocument('file:///fuzz.pem', 'pem', i, text), parseDocument('file:///fuzz.yaml', 'yaml', i, text)]) {
          const found = documentObjects(parsedAs);
          certificateCodeLenses(parsedAs.uri, found, new Date(0));
          certificateDiagnostics(found, { now: new Date(0), expiringSoonDays: 30, inGitWorkTree: true, siblings: [] });
          certificateHoverAt(found, { line: Math.floor(random() * 40), character: Math.floor(random() * 20) }, new Date(0), { timeZone: 'UTC' });
        }
        for (let k = 0; k < 3; k++) {
          const offset = Math.floor(random() * (text.length + 1));
          assert.ok(Array.isArray(completeAt(text, parsed, offset, registry)));
          hoverAt(parsed, offset, registry);
          calls += 2;
        }
        calls += 13;
      } catch (error) {
        assert.fail(`${(error as Error).stack}\n${context()}`);
      }
    }
    assert.equal(calls, CASES * 19);
  });
});

describe('fuzzing the cross-resource analysis', () => {
  // Values of the wrong type where the rules read fields: a list for a map, a number for a list.
  const WRONG_TYPES = [
    'rules: "x"',
    'rules: [1, null]',
    'selector: 5',
    'matchLabels: [a]',
    'principals: {a: b}',
    'principals: [1, {x: y}]',
    'ports: 7',
    'portLevelMtls: [1]',
    'portLevelMtls: {"80": 3}',
    'identityRefs: x',
    'issuerRef: 3',
    'spec: []',
    'spec: ~',
    'tls: yes',
    'mode: [DISABLE]',
    'host: {}',
    'containers: "c"',
    'podSelector: []',
    'targetRef: [x]',
    'secretName: 9',
    'data: [1]',
    'namespace: []',
    'name: {}',
    'labels: [a, b]',
  ];
  const WORKSPACE = [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      serviceAccountName: web\n      containers: [{name: web, ports: [{containerPort: 8080}]}]\n',
    'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: web}\n  ports: [{name: tcp-x, port: 80, targetPort: 8080}]\n',
    'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: istio-system}\nspec:\n  mtls: {mode: STRICT}\n  portLevelMtls:\n    "8080": {mode: DISABLE}\n',
    'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: web, namespace: shop}\nspec:\n  host: web.shop.svc.cluster.local\n  trafficPolicy:\n    tls: {mode: DISABLE, credentialName: x}\n    portLevelSettings: [{port: {number: 80}, tls: {mode: SIMPLE}}]\n',
    'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  selector:\n    matchLabels: {app: web}\n  action: DENY\n  rules:\n  - from:\n    - source: {principals: ["other/ns/shop/sa/x"], namespaces: [nope]}\n    to:\n    - operation: {methods: [GET], ports: ["8080"]}\n    when: [{key: request.headers[x], values: [y]}]\n',
    'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c, namespace: shop}\nspec:\n  secretName: s\n  duration: 99999h\n  issuerRef: {name: i, kind: Issuer}\n---\napiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: j, namespace: shop}\nspec:\n  ca: {secretName: ca}\n',
    'apiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata: {name: a, namespace: shop}\nspec:\n  server: {name: s}\n  client:\n    meshTLS: {serviceAccounts: [{name: web}], identities: ["*"]}\n---\napiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata: {name: m, namespace: shop}\nspec:\n  identityRefs: [{kind: ServiceAccount, name: x}]\n',
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations: {linkerd.io/inject: enabled}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: other, namespace: shop}\ndata: {tls.crt: bm90IGEgY2VydA==}\n',
  ];

  it(`survives ${Math.floor(CASES / 10)} mutated workspaces, wrong types included (seed ${SEED})`, function () {
    this.timeout(120_000);
    const random = seededRandom(SEED + 1);
    for (let i = 0; i < Math.floor(CASES / 10); i++) {
      const files = WORKSPACE.map((text) => {
        let mutated = text;
        if (random() < 0.6) {
          // Put a wrong-typed field where a field of that name sits, or anywhere.
          const fragment = pick(random, WRONG_TYPES);
          const field = fragment.slice(0, fragment.indexOf(':') + 1);
          const at = mutated.indexOf(field);
          mutated = at >= 0 ? mutated.slice(0, at) + fragment + mutated.slice(mutated.indexOf('\n', at)) : mutated;
        }
        return random() < 0.5 ? mutate(random, mutated) : mutated;
      });
      try {
        const resources = files.flatMap((text, f) => resourcesOf(`file:///fuzz/${f}.yaml`, parseYaml(text)));
        const model = new WorkspaceModel(resources);
        for (const finding of analyzeWorkspace(model)) assert.ok(finding.range.start.line >= 0 && finding.message.length > 0, finding.code);
        files.forEach((_, f) => mtlsCodeLenses(`file:///fuzz/${f}.yaml`, model));
      } catch (error) {
        assert.fail(`${(error as Error).stack}\ncase ${i} (FUZZ_SEED=${SEED}):\n${files.join('\n---\n').slice(0, 3000)}`);
      }
    }
  });
});
