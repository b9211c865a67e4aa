import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { resourcesOf } from '../server/src/analysis/resources';
import { WorkspaceAnalysis } from '../server/src/analysis/workspaceAnalysis';
import { parseYaml } from '../server/src/documents/parsedDocument';
import { scanYamlFiles } from '../server/src/workspace/scan';

// The workspace rows of `npm run bench`: a generated repository of 2,000 files and 10,000
// resources (40 namespaces of workloads, Services, service accounts, policies, DestinationRules
// and Certificates, with a few mistakes to find), and what the server makes of it, in process.

export const NAMESPACES = 40;
export const FILES_PER_NAMESPACE = 50;

function namespaceFiles(ns: number): Array<[string, string]> {
  const name = `team-${ns}`;
  const files: Array<[string, string]> = [];
  for (let i = 0; i < FILES_PER_NAMESPACE - 1; i++) {
    const app = `svc-${i}`;
    const caller = `svc-${(i + 1) % (FILES_PER_NAMESPACE - 1)}`;
    // One in 25 policies names an account that does not exist, as typos do.
    const principal = i % 25 === 7 ? `${caller}-typo` : caller;
    files.push([
      `${name}/${app}.yaml`,
      `apiVersion: v1
kind: ServiceAccount
metadata: {name: ${app}, namespace: ${name}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${app}, namespace: ${name}}
spec:
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata: {labels: {app: ${app}, version: v1}}
    spec:
      serviceAccountName: ${app}
      containers:
      - name: ${app}
        image: registry.example/${app}:1.0
        ports: [{containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: ${app}, namespace: ${name}}
spec:
  selector: {app: ${app}}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ${app}, namespace: ${name}}
spec:
  selector: {matchLabels: {app: ${app}}}
  action: ALLOW
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/${name}/sa/${principal}"]
    to:
    - operation: {methods: [GET, POST], paths: ["/api/*"]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${app}, namespace: ${name}}
spec:
  host: ${app}.${name}.svc.cluster.local
  trafficPolicy:
    tls: {mode: ${i % 30 === 11 ? 'DISABLE' : 'ISTIO_MUTUAL'}}
`,
    ]);
  }
  files.push([
    `${name}/policy.yaml`,
    `apiVersion: v1
kind: Namespace
metadata: {name: ${name}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: ${name}}
spec:
  mtls: {mode: STRICT}
---
apiVersion: cert-manager.io/v1
kind: Issuer
metadata: {name: ${name}-ca, namespace: ${name}}
spec:
  ca: {secretName: ${name}-ca}
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: ${name}-gateway, namespace: ${name}}
spec:
  secretName: ${name}-gateway-tls
  dnsNames: [gateway.${name}.svc]
  issuerRef: {name: ${name}-ca}
---
apiVersion: v1
kind: Secret
metadata: {name: ${name}-other, namespace: ${name}}
type: Opaque
`,
  ]);
  return files;
}

export function generateWorkspace(): { dir: string; files: number; resources: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mm-bench-workspace-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  let files = 0;
  let resources = 0;
  for (let ns = 0; ns < NAMESPACES; ns++) {
    mkdirSync(path.join(dir, `team-${ns}`));
    for (const [file, text] of namespaceFiles(ns)) {
      writeFileSync(path.join(dir, file), text);
      files++;
      resources += text.split('\n---\n').length;
    }
  }
  return { dir, files, resources };
}

/** What the server does after start-up, in this process: read every YAML file, extract its resources, analyse. */
export async function coldIndex(dir: string): Promise<{ ms: number; findings: number; analysis: WorkspaceAnalysis }> {
  const start = performance.now();
  const analysis = new WorkspaceAnalysis();
  await scanYamlFiles([dir], (uri, text) => analysis.setFile(uri, resourcesOf(uri, parseYaml(text))), { maxFiles: 100_000, maxFileBytes: 512_000 });
  const result = analysis.result();
  const ms = performance.now() - start;
  const findings = [...result.byUri.values()].reduce((n, list) => n + list.length, 0);
  return { ms, findings, analysis };
}

/** The bare yaml parse of every file: the floor any analysis stands on. */
export function parseOnly(dir: string, files: string[]): void {
  for (const file of files) parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'));
}
