import * as assert from 'node:assert/strict';
import type { NamespacePosture, PortPosture, PostureReport, WorkloadPosture } from '../../common/src/report/postureReport';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isBinaryDer } from '../../common/src/files/certificateFiles';
import { certificatesOfFile, type CertificateSource } from '../../server/src/report/posture';
import { parseDocument } from '../../server/src/documents/parsedDocument';
import { WEB_WORKLOAD } from '../support/manifests';
import { assertGolden, POSTURE_FIXTURE, postureFixtureReport, postureOf } from '../support/postureFixture';

// The posture report of test/fixtures/posture at 2026-06-01: the whole JSON against its golden,
// then the rules one by one, so a regression names the rule it broke rather than a diff.

describe('posture report of the fixture workspace', () => {
  let report: PostureReport;
  before(() => {
    report = postureFixtureReport();
  });
  const namespace = (name: string): NamespacePosture => {
    const found = report.namespaces.find((n) => n.name === name);
    assert.ok(found, `namespace ${name} is in the report`);
    return found;
  };
  const workload = (ns: string, name: string): WorkloadPosture => {
    const found = namespace(ns).workloads.find((w) => w.name === name);
    assert.ok(found, `workload ${ns}/${name} is in the report`);
    return found;
  };
  const port = (ns: string, name: string, number: number): PortPosture => {
    const found = workload(ns, name).ports.find((p) => p.port === number);
    assert.ok(found, `port ${number} of ${ns}/${name} is in the report`);
    return found;
  };

  it('matches the golden report.json', () => {
    assertGolden('report.json', `${JSON.stringify(report, null, 2)}\n`);
  });

  it('counts the namespaces, meshes and STRICT verdicts', () => {
    assert.deepEqual(
      report.namespaces.map((n) => [n.name, n.strict.status]),
      [
        ['billing', 'blocked'],
        ['istio-system', 'not-applicable'],
        ['legacy', 'not-applicable'],
        ['orders', 'not-applicable'],
        ['payments', 'ready'],
        ['shop', 'blocked'],
      ],
    );
    assert.deepEqual(report.summary.byMesh, { 'istio-sidecar': 5, 'istio-ambient': 0, linkerd: 1, none: 1, unknown: 0 });
    assert.deepEqual(report.summary.strict, { strict: 0, ready: 1, blocked: 2, 'not-applicable': 3 });
    assert.equal(report.summary.bypassedPorts, 2);
  });

  it('takes the mode of Istio ports from the mesh-wide PERMISSIVE policy at level mesh', () => {
    const web = port('shop', 'web', 8080);
    assert.equal(web.mode, 'mtls-or-plaintext');
    assert.equal(web.level, 'mesh');
    assert.equal(web.decidedBy?.kind, 'PeerAuthentication');
    assert.equal(web.decidedBy?.namespace, 'istio-system');
    assert.equal(web.decidedBy?.file, 'istio/mesh-permissive.yaml');
    assert.deepEqual(web.exposedBy, ['shop/web:80']);
  });

  it('reports the port taken out of the sidecar as plaintext, bypassed, and blocking STRICT', () => {
    const scrape = port('shop', 'metrics', 9090);
    assert.equal(scrape.mode, 'plaintext');
    assert.equal(scrape.level, 'bypass');
    assert.equal(scrape.bypassedBy, 'traffic.sidecar.istio.io/excludeInboundPorts');
    assert.equal(port('shop', 'metrics', 8080).level, 'mesh');
    const check = namespace('shop').strict.checks.find((c) => c.id === 'no-exposed-bypass');
    assert.equal(check?.ok, false);
    assert.deepEqual(
      check?.blockers.map((b) => `${b.kind} ${b.name}`),
      ['Deployment metrics'],
    );
  });

  it('names the LoadBalancer Service as a caller from outside the cluster', () => {
    assert.deepEqual(
      workload('shop', 'frontend').plaintextCallers.map((c) => c.caller),
      ['Service shop/frontend (type LoadBalancer)'],
    );
    const check = namespace('shop').strict.checks.find((c) => c.id === 'no-plaintext-callers');
    assert.equal(check?.ok, false);
    assert.deepEqual(
      check?.blockers.map((b) => `${b.kind} ${b.namespace}/${b.name} ${b.file}`),
      ['Service shop/frontend shop/frontend.yaml'],
    );
  });

  it('blocks billing on the DestinationRule that turns TLS off towards it', () => {
    const billing = namespace('billing').strict;
    assert.equal(billing.status, 'blocked');
    assert.equal(billing.apply, undefined);
    assert.deepEqual(
      billing.checks.filter((c) => !c.ok).map((c) => c.id),
      ['tls-not-disabled'],
    );
    assert.deepEqual(
      billing.checks.find((c) => c.id === 'tls-not-disabled')?.blockers.map((b) => `${b.kind} ${b.namespace}/${b.name}`),
      ['DestinationRule shop/invoices-plaintext'],
    );
  });

  it('finds payments ready and gives the PeerAuthentication to apply', () => {
    const payments = namespace('payments').strict;
    assert.equal(payments.status, 'ready');
    assert.ok(payments.checks.length > 0 && payments.checks.every((c) => c.ok));
    assert.equal(
      payments.apply,
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: payments\nspec:\n  mtls:\n    mode: STRICT\n',
    );
    assert.equal(namespace('shop').strict.apply, undefined);
  });

  it('leaves the namespace without injection out of the mesh', () => {
    const reports = workload('legacy', 'reports');
    assert.equal(reports.mesh, 'none');
    assert.deepEqual(
      reports.ports.map((p) => [p.port, p.mode, p.level]),
      [[8080, 'plaintext', 'no-mesh']],
    );
  });

  it('reads Linkerd ports from the Server, the namespace default policy and the skip annotation', () => {
    const orders = workload('orders', 'orders-api');
    assert.equal(orders.mesh, 'linkerd');
    assert.deepEqual(
      orders.ports.map((p) => [p.port, p.mode, p.level]),
      [
        [8080, 'mtls', 'server'],
        [8081, 'mtls', 'namespace'],
        [9102, 'plaintext', 'bypass'],
      ],
    );
    assert.equal(port('orders', 'orders-api', 9102).bypassedBy, 'config.linkerd.io/skip-inbound-ports');
    assert.equal(namespace('orders').strict.status, 'not-applicable');
  });

  it('tells the ALLOW and DENY policies in force and who allows everyone', () => {
    const web = workload('shop', 'web').authorization;
    assert.deepEqual(
      web.allow.map((r) => r.name),
      ['web-callers'],
    );
    assert.deepEqual(
      web.deny.map((r) => r.name),
      ['no-admin-paths'],
    );
    assert.equal(web.allowsEveryone, false);
    assert.equal(workload('shop', 'frontend').authorization.allowsEveryone, true);
    assert.equal(report.summary.workloadsAllowingEveryone, 4);
  });

  it('checks the identities policies name against the service accounts', () => {
    assert.deepEqual(
      report.identities.map((i) => [i.identity, i.policy.name, i.status]),
      [
        ['cluster.local/ns/shop/sa/frontend', 'web-callers', 'found'],
        ['cluster.local/ns/shop/sa/checkout', 'web-callers', 'missing'],
        ['checkout.orders.serviceaccount.identity.linkerd.cluster.local', 'orders-callers', 'found'],
        ['shipping.orders.serviceaccount.identity.linkerd.cluster.local', 'orders-callers', 'missing'],
      ],
    );
    assert.equal(namespace('shop').strict.checks.find((c) => c.id === 'identity-policies')?.ok, false);
  });

  it('puts every certificate on one timeline, soonest expiry first', () => {
    assert.deepEqual(
      report.certificates.map((c) => [c.at.file, c.status, c.daysLeft, c.isCa]),
      [
        ['certs/reports-expired.pem', 'expired', -61, false],
        ['certs/web-expiring.pem', 'expiring', 12, false],
        ['certs/partner-root.der', 'valid', 280, true],
        ['shop/web-tls-secret.yaml', 'valid', 334, false],
        ['certs/root-ca.pem', 'valid', 579, true],
      ],
    );
    assert.equal(report.certificates[2].where, 'DER file');
    // What `openssl x509 -inform der -noout -subject -enddate` prints for the file.
    assert.deepEqual([report.certificates[2].subject, report.certificates[2].notAfter], ['CN=Partner Root CA', '2027-03-08T00:00:00.000Z']);
    assert.equal(report.certificates[3].where, 'tls.crt of Secret shop/web-tls');
    assert.deepEqual(report.summary.certificates, { expired: 1, expiring: 1, valid: 3, 'not-yet-valid': 0 });
  });

  it('gives the cert-manager Certificate its default renewal window', () => {
    assert.deepEqual(
      report.managedCertificates.map((m) => [m.ref.name, m.duration, m.renewBefore, m.secretInWorkspace]),
      [['web-tls', '8760h', '2920h', true]],
    );
  });
});

