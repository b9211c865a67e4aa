import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { resourcesOf } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/rules';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseDocument, parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';
import { EXAMPLES, ROOT } from '../rig/paths';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

function errorsIn(file: string): string[] {
  const parsed = parseDocument(`file://${file}`, 'yaml', 1, readFileSync(file, 'utf8'));
  return documentDiagnostics(parsed, createDefaultRegistry())
    .filter((d) => d.severity === DiagnosticSeverity.Error)
    .map((d) => `${path.basename(file)}:${d.range.start.line + 1} ${d.message}`);
}

describe('no false errors on real manifests', () => {
  it('reports no error on the upstream corpus (Istio, Linkerd, cert-manager docs and tests)', function () {
    const corpus = path.join(ROOT, '..', 'shared', 'corpus');
    if (!existsSync(corpus)) {
      console.log(`    (no ${corpus}: the shared corpus is not beside the project)`);
      this.skip();
    }
    const files = yamlFiles(corpus);
    assert.ok(files.length > 50, `only ${files.length} corpus files`);
    assert.deepEqual(files.flatMap(errorsIn), []);
  });

  it('reports no error on the corpus read as one workspace, and only the cross-resource warnings justified below', function () {
    const corpus = path.join(ROOT, '..', 'shared', 'corpus');
    if (!existsSync(corpus)) this.skip();
    const resources = yamlFiles(corpus).flatMap((file) => resourcesOf(`file://${file}`, parseYaml(readFileSync(file, 'utf8'))));
    const found = analyzeWorkspace(new WorkspaceModel(resources));
    assert.deepEqual(found.filter((f) => f.severity === 'error').map((f) => `${path.basename(f.uri)}:${f.range.start.line + 1} ${f.message}`), []);
    // The corpus is docs examples from many pages, not one deployment, so some cross-resource
    // warnings are expected and each was read: policies whose workloads (bookinfo's) and
    // principals' service accounts live on other pages; Certificates naming Issuers defined on
    // other pages; docs pages that each write example-com-tls with a differently named
    // Certificate; Linkerd examples targeting a Server from another page; the deprecated
    // ServerAuthorization the Linkerd docs still show; one deny-all AuthorizationPolicy; two
    // emojivoto Servers of a reference page whose policies are on other pages.
    const justified = new Set(['selector-no-workload', 'unknown-service-account', 'missing-issuer', 'duplicate-secret-name', 'linkerd-missing-target', 'linkerd-server-authorization-deprecated', 'authz-allow-nothing', 'linkerd-server-unauthorized']);
    assert.deepEqual([...new Set(found.map((f) => f.code))].filter((code) => !justified.has(code)), []);
  });

  it('reports exactly the one intended error in the examples', () => {
    const errors = yamlFiles(EXAMPLES).flatMap(errorsIn);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /^peer-authentication-typo\.yaml:10 "Strict" is not a valid value/);
  });
});
