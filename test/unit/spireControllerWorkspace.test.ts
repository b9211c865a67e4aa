import * as assert from 'node:assert/strict';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { resourcesOf } from '../../server/src/analysis/resources';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseYaml } from '../../server/src/documents/parsedDocument';

// spire-controller-manager's objects against the trust domain of the SPIRE server the workspace holds.

function findings(files: Record<string, string>): string[] {
  const model = new WorkspaceModel(Object.entries(files).flatMap(([name, text]) => resourcesOf(`file:///w/${name}`, parseYaml(text))));
  return analyzeWorkspace(model)
    .filter((f) => f.code === 'spire-trust-domain-mismatch')
    .map((f) => `${f.uri.slice('file:///w/'.length)}:${f.range.start.line + 1} ${f.severity}`)
    .sort();
}

const server = (td: string, name = 'spire-server') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, namespace: spire }\ndata:\n  server.conf: |\n    server {\n      trust_domain = "${td}"\n      data_dir = "/run/spire/data"\n    }\n    plugins {}\n`;
const head = (kind: string) => `apiVersion: spire.spiffe.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: x\n`;
const staticEntry = (id: string, parent: string) =>
  `${head('ClusterStaticEntry')}spec:\n  spiffeID: ${id}\n  parentID: ${parent}\n  selectors: ["unix:uid:0"]\n`;
const identity = (template: string) => `${head('ClusterSPIFFEID')}spec:\n  spiffeIDTemplate: "${template}"\n`;
const federation = (td: string) =>
  `${head('ClusterFederatedTrustDomain')}spec:\n  trustDomain: ${td}\n  bundleEndpointURL: https://x\n  bundleEndpointProfile: { type: https_web }\n`;

describe('spire-controller-manager objects against the SPIRE server trust domain', () => {
  it('says nothing when they agree, or when templates write the trust domain', () => {
    assert.deepEqual(
      findings({
        'server.yaml': server('example.org'),
        'entry.yaml': staticEntry('spiffe://example.org/db', 'spiffe://example.org/agent'),
        'id.yaml': identity('spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}'),
        'other.yaml': identity('spiffe://example.org/fixed'),
        'federation.yaml': federation('partner.org'),
      }),
      [],
    );
  });

  it('warns on entries outside it and on a federation with itself, at the field', () => {
    assert.deepEqual(
      findings({
        'server.yaml': server('example.org'),
        'entry.yaml': staticEntry('spiffe://other.org/db', 'spiffe://example.org/agent'),
        'id.yaml': identity('spiffe://other.org/fixed'),
        'federation.yaml': federation('example.org'),
      }),
      ['entry.yaml:6 warning', 'federation.yaml:6 warning', 'id.yaml:6 warning'],
    );
  });

  it('says nothing without a SPIRE server, or with servers of several trust domains', () => {
    const objects = { 'entry.yaml': staticEntry('spiffe://other.org/db', 'spiffe://other.org/agent'), 'federation.yaml': federation('example.org') };
    assert.deepEqual(findings(objects), []);
    assert.deepEqual(findings({ ...objects, 'a.yaml': server('example.org', 'a'), 'b.yaml': server('example.net', 'b') }), []);
  });
});
