import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { validateYaml } from '../../server/src/service/validation/index';
import { expectDiagnostics as expect } from '../support/expectDiagnostics';

const rule = (spec: string, metadata = '{ name: reviews, namespace: shop }') => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: ${metadata}
spec:
${spec}`;

/** A rule with only a traffic policy, written under spec.trafficPolicy. */
const policy = (body: string) => rule(`  host: reviews\n  trafficPolicy:\n${body}`);

/** Each diagnostic as "code severity", to tell what istiod refuses from what it only warns about. */
function verdicts(source: string): string[] {
  return validateYaml(parseYaml(source), createDefaultRegistry()).map(
    (d) => `${String(d.code)} ${d.severity === DiagnosticSeverity.Error ? 'error' : 'warning'}`,
  );
}

describe('DestinationRule webhook rules', () => {
  describe('host, subsets, exportTo', () => {
    it('refuses a missing, empty or malformed host; takes a wildcard first label', () => {
      assert.ok(verdicts(rule('  subsets: [{ name: v1 }]\n')).includes('istio-destination-rule error'));
      expect('istio-destination-rule', rule('  ⟦host⟧: ""\n'));
      expect('istio-destination-rule', rule('  ⟦host⟧: reviews..shop\n'));
      expect('istio-destination-rule', rule('  ⟦host⟧: "reviews.*.svc"\n'));
      expect('istio-destination-rule', rule('  ⟦host⟧: reviews.10\n'));
      expect('istio-destination-rule', rule('  host: "*.shop.svc.cluster.local"\n'));
      expect('istio-destination-rule', rule('  host: "*"\n'));
      expect('istio-destination-rule', rule('  host: istio.io.\n'));
    });

    it('subsets need a unique DNS-label name and valid labels', () => {
      expect(
        'istio-destination-rule',
        rule(`  host: reviews
  subsets:
    - { ⟦name⟧: "", labels: { version: v1 } }
    - { ⟦name⟧: V_1 }
    - { name: v2, labels: { ⟦"bad key!"⟧: x, version: ⟦"-v2"⟧ } }
    - { ⟦name⟧: v2 }
`),
      );
    });

    it('exportTo: no duplicates (. is this namespace), no ~, * alone, and only this namespace with a workloadSelector', () => {
      expect('istio-destination-rule', rule('  host: reviews\n  exportTo: [".", ⟦shop⟧, ⟦"~"⟧, ⟦Not_A_Namespace⟧]\n'));
      expect('istio-destination-rule', rule('  host: reviews\n  ⟦exportTo⟧: ["*", other]\n'));
      expect('istio-destination-rule', rule('  host: reviews\n  workloadSelector: { matchLabels: { app: web } }\n  ⟦exportTo⟧: [other]\n'));
      expect('istio-destination-rule', rule('  host: reviews\n  workloadSelector: { matchLabels: { app: web } }\n  exportTo: ["."]\n'));
      expect('istio-destination-rule', rule('  host: reviews\n  exportTo: [".", other]\n'));
    });

    it('warns, without refusing, on a workloadSelector with no labels', () => {
      const source = rule('  host: reviews\n  ⟦workloadSelector⟧: {}\n');
      expect('istio-destination-rule', source);
      assert.deepEqual(verdicts(source.replace(/[⟦⟧]/g, '')), ['istio-destination-rule warning']);
    });
  });

  describe('traffic policies', () => {
    it('refuses an empty policy at the top, per subset and per port, and a port entry without a port', () => {
      expect(
        'istio-traffic-policy',
        rule(`  host: reviews
  trafficPolicy: ⟦{}⟧
  subsets:
    - name: v1
      trafficPolicy: ⟦{}⟧
`),
      );
      expect(
        'istio-traffic-policy',
        policy(`    portLevelSettings:
      - ⟦{ tls: { mode: ISTIO_MUTUAL } }⟧
      - ⟦{ port: { number: 80 } }⟧
