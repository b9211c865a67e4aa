import * as assert from 'node:assert/strict';
import { postureRows, type PostureRow } from '../../client/src/posture/postureRows';
import { parseDocument } from '../../server/src/documents/parsedDocument';
import { certificateExpiringIn } from '../support/certificates';
import { postureOf } from '../support/postureFixture';

const NOW = new Date('2026-06-01T00:00:00Z');

const BILLING = `apiVersion: v1
kind: Namespace
metadata: { name: billing, labels: { istio-injection: enabled } }
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: billing }
spec: { mtls: { mode: PERMISSIVE } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ledger, namespace: billing }
spec:
  template:
    metadata:
      labels: { app: ledger }
      annotations: { traffic.sidecar.istio.io/excludeInboundPorts: "9090" }
    spec:
      containers:
        - name: ledger
          ports: [{ containerPort: 8080, name: http }, { containerPort: 9090, name: metrics }]
---
apiVersion: v1
kind: Service
metadata: { name: ledger, namespace: billing }
spec:
  selector: { app: ledger }
  ports: [{ port: 80, targetPort: 8080 }, { port: 9090, targetPort: 9090 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: batch, namespace: billing }
spec:
  template:
    metadata: { labels: { app: batch, sidecar.istio.io/inject: "false" } }
    spec: { containers: [{ name: batch }] }
`;

/** The row at a path of labels from the top. */
function rowAt(rows: PostureRow[], ...labels: string[]): PostureRow {
  let row: PostureRow | undefined;
  for (const label of labels) {
    row = rows.find((r) => r.label === label);
    assert.ok(row, `no row ${label} among ${rows.map((r) => r.label).join(', ')}`);
    rows = row.children;
  }
  return row!;
}

function allIds(rows: PostureRow[]): string[] {
  return rows.flatMap((row) => [row.id, ...allIds(row.children)]);
}

describe('Mesh Posture view rows', () => {
  let rows: PostureRow[];

  before(async () => {
    const documents = [
      parseDocument('file:///w/billing.yaml', 'yaml', 0, BILLING),
      parseDocument('file:///w/certs/old.pem', 'pem', 0, (await certificateExpiringIn(-3, 'old.billing', NOW)).certificatePem),
      parseDocument('file:///w/certs/soon.pem', 'pem', 0, (await certificateExpiringIn(10, 'soon.billing', NOW)).certificatePem),
      parseDocument('file:///w/certs/later.pem', 'pem', 0, (await certificateExpiringIn(300, 'later.billing', NOW)).certificatePem),
    ];
    const report = postureOf(documents, {
      pathOf: (uri) => uri.slice('file:///w/'.length),
      now: NOW,
      expiringSoonDays: 30,
      findings: { error: 0, warning: 2, information: 0 },
      roots: ['/w'],
    });
    rows = postureRows(report);
  });

  it('leads with the summary, then one row per namespace, the certificates and the identities', () => {
    assert.deepEqual(
      rows.map((r) => r.label),
      ['Summary', 'billing', 'Certificates', 'Identities'],
    );
    assert.equal(rows[0].expanded, true);
    assert.equal(rowAt(rows, 'Summary', 'Lint findings').description, '0 errors, 2 warnings, 0 information');
    assert.equal(rowAt(rows, 'Summary', 'Lint findings').tone, 'warning');
  });

  it("shows a namespace's STRICT readiness, each failing check opening on its blockers, which open their resource", () => {
    const billing = rowAt(rows, 'billing');
    assert.deepEqual([billing.icon, billing.tone, billing.description], ['error', 'error', 'STRICT blocked · 2 workloads']);
    assert.deepEqual(billing.at, { file: 'billing.yaml', line: 2 });
    const checks = rowAt(rows, 'billing', 'STRICT readiness').children;
    const meshed = checks.find((c) => c.id.endsWith('/workloads-meshed'))!;
    assert.equal(meshed.tone, 'error');
    assert.deepEqual(
      meshed.children.map((b) => [b.label, b.at]),
      [['Deployment billing/batch', { file: 'billing.yaml', line: 31 }]],
    );
    assert.ok(checks.some((c) => c.tone === 'ok' && c.children.length === 0));
  });

  it('shows each port of a workload with its mode and level, the reason in the tooltip, and opens what decides it', () => {
    const ledger = rowAt(rows, 'billing', 'ledger');
    assert.equal(ledger.description, 'Istio sidecar · 2 plaintext ports');
    const http = rowAt(rows, 'billing', 'ledger', '8080 (http)');
    assert.deepEqual(
      [http.description, http.icon, http.tone, http.at],
      ['mTLS or plaintext · namespace', 'unlock', 'warning', { file: 'billing.yaml', line: 6 }],
    );
    assert.match(http.tooltip!, /PERMISSIVE from PeerAuthentication billing\/default/);
    const metrics = rowAt(rows, 'billing', 'ledger', '9090 (metrics)');
    assert.deepEqual([metrics.description, metrics.tone], ['plaintext · bypass', 'error']);
    assert.match(metrics.tooltip!, /excludeInboundPorts/);
    assert.equal(rowAt(rows, 'billing', 'ledger', 'Authorization').description, 'no ALLOW policy: everyone allowed');
    assert.equal(rowAt(rows, 'billing', 'batch').description, 'no mesh');
  });

  it('lists the certificates soonest expiry first, the expired and expiring flagged, each opening its file', () => {
    const certificates = rowAt(rows, 'Certificates');
    assert.deepEqual([certificates.description, certificates.tone], ['1 expired, 1 expiring', 'error']);
    assert.deepEqual(
      certificates.children.map((c) => [c.label, c.tone, c.at?.file]),
      [
        ['old.billing', 'error', 'certs/old.pem'],
        ['soon.billing', 'warning', 'certs/soon.pem'],
        ['later.billing', undefined, 'certs/later.pem'],
      ],
    );
    assert.match(certificates.children[0].description!, /^expired 3 days ago · certs\/old\.pem:1$/);
  });

  it('gives every row its own id, so the tree keeps what was expanded across refreshes', () => {
    const ids = allIds(rows);
    assert.equal(new Set(ids).size, ids.length);
  });
});
