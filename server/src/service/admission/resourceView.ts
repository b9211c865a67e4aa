import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { KindInfo } from '../../schema/registry';
import { isPlaceholder, pairKey, type CheckContext } from '../validation/context';

export type Path = Array<string | number>;

/**
 * A resource as the admission rules read it: values by path, and the range to report a problem
 * at (the key naming a field, so the squiggle sits where the reader looks).
 */
export class ResourceView {
  constructor(
    readonly info: KindInfo,
    readonly root: YAMLMap,
    readonly ctx: CheckContext,
  ) {}

  node(path: Path, from: Node = this.root): Node | undefined {
    let current: Node | undefined = from;
    for (const step of path) {
      if (typeof step === 'number') current = isSeq(current) ? (current.items[step] as Node | undefined) : undefined;
      else current = isMap(current) ? (valueOf(current, step) as Node | undefined) : undefined;
      if (!current || (isScalar(current) && current.value === null)) return undefined;
    }
    return current;
  }

  /** The plain value at a path (maps and lists as JSON), or undefined when absent, templated or a placeholder. */
  value(path: Path, from?: Node): unknown {
    const node = this.node(path, from);
    if (!node || this.ctx.isTemplated(node) || isPlaceholder(node)) return undefined;
    return node.toJSON() as unknown;
  }

  string(path: Path, from?: Node): string | undefined {
    const value = this.value(path, from);
    return typeof value === 'string' ? value : undefined;
  }

  has(path: Path, from?: Node): boolean {
    return this.node(path, from) !== undefined;
  }

  /**
   * Whether a field is written but its value is unknown here: a template action or a placeholder
   * fills it in, or a templated entry of the map that would hold it may. Such a field is present
   * (never "missing") and its value is never checked.
   */
  unknown(path: Path, from?: Node): boolean {
    const node = this.node(path, from);
    return node === undefined ? this.mayHave(path, from) : this.ctx.isTemplated(node) || isPlaceholder(node);
  }

  /**
   * Whether a field that is not written may be there once rendered: a map on its way holds a
   * templated key (`{{ toYaml .Values.issuerRef | nindent 4 }}`). Rules that require a field ask
   * this before calling it missing; rules that refuse two fields together ask `has`, which is
   * false here.
   */
  mayHave(path: Path, from: Node = this.root): boolean {
    let current: Node | undefined = from;
    for (const step of path) {
      if (isMap(current) && typeof step === 'string') {
        const pair = current.items.find((p) => pairKey(p) === step);
        if (!pair) return current.items.some((p) => isScalar(p.key) && this.ctx.isTemplated(p.key));
        current = pair.value as Node | undefined;
      } else if (isSeq(current) && typeof step === 'number') current = current.items[step] as Node | undefined;
      else return false;
      if (!current || (isScalar(current) && current.value === null)) return false;
    }
    return false;
  }

  /** The items of a list at a path, each with its node. */
  items(path: Path, from?: Node): Node[] {
    const node = this.node(path, from);
    return isSeq(node) ? (node.items as Node[]).filter((item): item is Node => item !== null) : [];
  }

  /** The key scalar naming the field at a path (the last step), if the field is written. */
  keyOf(path: Path, from: Node = this.root): Scalar | undefined {
    const parent = path.length > 1 ? this.node(path.slice(0, -1), from) : from;
    const last = path[path.length - 1];
    if (!isMap(parent) || typeof last !== 'string') return undefined;
    return parent.items.find((pair) => pairKey(pair) === last)?.key as Scalar | undefined;
  }

  /** Where to report about a field: its key when written, else its value, else the kind. */
  rangeOf(path: Path, from?: Node): Range {
    const key = this.keyOf(path, from);
    if (key) return this.ctx.range(key);
    const node = this.node(path, from);
    return node ? this.ctx.range(node) : this.kindRange();
  }

  valueRange(node: Node): Range {
    return this.ctx.range(node);
  }

  kindRange(): Range {
    return this.ctx.range(this.root.items.find((pair) => pairKey(pair) === 'kind')?.value as Node);
  }

  get namespace(): string | undefined {
    return this.string(['metadata', 'namespace']);
  }
}

/** The value of a map's first entry named `name` (rules read many fields of every resource: a plain loop, no closure). */
function valueOf(map: YAMLMap, name: string): unknown {
  const items = map.items;
  for (let i = 0; i < items.length; i++) if (pairKey(items[i]) === name) return items[i].value;
  return undefined;
}

/** An admission rule: reads the resource, reports through its context. */
export type Rule = (resource: ResourceView) => void;
