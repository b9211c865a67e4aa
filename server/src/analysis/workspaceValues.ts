import { resourcesOf, type Resource } from './resources';
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

/**
 * What a file's resources tell completion (the analysis reads the same resources, so each file is
 * read once): namespaces named or placed in, service accounts defined or written on a workload,
 * and pod labels.
 */
export function factsOfResources(resources: Resource[]): FileFacts {
  const facts: FileFacts = { namespaces: [], serviceAccounts: [], labels: [] };
  for (const resource of resources) {
    if (resource.namespace) facts.namespaces.push(resource.namespace);
    if (resource.kind === 'Namespace' && resource.group === '' && resource.name) facts.namespaces.push(resource.name);
    if (resource.kind === 'ServiceAccount' && resource.group === '' && resource.name)
      facts.serviceAccounts.push({ namespace: resource.namespace, name: resource.name });
    const workload = resource.workload;
    if (!workload) continue;
    if (workload.serviceAccountWritten) facts.serviceAccounts.push({ namespace: resource.namespace, name: workload.serviceAccount });
    facts.labels.push(...Object.entries(workload.podLabels));
  }
  return facts;
}

/** The facts of a parsed file, for callers without its resources at hand. */
export function factsOf(parsed: ParsedYaml, uri = 'inline:facts'): FileFacts {
  return factsOfResources(resourcesOf(uri, parsed));
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

  /** The files indexed, by URI. */
  uris(): string[] {
    return [...this.files.keys()];
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
