import type { Connection } from 'vscode-languageserver/node';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_CONFIG_FILE, projectConfigFor } from '../../common/src/files/projectConfig';
import { targetVersions, type Project, type TargetVersions } from '../../common/src/versions';
import { ConfigurationSection, defaultSettings, type MeshMtlsSettings } from '../../common/src/protocol';
import { inferSpireRelease, type InferredSpireRelease, type SpireImage } from '../../common/src/spireRelease';

/**
 * Per-resource settings pulled from the client with `workspace/configuration`. Editors that do
 * not offer that request get what they last pushed with workspace/didChangeConfiguration, or the
 * defaults. Cached until the client reports a change.
 */
export class Settings {
  private readonly cache = new Map<string, Promise<MeshMtlsSettings>>();
  private pushed: MeshMtlsSettings = defaultSettings;
  canPull = false;
  /** The workspace's SPIRE images (kept current by the workspace index): the target release, when the user names none, is read from them. */
  private spireImages: SpireImage[] = [];
  private spireImagesKey = '';

  constructor(private readonly connection: Connection) {}

  for(uri: string): Promise<MeshMtlsSettings> {
    const cached = this.cache.get(uri);
    if (cached) return cached;
    const inferred = inferSpireRelease(this.spireImages, uri);
    const pending = this.canPull
      ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: ConfigurationSection }).then(
          (value: unknown) => withProjectConfig(uri, merge(value), inferred),
          () => withProjectConfig(uri, defaultSettings, inferred),
        )
      : Promise.resolve(withProjectConfig(uri, this.pushed, inferred));
    this.cache.set(uri, pending);
    return pending;
  }

  /** What workspace/didChangeConfiguration carried: the settings themselves, from a client that cannot be asked. */
  changed(sent: unknown): void {
    this.forget();
    const section = typeof sent === 'object' && sent !== null ? (sent as Record<string, unknown>)[ConfigurationSection] : undefined;
    if (!this.canPull && section !== undefined) this.pushed = merge(section);
  }

  /** Takes the SPIRE images the workspace runs now; whether they differ from those held (then every cached setting is dropped). */
  takeSpireImages(images: SpireImage[]): boolean {
    const key = images.map((image) => `${image.uri} ${image.release} ${image.origin}`).join('\n');
    if (key === this.spireImagesKey) return false;
    this.spireImages = images;
    this.spireImagesKey = key;
    this.forget();
    return true;
  }

  forget(uri?: string): void {
    if (uri === undefined) this.cache.clear();
    else this.cache.delete(uri);
  }
}

/**
 * The URI settings are asked for on behalf of a whole workspace folder: a file at its top, so
 * that the folder's own `.mesh-mtls.yaml` applies (withProjectConfig looks beside the file).
 */
export function analysisScope(folderUri: string): string {
  return `${folderUri.replace(/\/+$/, '')}/${PROJECT_CONFIG_FILE}`;
}

/** Takes only well-typed values from what the client sent; anything else falls back to the default. */
function merge(value: unknown): MeshMtlsSettings {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, Record<string, unknown> | undefined>;
  const flag = (section: 'validation' | 'codeLens'): boolean => {
    const enable = raw[section]?.enable;
    return typeof enable === 'boolean' ? enable : defaultSettings[section].enable;
  };
  const days = raw.certificates?.expiringSoonDays;
  const expiringSoonDays = typeof days === 'number' && Number.isFinite(days) && days >= 0 ? days : defaultSettings.certificates.expiringSoonDays;
  const name = (field: 'rootNamespace' | 'trustDomain'): string => {
    const value = raw.analysis?.[field];
    return typeof value === 'string' && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value) ? value : defaultSettings.analysis[field];
  };
  const versions = targetVersions({
    istio: raw.istio?.version,
    linkerd: raw.linkerd?.version,
    certManager: raw.certManager?.version,
    spire: raw.spire?.version,
  });
  return {
    validation: { enable: flag('validation') },
    codeLens: { enable: flag('codeLens') },
    certificates: { expiringSoonDays },
    analysis: { rootNamespace: name('rootNamespace'), trustDomain: name('trustDomain') },
    istio: { version: versions.istio },
    linkerd: { version: versions.linkerd },
    certManager: { version: versions.certManager },
    spire: { version: versions.spire },
  };
}

/**
 * The settings with the repository's `.mesh-mtls.yaml` applied (the nearest one above the file):
 * it gives what the editor's settings leave at their defaults, so that CI and the editor agree
 * unless the user chose otherwise in the editor. The SPIRE release neither names is the one the
 * workspace's images run (`inferredSpire`), as `mesh-mtls lint` reads it.
 */
export function withProjectConfig(uri: string, settings: MeshMtlsSettings, inferredSpire?: InferredSpireRelease): MeshMtlsSettings {
  const withInferred = () =>
    inferredSpire && settings.spire.version === defaultSettings.spire.version ? { ...settings, spire: { ...inferredSpire } } : settings;
  if (!uri.startsWith('file:')) return withInferred();
  let config;
  try {
    config = projectConfigFor(path.dirname(fileURLToPath(uri)));
  } catch {
    return withInferred();
  }
  if (!config) return withInferred();
  const version = (project: Project) =>
    settings[project].version === defaultSettings[project].version ? (config.versions[project] ?? settings[project].version) : settings[project].version;
  const analysis = (field: 'rootNamespace' | 'trustDomain') =>
    settings.analysis[field] === defaultSettings.analysis[field] ? (config.analysis[field] ?? settings.analysis[field]) : settings.analysis[field];
  return {
    ...settings,
    istio: { version: version('istio') },
    linkerd: { version: version('linkerd') },
    certManager: { version: version('certManager') },
    spire: config.versions.spire === undefined ? withInferred().spire : { version: version('spire') },
    analysis: { rootNamespace: analysis('rootNamespace'), trustDomain: analysis('trustDomain') },
  };
}

/** The versions the settings name, as the rules take them. */
export function versionsOf(settings: MeshMtlsSettings): TargetVersions {
  return {
    istio: settings.istio.version,
    linkerd: settings.linkerd.version,
    certManager: settings.certManager.version,
    spire: settings.spire.version,
    ...(settings.spire.origin === undefined ? {} : { spireOrigin: settings.spire.origin }),
  };
}
