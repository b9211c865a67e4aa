import type { Side } from './catalog';
import { builtInPlugins, childDoc, PLUGIN_KEY_DOCS, pluginTypes, TOP_LEVEL, type KeyDoc } from './keyDocs';

// Where a path of keys leads in the configuration's key tree: a documented key, a free label (a
// trust domain), a plugin type or name, or the inside of plugin_data where anything goes.

export type KeyNode =
  | { role: 'root' }
  | { role: 'key'; name: string; doc: KeyDoc; inPlugin?: boolean }
  /** The label of `federates_with "<label>" { }`: free text, keys below. */
  | { role: 'label'; name: string; what: string; keys: Record<string, KeyDoc> }
  | { role: 'plugins' }
  | { role: 'plugin-type'; type: string }
  | { role: 'plugin'; type: string; name: string }
  /** Inside plugin_data: the plugin's own settings, not documented here. */
  | { role: 'free' }
  | { role: 'unknown' };

/** A key that may come next under a node. */
export interface ChildKey {
  name: string;
  doc?: KeyDoc;
  /** Written as a quoted label in HCL (plugin names, profile names). */
  label?: boolean;
  detail?: string;
  documentation?: string;
}

export function resolvePath(path: readonly string[]): KeyNode {
  let node: KeyNode = { role: 'root' };
  for (const name of path) node = step(node, name);
  return node;
}

function step(node: KeyNode, name: string): KeyNode {
  switch (node.role) {
    case 'root': {
      if (name.toLowerCase() === 'plugins') return { role: 'plugins' };
      const found = childDoc(TOP_LEVEL, name);
      return found ? { role: 'key', ...found } : { role: 'unknown' };
    }
    case 'plugins':
      // Plugin types are Go map keys: their case matters.
      return { role: 'plugin-type', type: name };
    case 'plugin-type':
      return { role: 'plugin', type: node.type, name };
    case 'plugin': {
      const found = childDoc(PLUGIN_KEY_DOCS, name);
      return found ? { role: 'key', ...found, inPlugin: true } : { role: 'unknown' };
    }
    case 'key': {
      if (node.inPlugin) return { role: 'free' };
      const label = node.doc.label;
      if (label) return { role: 'label', name, what: label.what, keys: label.keys };
      const found = childDoc(node.doc.keys, name);
      return found ? { role: 'key', ...found } : { role: 'unknown' };
    }
    case 'label': {
      const found = childDoc(node.keys, name);
      return found ? { role: 'key', ...found } : { role: 'unknown' };
    }
    case 'free':
      return node;
    default:
      return { role: 'unknown' };
  }
}

/** The keys that may be written under a node (removed keys left out). */
export function childKeys(node: KeyNode, side: Side | undefined): ChildKey[] {
  const fromDocs = (keys: Record<string, KeyDoc> | undefined, label = false): ChildKey[] =>
    Object.entries(keys ?? {})
      .filter(([, doc]) => !doc.removed && (!side || !doc.side || doc.side === side))
      .map(([name, doc]) => ({ name, doc, label }));
  switch (node.role) {
    case 'root':
      return [...fromDocs(TOP_LEVEL)];
    case 'plugins':
      return pluginTypes(side).map((name) => ({ name, detail: 'plugin type' }));
    case 'plugin-type':
      return builtInPlugins(node.type, side).map((p) => ({
        name: p.name,
        label: true,
        detail: `built-in ${node.type}${p.since ? ` (since SPIRE v${p.since})` : ''}`,
      }));
    case 'plugin':
      return fromDocs(PLUGIN_KEY_DOCS);
    case 'label':
      return fromDocs(node.keys);
    case 'key':
      if (node.doc.label || node.inPlugin) return [];
      return fromDocs(node.doc.keys, node.doc.choices);
    default:
      return [];
  }
}
