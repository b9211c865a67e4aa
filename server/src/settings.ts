import type { Connection } from 'vscode-languageserver/node';
import { ConfigurationSection, defaultSettings, type MeshMtlsSettings } from '../../common/src/protocol';

/**
 * Per-resource settings pulled from the client with `workspace/configuration`. Editors that do
 * not offer that request get the defaults. Cached until the client reports a change.
 */
export class Settings {
  private readonly cache = new Map<string, Promise<MeshMtlsSettings>>();
  canPull = false;

  constructor(private readonly connection: Connection) {}

  for(uri: string): Promise<MeshMtlsSettings> {
    if (!this.canPull) return Promise.resolve(defaultSettings);
    const cached = this.cache.get(uri);
    if (cached) return cached;
    const pending = this.connection.workspace
      .getConfiguration({ scopeUri: uri, section: ConfigurationSection })
      .then((value: unknown) => merge(value), () => defaultSettings);
    this.cache.set(uri, pending);
    return pending;
  }

  forget(uri?: string): void {
    if (uri === undefined) this.cache.clear();
    else this.cache.delete(uri);
  }
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
  return { validation: { enable: flag('validation') }, codeLens: { enable: flag('codeLens') }, certificates: { expiringSoonDays }, analysis: { rootNamespace: name('rootNamespace'), trustDomain: name('trustDomain') } };
}