describe('certificate files read as bytes (mesh-mtls report and the editor alike)', () => {
  const der = readFileSync(path.join(POSTURE_FIXTURE, 'certs', 'partner-root.der'));
  const pem = readFileSync(path.join(POSTURE_FIXTURE, 'certs', 'root-ca.pem'), 'utf8');
  const subjects = (source: CertificateSource) => source.objects.flatMap((o) => (o.decoded.kind === 'certificate' ? [o.decoded.subject] : []));

  it('reads a .cer or .crt holding DER by its bytes, not its extension', () => {
    assert.deepEqual(subjects(certificatesOfFile('file:///w/partner.cer', der)), ['CN=Partner Root CA']);
    assert.deepEqual(subjects(certificatesOfFile('file:///w/partner.crt', der)), ['CN=Partner Root CA']);
  });

  it('reads PEM text as PEM even when its first character is the byte a DER object starts with', () => {
    const text = `0 is where this comment starts\n${pem}`;
    assert.equal(text.charCodeAt(0), 0x30);
    assert.equal(isBinaryDer(Buffer.from(text)), false);
    assert.deepEqual(subjects(certificatesOfFile('file:///w/root.der', Buffer.from(text))), ['CN=Posture Fixture Root CA']);
  });

  it('puts nothing on the timeline for an empty file or bytes that are no certificate, without throwing', () => {
    assert.deepEqual(certificatesOfFile('file:///w/empty.der', new Uint8Array()).objects, []);
    const garbage = certificatesOfFile('file:///w/garbage.der', Uint8Array.from([0x30, 0x82, 0xff, 0xff, 0x01, 0x02]));
    assert.equal(garbage.objects.length, 1);
    assert.notEqual(garbage.objects[0].decoded.kind, 'certificate');
  });
});

