import { isMap, isScalar, type Document, type Node } from 'yaml';
import type { ParsedYaml } from '../documents/parsedDocument';

/** A service account seen in the workspace, with its namespace when the manifest gives one. */
export interface ServiceAccountRef {
  namespace?: string;
  name: string;
}

/** What one file tells about the cluster: the names that completion offers elsewhere. */
export interface FileFacts {
  namespaces: string[];
  serviceAccounts: ServiceAccountRef[];
  /** Pod labels: key, value. */
  labels: Array<[string, string]>;
}

/** The values completion can offer from the whole workspace. */
export interface WorkspaceValues {
  namespaces(): string[];
  serviceAccounts(): ServiceAccountRef[];
  labelKeys(): string[];
  labelValues(key: string): string[];
}

const WORKLOAD_TEMPLATE: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Rollout: ['spec', 'template'],
};

function text(document: Document.Parsed, path: string[]): string | undefined {
  const value = document.getIn(path);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function stringPairs(node: unknown): Array<[string, string]> {
  if (!isMap(node)) return [];
  return node.items.flatMap((pair) => (isScalar(pair.key) && isScalar(pair.value as Node) && pair.value !== null ? [[String(pair.key.value), String((pair.value as { value: unknown }).value)] as [string, string]] : []));
}

/** Facts by document object: after an edit, only the reparsed document is read again (see segments.ts). */
const documentFacts = new WeakMap<Document.Parsed, FileFacts>();

/** Reads namespaces, service accounts and pod labels from any Kubernetes manifest of a file. */
export function factsOf(parsed: ParsedYaml): FileFacts {
  const facts: FileFacts = { namespaces: [], serviceAccounts: [], labels: [] };
  for (const document of parsed.documents) {
    let found = documentFacts.get(document);
    if (!found) documentFacts.set(document, (found = documentFactsOf(document)));
    facts.namespaces.push(...found.namespaces);
    facts.serviceAccounts.push(...found.serviceAccounts);
    facts.labels.push(...found.labels);
  }
  return facts;
}

function documentFactsOf(document: Document.Parsed): FileFacts {
  const facts: FileFacts = { namespaces: [], serviceAccounts: [], labels: [] };
  if (!isMap(document.contents)) return facts;
  const kind = text(document, ['kind']);
  const namespace = text(document, ['metadata', 'namespace']);
  if (namespace) facts.namespaces.push(namespace);
  if (kind === 'Namespace') {
    const name = text(document, ['metadata', 'name']);
    if (name) facts.namespaces.push(name);
  }
  if (kind === 'ServiceAccount') {
    const name = text(document, ['metadata', 'name']);
    if (name) facts.serviceAccounts.push({ namespace, name });
  }
  const template = kind === 'Pod' ? [] : kind ? WORKLOAD_TEMPLATE[kind] : undefined;
  if (!template) return facts;
  const account = text(document, [...template, 'spec', 'serviceAccountName']);
  if (account) facts.serviceAccounts.push({ namespace, name: account });
  facts.labels.push(...stringPairs(document.getIn([...template, 'metadata', 'labels'], true)));
  return facts;
}

/** Facts by file, for the whole workspace: files on disk and open editors alike. */
export class WorkspaceIndex implements WorkspaceValues {
  private readonly files = new Map<string, FileFacts>();

  set(uri: string, facts: FileFacts): void {
    this.files.set(uri, facts);
  }

  delete(uri: string): void {
    this.files.delete(uri);
  }

  get size(): number {
    return this.files.size;
  }

  namespaces(): string[] {
    return sortedUnique([...this.files.values()].flatMap((f) => f.namespaces));
  }

  serviceAccounts(): ServiceAccountRef[] {
    const seen = new Map<string, ServiceAccountRef>();
    for (const facts of this.files.values()) for (const account of facts.serviceAccounts) seen.set(`${account.namespace ?? ''}/${account.name}`, account);
    return [...seen.values()].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  }

  labelKeys(): string[] {
    return sortedUnique([...this.files.values()].flatMap((f) => f.labels.map(([key]) => key)));
  }

  labelValues(key: string): string[] {
    return sortedUnique([...this.files.values()].flatMap((f) => f.labels.filter(([k]) => k === key).map(([, value]) => value)));
  }
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort();
}
