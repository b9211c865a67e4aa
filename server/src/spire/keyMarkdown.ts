import { PLUGIN_TYPES, type Side } from './catalog';
import { builtInPlugins, DURATION, PLUGIN_NAME_DOCS, PLUGIN_TYPE_DOCS, removedPlugin, TOP_LEVEL, type KeyDoc } from './keyDocs';
import type { KeyNode } from './keyTree';

// The documentation of a key, plugin type or plugin as Markdown, shared by hover and completion.

const KIND_WORDS: Record<KeyDoc['kind'], string> = {
  string: 'string',
  int: 'whole number',
  bool: 'true or false',
  list: 'list of strings',
  block: 'block',
  'block list': 'list of blocks',
};

export function typeWords(doc: KeyDoc): string {
  return doc.type ?? KIND_WORDS[doc.kind];
}

/** The accepted values of an enum-like key, in one line. */
export function valuesLine(doc: KeyDoc): string {
  const values = doc.kind === 'bool' ? ['true', 'false'] : (doc.values ?? []);
  const caseNote = doc.values ? (doc.anyCase ? ' (case does not matter)' : ' (case matters)') : '';
  return `Accepted values: ${values.map((v) => `\`${v}\``).join(', ')}${caseNote}.`;
}

export function keyMarkdown(name: string, doc: KeyDoc): string {
  const facts = [typeWords(doc), doc.required ? 'required' : undefined, doc.default ? `default ${code(doc.default)}` : undefined].filter(Boolean);
  const parts = [`**${name}** (${facts.join(', ')})`, doc.doc];
  if (doc.removed) parts.push(`**Removed in SPIRE ${doc.removed}:** SPIRE now refuses it as an unknown key and does not start.`);
  if (doc.deprecated) parts.push(`**Deprecated:** ${doc.deprecated}`);
  if (doc.type === DURATION) parts.push('Written as a Go duration such as `"90s"`, `"30m"` or `"24h"`; there is no day unit.');
  if (doc.values || doc.kind === 'bool') parts.push(valuesLine(doc));
  if (doc.security) parts.push(`**Security:** ${doc.security}`);
  if (doc.history) parts.push(`*${doc.history}*`);
  return parts.join('\n\n');
}

/** A default is shown as code unless it is a sentence. */
function code(text: string): string {
  return /^("[^"]*"|[\w.-]+)$/.test(text) ? `\`${text}\`` : text;
}

function countWords(min: number, max: number | undefined): string {
  if (max === 1) return min === 1 ? 'exactly one' : 'at most one';
  return min >= 1 ? 'at least one' : 'any number';
}

export function pluginTypeMarkdown(type: string, side: Side | undefined): string {
  const doc = PLUGIN_TYPE_DOCS[type];
  const sides = (side ? [side] : (['server', 'agent'] as const)).filter((s) => PLUGIN_TYPES[s][type]);
  if (!doc || sides.length === 0) {
    const where = side ? `the ${side}` : 'either side';
    return `**${type}**\n\nSPIRE does not know this plugin type on ${where} and does not start. Plugin types are case sensitive.`;
  }
  const parts = [`**${type}** (plugin type)`, doc];
  for (const s of sides) {
    const info = PLUGIN_TYPES[s][type];
    const names = Object.keys(info.builtIn).map((n) => `\`${n}\``);
    parts.push(`On the ${s}: ${countWords(info.min, info.max)}, enabled. Built in: ${names.join(', ')}.`);
  }
  return parts.join('\n\n');
}

export function pluginMarkdown(type: string, name: string, side: Side | undefined): string {
  const title = `**${type} "${name}"**`;
  const builtIn = builtInPlugins(type, side).find((p) => p.name === name);
  const doc = PLUGIN_NAME_DOCS[type]?.[name];
  if (builtIn) {
    const since = builtIn.since ? `\n\n*Built in since SPIRE v${builtIn.since}.*` : '';
    return `${title} (built-in plugin)\n\n${doc ?? ''}${since}`.trim();
  }
  const gone = removedPlugin(type, name, side);
  if (gone) return `${title}\n\n${doc ?? ''}\n\n**Removed in SPIRE v${gone}:** without plugin_cmd SPIRE no longer finds it and does not start.`;
  return `${title} (external plugin)\n\nNot built into SPIRE: it needs plugin_cmd (and plugin_checksum) naming the plugin binary.`;
}

/** The hover text of a node of the key tree, when it has one. */
export function nodeMarkdown(node: KeyNode, side: Side | undefined): string | undefined {
  switch (node.role) {
    case 'key':
      return keyMarkdown(node.name, node.doc);
    case 'label':
      return `**"${node.name}"**\n\n${node.what}`;
    case 'plugins':
      return keyMarkdown('plugins', TOP_LEVEL.plugins);
    case 'plugin-type':
      return pluginTypeMarkdown(node.type, side);
    case 'plugin':
      return pluginMarkdown(node.type, node.name, side);
    default:
      return undefined;
  }
}
