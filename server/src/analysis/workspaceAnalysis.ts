// The cross-resource analysis the server keeps for the whole workspace: resources per file (files
// on disk and open editors), the model rebuilt when something changed, and the findings by file.

import type { Range } from 'vscode-languageserver-types';
import type { AnalysisFinding } from './finding';
import type { Resource } from './resources';
import { analyzeWorkspace } from './crossResource';
import type { SpireImage } from '../../../common/src/spireRelease';
import { spireImagesOf } from './spireImages';
import { DEFAULT_ANALYSIS_SETTINGS, WorkspaceModel, type AnalysisSettings } from './workspaceModel';
import { CombinedValues, factsOfResources, type FileFacts, type ServiceAccountRef, type WorkspaceValues } from './workspaceValues';

export interface AnalysisResult {
  model: WorkspaceModel;
  byUri: Map<string, AnalysisFinding[]>;
}

/** The one index of the workspace: the rules' findings and completion's values come from the same resources. */
export class WorkspaceAnalysis implements WorkspaceValues {
  private readonly files = new Map<string, Resource[]>();
  private current: AnalysisResult | undefined;
  private values: CombinedValues | undefined;
  /** What each file tells completion, read from its resources when first asked and kept until the file changes. */
  private readonly facts = new Map<string, FileFacts>();
  private settings: AnalysisSettings = DEFAULT_ANALYSIS_SETTINGS;
  /** The SPIRE images the workloads run, read when first asked and kept until a file changes. */
  private spire: SpireImage[] | undefined;

  setFile(uri: string, resources: Resource[]): void {
    this.files.set(uri, resources);
    this.facts.delete(uri);
    this.current = undefined;
    this.values = undefined;
    this.spire = undefined;
  }

  deleteFile(uri: string): void {
    if (!this.files.delete(uri)) return;
    this.facts.delete(uri);
    this.current = undefined;
    this.values = undefined;
    this.spire = undefined;
  }

  /** The files indexed, by URI. */
  uris(): string[] {
    return [...this.files.keys()];
  }

  /** Whether a file's resources hold a SPIRE server or agent config (in a ConfigMap): it is judged at the SPIRE release the images beside it name. */
  holdsSpire(uri: string): boolean {
    return this.files.get(uri)?.some((resource) => (resource.spire?.length ?? 0) > 0) ?? false;
  }

  private valuesNow(): CombinedValues {
    if (this.values) return this.values;
    const facts = [...this.files].map(([uri, resources]) => {
      let known = this.facts.get(uri);
      if (!known) this.facts.set(uri, (known = factsOfResources(resources)));
      return known;
    });
    return (this.values = new CombinedValues(facts));
  }

  /** The SPIRE server and agent images of the workspace's workloads, which the SPIRE release is read from (see common/src/spireRelease.ts). */
  spireImages(): SpireImage[] {
    return (this.spire ??= spireImagesOf([...this.files.values()].flat()));
  }

  namespaces(): string[] {
    return this.valuesNow().namespaces();
  }

  serviceAccounts(): ServiceAccountRef[] {
    return this.valuesNow().serviceAccounts();
  }

  labelKeys(): string[] {
    return this.valuesNow().labelKeys();
  }

  labelValues(key: string): string[] {
    return this.valuesNow().labelValues(key);
  }

  setSettings(settings: AnalysisSettings): void {
    const same = settings.rootNamespace === this.settings.rootNamespace && settings.trustDomain === this.settings.trustDomain;
    const versions = [...new Set([...Object.keys(settings.versions), ...Object.keys(this.settings.versions)])] as Array<keyof typeof settings.versions>;
    if (same && versions.every((project) => settings.versions[project] === this.settings.versions[project])) return;
    this.settings = settings;
    this.current = undefined;
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** The analysis of the workspace as it stands; recomputed only after a change. */
  result(): AnalysisResult {
    if (this.current) return this.current;
    const model = new WorkspaceModel([...this.files.values()].flat(), this.settings);
    const byUri = new Map<string, AnalysisFinding[]>();
    for (const finding of analyzeWorkspace(model)) {
      const list = byUri.get(finding.uri);
      if (list) list.push(finding);
      else byUri.set(finding.uri, [finding]);
    }
    this.current = { model, byUri };
    return this.current;
  }

  findingsFor(uri: string): AnalysisFinding[] {
    return this.result().byUri.get(uri) ?? [];
  }
}

/** Findings in a stable form for comparing two analyses of one file. */
export function findingsKey(findings: AnalysisFinding[]): string {
  const at = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  return findings.map((f) => `${f.code}@${at(f.range)}:${f.message}`).join('\n');
}
