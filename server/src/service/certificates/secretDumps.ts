import { isMap, isScalar, isSeq, LineCounter, type Document, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { readPemText } from '../../../../common/src/pem/blocks';
import { countLines } from '../../documents/lineStarts';
import { parseYaml } from '../../documents/parsedDocument';
import { MAX_DOCUMENT_BYTES } from '../../documents/sizePolicy';
import { pairKey } from '../validation/context';
import { offsetsToRange } from '../yamlPositions';
import { base64PemSource, decodeStrictBase64 } from './base64Value';
import { lazyChain } from './chains';
import type { FoundObject, ObjectGroup, SyntaxProblem } from './found';
import { readBlocks, readDer, type PemSource } from './readBlocks';
import { objectNames } from './yamlValues';

// The secrets an Envoy proxy holds, as its admin endpoint dumps them (`/config_dump`: a
// SecretsConfigDump among `configs`, in proto field names) and as `istioctl proxy-config secret
// -o json|yaml` prints them (the SecretsConfigDump alone, in protojson's lowerCamelCase). Shapes:
// envoy api/envoy/admin/v3/config_dump_shared.proto (SecretsConfigDump), api/envoy/extensions/
// transport_sockets/tls/v3/secret.proto and common.proto (Secret, TlsCertificate,
// CertificateValidationContext), api/envoy/config/core/v3/base.proto (DataSource); istioctl 1.30.3
// istioctl/pkg/writer/envoy/configdump/configdump.go (PrintSecretDump). Each certificate chain and
// each set of trust anchors becomes a group. Private keys are never read: the admin endpoint
// replaces them with "[redacted]".
//
// Istio ambient's ztunnel dumps the certificates it holds per workload identity: its admin
// `/config_dump` (a `certificates` array beside workloads, services and policies) and `istioctl
// ztunnel-config certificate <pod> -o json|yaml` (that array alone). Shapes: ztunnel 1.30.3
// src/admin.rs (CertsDump, CertDump, dump_certs: `pem` is base64 of the PEM, the leaf and its
// intermediates in `certChain`, the roots in `rootCerts`); istio 1.30.3 istioctl/pkg/writer/ztunnel/
// configdump/api.go and certificates.go (older ztunnels wrote PEM text and put the root last in
// `certChain`, with no `rootCerts`).

const SECRETS_DUMP_TYPE = 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump';
const SECRET_LISTS = new Set(['static_secrets', 'dynamic_active_secrets', 'dynamic_warming_secrets']);

/** Istio's SDS resource names (pkg/security/security.go): the workload's certificate, and the roots its peers are verified with. */
const WORKLOAD_SECRET = 'default';
const ROOT_SECRET = 'ROOTCA';
/** A gateway credential `X` is verified with the CA certificates of `X-cacert` (pilot/pkg/model/credentials/resource.go SdsCaSuffix). */
const CA_SUFFIX = '-cacert';
/** The tag every DER certificate starts with. */
const DER_SEQUENCE = 0x30;

/** A secret list's key, as either writer spells it, or the dump's type name: most JSON files hold neither and are not parsed. */
const DUMP_MARK = /"(static_?[sS]ecrets|dynamic_?[aA]ctive_?[sS]ecrets|dynamic_?[wW]arming_?[sS]ecrets|certChain)"\s*:|envoy\.admin\.v3\.SecretsConfigDump/;

/** The groups of a JSON document that is a secret dump; any other JSON document has none. */
export function jsonSecretDumpGroups(text: string): ObjectGroup[] {
  if (!DUMP_MARK.test(text)) return [];
  // A whole /config_dump (listeners, clusters, routes) passes the parse bound; its secrets are one object of it.
  if (text.length > MAX_DOCUMENT_BYTES) return largeDumpGroups(text);
  // JSON is YAML's flow style: the YAML parser gives every value its offsets, and its size bounds apply.
  const yaml = parseYaml(text);
  return yaml.documents.flatMap((document) => secretDumpGroups(document, yaml.lineCounter) ?? []);
}

const SECRETS_DUMP_TYPE_AT = new RegExp(`"@type"\\s*:\\s*"${SECRETS_DUMP_TYPE.replaceAll('.', '\\.')}"`);
/** ztunnel's `certificates` list, which serde writes last in its dump (after workloads, services, policies and config). */
const ZTUNNEL_CERTIFICATES_AT = /"certificates"\s*:\s*\[/g;

/**
 * The secrets of a dump too large to parse whole: Envoy's SecretsConfigDump object alone (the one
 * whose `@type` says so), or ztunnel's `certificates` list alone, found by its brackets outside
 * strings and parsed where it stands. Its positions are read against the whole text's lines, so
 * the groups sit where they are written.
 */
function largeDumpGroups(text: string): ObjectGroup[] {
  const type = SECRETS_DUMP_TYPE_AT.exec(text);
  const start = type ? text.lastIndexOf('{', type.index) : lastZtunnelList(text);
  const end = start < 0 ? -1 : closingBracket(text, start);
  if (end < 0 || end - start > MAX_DOCUMENT_BYTES) return [];
  const yaml = parseYaml(text.slice(start, end + 1));
  // Line starts of the whole text, counted from the object's first character.
  const lines = new LineCounter();
  lines.lineStarts = countLines(text).lineStarts.map((at) => at - start);
  return yaml.documents.flatMap((document) => secretDumpGroups(document, lines) ?? []);
}

/** The offset of the `[` opening the last `"certificates": [` of the text; -1 when there is none. */
function lastZtunnelList(text: string): number {
  let last: RegExpExecArray | undefined;
  for (const match of text.matchAll(ZTUNNEL_CERTIFICATES_AT)) last = match;
  return last ? last.index + last[0].length - 1 : -1;
}

/** The offset of the bracket that closes the one at `open` (JSON nests `{}` and `[]` properly), brackets in strings not counted; -1 when it is not closed. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: to its closing quote, past escaped characters.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i;
  }
  return -1;
}

/** The groups of one YAML (or JSON) document when it is a secret dump; undefined when it is not one. */
export function secretDumpGroups(document: Document.Parsed, lineCounter: LineCounter): ObjectGroup[] | undefined {
  const ztunnel = ztunnelEntries(document.contents);
  if (ztunnel) return ztunnel.flatMap((entry) => ztunnelGroups(entry, lineCounter));
  const secrets = secretEntries(document.contents).flatMap((entry) => readSecret(entry, lineCounter) ?? []);
  // A resource that merely has a field of the same name is searched as any other.
  if (secrets.length === 0) return undefined;
  for (const secret of secrets) {
    if (!secret.chain) continue;
    const trustName = secret.name === WORKLOAD_SECRET ? ROOT_SECRET : `${secret.name}${CA_SUFFIX}`;
    const trust = secrets.filter((s) => s.name === trustName).flatMap((s) => s.trust);
    if (trust.length) secret.chain.trustedBy = trust;
  }
  return secrets.flatMap((secret) => [...(secret.chain ? [secret.chain] : []), ...secret.trust]);
}

/** One secret of a dump: its certificate chain, or the trust anchors it holds. */
interface Secret {
  name: string;
  chain?: ObjectGroup;
  trust: ObjectGroup[];
}

/**
 * The secret entries of a document, in text order: the lists of a SecretsConfigDump that is the
 * document itself (istioctl) or sits among `configs` (the admin endpoint), and the entries the
 * admin endpoint lists one by one in `configs` when asked for one list (`?resource=`).
 */
function secretEntries(contents: unknown): unknown[] {
  if (!isMap(contents)) return [];
  if (contents.items.some(isSecretList)) return listEntries(contents);
  const configs = field(contents, 'configs');
  if (!isSeq(configs)) return [];
  return configs.items.flatMap((config) => {
    const type = textOf(field(config, '@type'));
    if (type === SECRETS_DUMP_TYPE) return listEntries(config as YAMLMap);
    return type === `${SECRETS_DUMP_TYPE}.DynamicSecret` || type === `${SECRETS_DUMP_TYPE}.StaticSecret` ? [config] : [];
  });
}

function listEntries(dump: YAMLMap): unknown[] {
  return dump.items.flatMap((pair) => (isSecretList(pair) ? (pair.value as YAMLSeq).items : []));
}

function isSecretList(pair: Pair): boolean {
  return SECRET_LISTS.has(snakeCase(pairKey(pair) ?? '')) && isSeq(pair.value);
}

function readSecret(entry: unknown, lineCounter: LineCounter): Secret | undefined {
  const secret = field(entry, 'secret');
  if (!isMap(secret)) return undefined;
  const name = textOf(field(entry, 'name')) ?? textOf(field(secret, 'name')) ?? '(unnamed)';
  const chain = dataSourceGroup(field(field(secret, 'tls_certificate'), 'certificate_chain'), `certificate chain of secret ${name}`, 'chain', lineCounter);
  const validation = field(secret, 'validation_context');
  const trust: ObjectGroup[] = [];
  const trustedCa = dataSourceGroup(field(validation, 'trusted_ca'), `trusted CA of secret ${name}`, 'trust', lineCounter);
  if (trustedCa) trust.push(trustedCa);
  // SPIRE's federation (Istio with SPIRE): one trust bundle per trust domain, checked by Envoy's SPIFFE validator.
  const domains = field(field(field(validation, 'custom_validator_config'), 'typed_config'), 'trust_domains');
  for (const domain of isSeq(domains) ? domains.items : []) {
    const group = dataSourceGroup(
      field(domain, 'trust_bundle'),
      `trust bundle of ${textOf(field(domain, 'name')) ?? 'a trust domain'} in secret ${name}`,
      'trust',
      lineCounter,
    );
    if (group) trust.push(group);
  }
  return chain || trust.length ? { name, ...(chain ? { chain } : {}), trust } : undefined;
}

/**
 * A DataSource's inline certificates: `inline_string` (PEM), or `inline_bytes`, base64 of PEM or
 * of one DER certificate (the proto types it as plain bytes, so nothing in the dump's shape keeps DER out).
 * A `filename` (file-mounted certificates, SPIRE's static Envoy bootstrap) names a file on the
 * proxy's disk, not ours: it is never read, not even a workspace file of the same name, so such
 * a secret gives no group, and a chain whose roots are a file is left unjudged (no `trustedBy`).
 */
function dataSourceGroup(source: unknown, name: string, role: ObjectGroup['role'], lineCounter: LineCounter): ObjectGroup | undefined {
  const bytes = field(source, 'inline_bytes');
  const node = bytes ?? field(source, 'inline_string');
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const range = offsetsToRange(lineCounter, node.range[0], node.range[1]);
  const found = bytes ? base64Objects(node as Scalar<string>, range, name) : readBlocks(stringSource(node as Scalar<string>, range, objectNames(name)));
  if (!found || (found.objects.length === 0 && found.syntax.length === 0)) return undefined;
  return { name, role, ...found, chain: lazyChain(found.objects) };
}

/** The objects of base64 bytes: PEM text, or DER (a SEQUENCE first) read as one object at the value. */
function base64Objects(node: Scalar<string>, range: Range, name: string): Pick<ObjectGroup, 'objects' | 'syntax'> | undefined {
  const bytes = decodeStrictBase64(node.value);
  if (!bytes) return undefined;
  const pem = base64PemSource(bytes, range, objectNames(name));
  if (pem) return readBlocks(pem);
  // The field promises a certificate: bytes that do not decode as one are reported, not dropped.
  return bytes[0] === DER_SEQUENCE ? { objects: [readDer(bytes, range, name)], syntax: [] } : undefined;
}

function stringSource(node: Scalar<string>, range: Range, name: PemSource['name']): PemSource {
  const lines = node.value.split(/\r\n|\r|\n/);
  return { lines: (line) => lines[line] ?? '', ...readPemText(node.value), placement: { kind: 'value', range }, name };
}

/**
 * ztunnel's CertsDump entries when the document is its certificate dump: istioctl's array, or the
 * `certificates` of the admin endpoint's dump. Every entry must have the shape (an `identity` and
 * a `certChain` list), so an array or a field of the same name in other JSON is not taken for one.
 */
function ztunnelEntries(contents: unknown): YAMLMap[] | undefined {
  const list = isSeq(contents) ? contents : field(contents, 'certificates');
  if (!isSeq(list) || list.items.length === 0) return undefined;
  const isEntry = (item: unknown): item is YAMLMap => textOf(field(item, 'identity')) !== undefined && isSeq(field(item, 'cert_chain'));
  return list.items.every(isEntry) ? list.items : undefined;
}

/** One identity's certificates: its chain (leaf first), and its roots as the chain's trust. Initializing and unavailable identities have none. */
function ztunnelGroups(entry: YAMLMap, lineCounter: LineCounter): ObjectGroup[] {
  const identity = textOf(field(entry, 'identity'))!;
  const chain = certDumpGroup(field(entry, 'cert_chain'), `certChain of ${identity}`, `certificate chain of ${identity}`, 'chain', lineCounter);
  const roots = certDumpGroup(field(entry, 'root_certs'), `rootCerts of ${identity}`, `root certificates of ${identity}`, 'trust', lineCounter);
  if (chain && roots) chain.trustedBy = [roots];
  return [...(chain ? [chain] : []), ...(roots ? [roots] : [])];
}

/**
 * A list of CertDump as one group: each entry's `pem`, base64 of PEM (ztunnel 1.30) or PEM text
 * (older ztunnels), read where it stands; objects are named `certChain[1] of <identity>`.
 */
function certDumpGroup(list: unknown, listName: string, name: string, role: ObjectGroup['role'], lineCounter: LineCounter): ObjectGroup | undefined {
  if (!isSeq(list)) return undefined;
  const objects: FoundObject[] = [];
  const syntax: SyntaxProblem[] = [];
  list.items.forEach((item, index) => {
    const node = field(item, 'pem');
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
    const range = offsetsToRange(lineCounter, node.range[0], node.range[1]);
    const entryName = listName.replace(' of ', `[${index}] of `);
    const pem = node as Scalar<string>;
    const found = pem.value.includes('-----BEGIN ') ? readBlocks(stringSource(pem, range, objectNames(entryName))) : base64Objects(pem, range, entryName);
    objects.push(...(found?.objects ?? []));
    syntax.push(...(found?.syntax ?? []));
  });
  if (objects.length === 0 && syntax.length === 0) return undefined;
  return { name, role, objects, syntax, chain: lazyChain(objects) };
}

/** A field by its proto name (the admin endpoint's spelling) or its lowerCamelCase JSON name (istioctl's). */
function field(map: unknown, name: string): unknown {
  if (!isMap(map)) return undefined;
  const camel = name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return map.items.find((pair) => {
    const key = pairKey(pair);
    return key === name || key === camel;
  })?.value;
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function textOf(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}