/** The report of a few manifests under /w, at the goldens' time. */
function reportOfFiles(files: Record<string, string>): PostureReport {
  return postureOf(
    Object.entries(files).map(([name, text]) => parseDocument(`file:///w/${name}`, 'yaml', 0, text)),
    {
      pathOf: (uri) => uri.slice('file:///w/'.length),
      now: new Date('2026-06-01T00:00:00Z'),
      expiringSoonDays: 30,
      findings: { error: 0, warning: 0, information: 0 },
      roots: ['/w'],
    },
  );
}

describe("posture report: Linkerd's cluster default from the workspace's policy controller", () => {
  const files = {
    'shop.yaml': `apiVersion: v1\nkind: Namespace\nmetadata: { name: shop, annotations: { linkerd.io/inject: enabled } }\n---\n${WEB_WORKLOAD}`,
    'linkerd/destination.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: linkerd-destination, namespace: linkerd }
spec:
  selector: { matchLabels: { app: destination } }
  template:
    metadata: { labels: { app: destination } }
    spec:
      containers:
      - name: policy
        image: cr.l5d.io/linkerd/policy-controller:edge-26.8.3
        command: ["/linkerd-policy-controller"]
        args: [--cluster-networks=10.0.0.0/8, --default-policy=all-authenticated]
`,
  };
  const report = reportOfFiles(files);

  it('gives the port the mode of --default-policy at level mesh, decided by the controller at its line', () => {
    const web = report.namespaces.find((n) => n.name === 'shop')!.workloads.find((w) => w.name === 'web')!;
    const [port] = web.ports;
    assert.deepEqual(
      [port.port, port.mode, port.level, port.decidedBy?.kind, port.decidedBy?.name, port.decidedBy?.file, port.decidedBy?.line],
      [8080, 'mtls', 'mesh', 'Deployment', 'linkerd-destination', 'linkerd/destination.yaml', 2],
    );
    assert.match(port.reason, /all-authenticated \(cluster default: --default-policy of Deployment linkerd\/linkerd-destination\)/);
  });
});

describe('posture report: Linkerd opaque ports', () => {
  const namespace = (annotations = '') =>
    `apiVersion: v1\nkind: Namespace\nmetadata: { name: data, annotations: { linkerd.io/inject: enabled${annotations} } }\n`;
  const postgres = (annotations = '') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: db, namespace: data }
spec:
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db }, annotations: { linkerd.io/inject: enabled${annotations} } }
    spec:
      containers: [{ name: db, image: postgres, ports: [{ containerPort: 5432, name: pg }, { containerPort: 8080, name: admin }, { containerPort: 9187 }] }]
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: data }
spec:
  selector: { app: db }
  ports: [{ name: pg, port: 5432 }, { name: cache, port: 6379 }]
`;
  const controller = (ports: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: linkerd-destination, namespace: linkerd }\nspec:\n  template:\n    spec:\n      containers:\n      - name: policy\n        command: ["/linkerd-policy-controller"]\n        args: ["--default-opaque-ports=${ports}"]\n`;
  const opaque = (files: Record<string, string>) => {
    const report = reportOfFiles(files);
    const db = report.namespaces.find((n) => n.name === 'data')!.workloads.find((w) => w.name === 'db')!;
    return db.ports.map((p) => [p.port, p.mode, p.opaqueBy ?? '-']);
  };

  it("marks the ports of Linkerd's default list the pod declares, and keeps their mode: opaque is not plaintext", () => {
    assert.deepEqual(opaque({ 'ns.yaml': namespace(), 'db.yaml': postgres() }), [
      [5432, 'mtls-or-plaintext', "Linkerd's default opaque ports (25,587,3306,4444,5432,6379,9300,11211)"],
      // 6379 is only a Service port the pod does not declare: the injector adds none of the defaults it does not expose.
      [6379, 'mtls-or-plaintext', '-'],
      [8080, 'mtls-or-plaintext', '-'],
      [9187, 'mtls-or-plaintext', '-'],
    ]);
  });

  it("takes the pod's annotation (names and ranges), else the namespace's, else the controller's --default-opaque-ports", () => {
    const pod = 'pod annotation config.linkerd.io/opaque-ports';
    assert.deepEqual(opaque({ 'ns.yaml': namespace(), 'db.yaml': postgres(', config.linkerd.io/opaque-ports: "admin,9000-9200"') }), [
      [5432, 'mtls-or-plaintext', '-'],
      [6379, 'mtls-or-plaintext', '-'],
      [8080, 'mtls-or-plaintext', pod],
      [9187, 'mtls-or-plaintext', pod],
    ]);
    assert.deepEqual(
      opaque({ 'ns.yaml': namespace(', config.linkerd.io/opaque-ports: "6379"'), 'db.yaml': postgres() }).map((p) => p[2]),
      ['-', 'namespace data annotation config.linkerd.io/opaque-ports', '-', '-'],
    );
    assert.deepEqual(
      opaque({ 'ns.yaml': namespace(), 'db.yaml': postgres(), 'linkerd.yaml': controller('3306,8080') }).map((p) => p[2]),
      ['-', '-', '--default-opaque-ports of Deployment linkerd/linkerd-destination', '-'],
    );
    // A templated list says nothing about the install: Linkerd's own default stands.
    assert.equal(
      opaque({ 'ns.yaml': namespace(), 'db.yaml': postgres(), 'linkerd.yaml': controller('{{.Values.proxy.opaquePorts}}') })[0][2],
      "Linkerd's default opaque ports (25,587,3306,4444,5432,6379,9300,11211)",
    );
  });
});