`),
      );
    });

    it('warns on a port number no service port can have (istiod lets it through)', () => {
      const source = policy('    portLevelSettings:\n      - { port: { ⟦number⟧: 0 }, tls: { mode: ISTIO_MUTUAL } }\n');
      expect('istio-traffic-policy', source);
      assert.deepEqual(verdicts(source.replace(/[⟦⟧]/g, '')), ['istio-traffic-policy warning']);
    });

    it('tunnel: CONNECT or POST, a host name or IP, a port; never with proxyProtocol', () => {
      expect('istio-traffic-policy', policy('    tunnel: { ⟦protocol⟧: GET, ⟦targetHost⟧: "bad_host", ⟦targetPort⟧: 0 }\n'));
      expect('istio-traffic-policy', policy('    tunnel: { protocol: POST, targetHost: "10.0.0.1", targetPort: 8443 }\n'));
      expect('istio-traffic-policy', policy('    tunnel: { targetHost: egress.example.com, targetPort: 443 }\n    ⟦proxyProtocol⟧: { version: V1 }\n'));
    });
  });

  describe('connection pool and outlier detection', () => {
    it('refuses an empty pool, negative limits and the UPGRADE/useClientProtocol pair', () => {
      expect('istio-traffic-policy', policy('    connectionPool: ⟦{}⟧\n'));
      expect(
        'istio-traffic-policy',
        policy(
          '    connectionPool:\n      tcp: { ⟦maxConnections⟧: -1 }\n      http: { ⟦maxRetries⟧: -2, h2UpgradePolicy: UPGRADE, ⟦useClientProtocol⟧: true }\n',
        ),
      );
    });

    it('keeps durations to whole milliseconds, takes Go units, and lets tcp idleTimeout 0s turn the timeout off', () => {
      expect(
        'istio-traffic-policy',
        policy(
          '    connectionPool:\n      tcp: { ⟦connectTimeout⟧: 1.0005s, maxConnectionDuration: 5m, ⟦idleTimeout⟧: 500us }\n      http: { idleTimeout: 1.1s }\n',
        ),
      );
      expect('istio-traffic-policy', policy('    connectionPool:\n      tcp: { idleTimeout: 0s, tcpKeepalive: { time: 7200s, interval: 75s } }\n'));
      expect('istio-traffic-policy', policy('    connectionPool:\n      http: { ⟦http2KeepAlive⟧: { interval: 15s } }\n'));
    });

    it('outlier detection: percentages, local-origin failures only when split, and a warning for consecutiveErrors', () => {
      expect(
        'istio-traffic-policy',
        policy('    outlierDetection: { ⟦maxEjectionPercent⟧: 101, ⟦minHealthPercent⟧: -1, ⟦consecutiveLocalOriginFailures⟧: 3 }\n'),
      );
      expect(
        'istio-traffic-policy',
        policy('    outlierDetection: { consecutiveLocalOriginFailures: 3, splitExternalLocalOriginErrors: true, maxEjectionPercent: 100 }\n'),
      );
      const source = policy('    outlierDetection: { ⟦consecutiveErrors⟧: 5 }\n');
      expect('istio-traffic-policy', source);
      assert.deepEqual(verdicts(source.replace(/[⟦⟧]/g, '')), ['istio-traffic-policy warning']);
    });
  });

  describe('load balancer', () => {
    it('consistent hash: a cookie name, unique attribute names, a prime Maglev table, no legacy ring size with an algorithm', () => {
      expect(
        'istio-load-balancer',
        policy(`    loadBalancer:
      consistentHash:
        ⟦httpCookie⟧:
          name: ""
          attributes: [⟦{ name: "", value: x }⟧, { name: SameSite, value: Lax }, { ⟦name⟧: SameSite, value: Strict }]
`),
      );
      expect('istio-load-balancer', policy('    loadBalancer:\n      consistentHash: { maglev: { ⟦tableSize⟧: 65536 } }\n'));
      expect('istio-load-balancer', policy('    loadBalancer:\n      consistentHash: { maglev: { tableSize: 65537 } }\n'));
      expect('istio-load-balancer', policy('    loadBalancer:\n      consistentHash: { ⟦maglev⟧: {} }\n'));
      const legacy = policy('    loadBalancer:\n      consistentHash: { ⟦minimumRingSize⟧: 1024, ringHash: { minimumRingSize: 1024 } }\n');
      assert.deepEqual(verdicts(legacy.replace(/[⟦⟧]/g, '')), ['istio-load-balancer warning', 'istio-load-balancer error']);
    });

    it('locality: weights of 1-100 adding up to 100, no overlapping localities, failover between distinct plain regions', () => {
      expect(
        'istio-load-balancer',
        policy(`    outlierDetection: { consecutive5xxErrors: 3 }
    loadBalancer:
      localityLbSetting:
        distribute:
          - { from: "us/*", ⟦to⟧: { "us/a/*": 70, "us/b/*": 20 } }
