import { entries, readHcl, type HclObject, type HclValue, type Range } from './hclReader';
import { expandsEnv } from './model';

// The values of a SPIRE configuration that name certificate, key or bundle files, so the editor can
// put the certificate's details next to them. Keys SPIRE documents as such files are found by
// where they sit; any other *_path or *_file key counts when its value has a certificate file's
// extension. Values that only -expandEnv fills in are skipped: their file is known at run time only.

export type SpireFileRole = 'bundle' | 'certificate' | 'key';

export interface SpireFileReference {
  /** The range of the value (the quoted string). */
  range: Range;
  /** The path as written; relative paths are relative to SPIRE's working directory. */
  path: string;
  role: SpireFileRole;
  /** The key naming the file, with its enclosing blocks, as written ("agent.trust_bundle_path"). */
  key: string;
}

/** Known file keys by their lower-cased path; plugin paths run plugins/Type/name/plugin_data/key. */
const KNOWN: Record<string, SpireFileRole> = {
  'agent.trust_bundle_path': 'bundle',
  'server.federation.bundle_endpoint.profile.https_web.serving_cert_file.cert_file_path': 'certificate',
  'server.federation.bundle_endpoint.profile.https_web.serving_cert_file.key_file_path': 'key',
  'telemetry.prometheus.tls.cert_file': 'certificate',
  'telemetry.prometheus.tls.key_file': 'key',
  'telemetry.prometheus.tls.client_ca_file': 'bundle',
  'plugins.upstreamauthority.disk.plugin_data.cert_file_path': 'certificate',
  'plugins.upstreamauthority.disk.plugin_data.key_file_path': 'key',
  'plugins.upstreamauthority.disk.plugin_data.bundle_file_path': 'bundle',
  'plugins.upstreamauthority.ejbca.plugin_data.ca_cert_path': 'bundle',
  'plugins.upstreamauthority.ejbca.plugin_data.client_cert_path': 'certificate',
  'plugins.upstreamauthority.ejbca.plugin_data.client_cert_key_path': 'key',
  'plugins.nodeattestor.x509pop.plugin_data.ca_bundle_path': 'bundle',
  'plugins.nodeattestor.x509pop.plugin_data.ca_bundle_paths': 'bundle',
  'plugins.nodeattestor.x509pop.plugin_data.certificate_path': 'certificate',
  'plugins.nodeattestor.x509pop.plugin_data.intermediates_path': 'certificate',
  'plugins.nodeattestor.x509pop.plugin_data.private_key_path': 'key',
  'plugins.workloadattestor.k8s.plugin_data.kubelet_ca_path': 'bundle',
  'plugins.workloadattestor.k8s.plugin_data.certificate_path': 'certificate',
  'plugins.workloadattestor.k8s.plugin_data.private_key_path': 'key',
  'plugins.datastore.sql.plugin_data.root_ca_path': 'bundle',
  'plugins.datastore.sql.plugin_data.client_cert_path': 'certificate',
  'plugins.datastore.sql.plugin_data.client_key_path': 'key',
};

const CERTIFICATE_FILE = /\.(pem|crt|cer|cert|key|der)$/i;
const FILE_KEY = /(_path|_paths|_file|_files)$/;

export function spireFileReferences(text: string): SpireFileReference[] {
  const out: SpireFileReference[] = [];
  walk(readHcl(text).root, [], out);
  return out;
}

function walk(object: HclObject, path: string[], out: SpireFileReference[]): void {
  for (const { key, value } of entries(object)) visit(value, [...path, key.text], out);
}

function visit(value: HclValue, path: string[], out: SpireFileReference[]): void {
  if (value.kind === 'object') walk(value, path, out);
  else if (value.kind === 'list') for (const item of value.items) visit(item, path, out);
  else if (value.kind === 'string') {
    const file = String(value.value).trim();
    if (!file || expandsEnv(file) || file.includes('\n')) return;
    const role = roleOf(path, file);
    if (role) out.push({ range: value.range, path: file, role, key: path.join('.') });
  }
}

function roleOf(path: string[], file: string): SpireFileRole | undefined {
  const known = KNOWN[path.join('.').toLowerCase()];
  if (known) return known;
  const name = path[path.length - 1].toLowerCase();
  if (!FILE_KEY.test(name) || !CERTIFICATE_FILE.test(file)) return undefined;
  if (/\.key$/i.test(file) || /(^|_)(private_)?key(_|$)/.test(name)) return 'key';
  if (/(^|_)(ca|bundle|root|trust)(_|$)/.test(name)) return 'bundle';
  return 'certificate';
}