`),
      );
      expect(
        'istio-load-balancer',
        policy(`    outlierDetection: { consecutive5xxErrors: 3 }
    loadBalancer:
      localityLbSetting:
        distribute:
          - { from: eu, to: { "eu/*": 100, "eu/a": ⟦0⟧ } }
`),
      );
      expect(
        'istio-load-balancer',
        policy(`    outlierDetection: { consecutive5xxErrors: 3 }
    loadBalancer:
      localityLbSetting:
        distribute:
          - { from: us, to: { "us/a": 50, ⟦us⟧: 50 } }
`),
      );
      expect(
        'istio-load-balancer',
        policy(`    outlierDetection: { consecutive5xxErrors: 3 }
    loadBalancer:
      localityLbSetting:
        failover: [⟦{ from: us, to: us }⟧, ⟦{ from: us/a, to: eu }⟧, ⟦{ from: us, to: "*" }⟧, { from: us, to: eu }]
        failoverPriority: [⟦topology.kubernetes.io/zone⟧]
`),
      );
    });

    it('failover without outlier detection is only a warning; zone-aware failoverPriority takes no topology label', () => {
      const source = policy('    loadBalancer:\n      localityLbSetting: { ⟦failover⟧: [{ from: us, to: eu }] }\n');
      expect('istio-load-balancer', source);
      assert.deepEqual(verdicts(source.replace(/[⟦⟧]/g, '')), ['istio-load-balancer warning']);
      expect(
        'istio-load-balancer',
        policy(
          '    outlierDetection: {}\n    loadBalancer:\n      zoneAwareLbSetting: { failoverPriority: [topology.istio.io/network, ⟦topology.kubernetes.io/region⟧] }\n',
        ),
      );
      expect('istio-load-balancer', policy('    loadBalancer:\n      localityLbSetting: {}\n      ⟦zoneAwareLbSetting⟧: {}\n'));
    });

    it('warmup needs a duration, and an aggression above 0', () => {
      expect('istio-load-balancer', policy('    loadBalancer:\n      warmup: { duration: 60s, ⟦aggression⟧: 0 }\n'));
      assert.ok(verdicts(policy('    loadBalancer:\n      warmup: { minimumPercent: 10 }\n')).includes('istio-load-balancer error'));
    });
  });

  describe('client TLS, as istiod checks it', () => {
    it('refuses certificate files beside credentialName in SIMPLE and MUTUAL, and verification settings beside insecureSkipVerify', () => {
      expect('istio-tls-settings', policy('    tls: { mode: SIMPLE, credentialName: web, ⟦caCrl⟧: /etc/crl.pem }\n'));
      expect('istio-tls-settings', policy('    tls: { mode: SIMPLE, insecureSkipVerify: true, ⟦credentialName⟧: web }\n'));
      expect('istio-tls-settings', policy('    tls: { mode: MUTUAL, insecureSkipVerify: true, credentialName: web }\n'));
      expect('istio-tls-settings', policy('    tls: { ⟦mode⟧: MUTUAL, clientCertificate: "", privateKey: /k.pem }\n'));
    });

    it('only warns about what istiod lets through: certificate fields with ISTIO_MUTUAL, caCrl with insecureSkipVerify', () => {
      const source = policy(
        '    tls: { mode: ISTIO_MUTUAL, ⟦credentialName⟧: web, ⟦caCertificates⟧: /ca.pem }\n    portLevelSettings:\n      - { port: { number: 443 }, tls: { mode: SIMPLE, insecureSkipVerify: true, ⟦caCrl⟧: /crl.pem } }\n',
      );
      expect('istio-tls-settings', source);
      assert.deepEqual(verdicts(source.replace(/[⟦⟧]/g, '')), ['istio-tls-settings warning', 'istio-tls-settings warning', 'istio-tls-settings warning']);
      expect('istio-tls-settings', policy('    tls: { mode: DISABLE, credentialName: web, caCertificates: /ca.pem }\n'));
    });
  });
});
