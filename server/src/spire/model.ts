import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diagnostic, type DiagnosticCode } from '../documents/diagnostic';
import { entries, type HclEntry, type HclObject, type HclValue, type Range } from './hclReader';

// The view of a read file that SPIRE's decoder has: keys match whatever their case, a block given
// twice is one block (later values win), and a value is taken as the Go field's type takes it.

/** A block as HCL v1 decodes it into a struct: every `name { }` of that name, merged. */
export class Section {
  constructor(
    /** The name SPIRE's unknown-key message uses for this section. */
    readonly label: string,
    readonly objects: HclObject[],
    /** The key that names the block (its first occurrence); absent for the file itself. */
    readonly keyRange?: Range,
  ) {}

  static of(label: string, values: HclValue[], keyRange?: Range): Section {
    return new Section(
      label,
      values.filter((v): v is HclObject => v.kind === 'object'),
      keyRange,
    );
  }

  /** Every entry, in order, across the merged blocks. */
  entries(): HclEntry[] {
    return this.objects.flatMap(entries);
  }

  /** Every entry whose key matches the name, ignoring case as HCL v1's Filter does. */
  all(name: string): HclEntry[] {
    const lower = name.toLowerCase();
    return this.entries().filter((e) => e.key.text.toLowerCase() === lower);
  }

  /** The entry that decides a scalar field: the last one, as each later match overwrites the field. */
  last(name: string): HclEntry | undefined {
    const all = this.all(name);
    return all[all.length - 1];
  }

  has(name: string): boolean {
    return this.all(name).length > 0;
  }

  /** The sub-block of that name, merged over its repeats (a list of objects counts as repeats). */
  section(name: string, label = name): Section | undefined {
    const all = this.all(name);
    if (!all.length) return undefined;
    return Section.of(
      label,
      all.flatMap((e) => (e.value.kind === 'list' ? e.value.items : [e.value])),
      all[0].key.range,
    );
  }
}

export type Severity = 'error' | 'warning' | 'information';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information };

/** Collects findings in the shape the rest of the server reports them. */
export class Findings {
  readonly list: Diagnostic[] = [];

  add(severity: Severity, range: Range, code: SpireCode, message: string): void {
    this.list.push(diagnostic(range, SEVERITY[severity], code, message));
  }
  error(range: Range, code: SpireCode, message: string): void {
    this.add('error', range, code, message);
  }
  warning(range: Range, code: SpireCode, message: string): void {
    this.add('warning', range, code, message);
  }
  information(range: Range, code: SpireCode, message: string): void {
    this.add('information', range, code, message);
  }
}

/** The codes of SPIRE findings: those of the server's one list (documents/diagnostic.ts) that name SPIRE. */
export type SpireCode = Extract<DiagnosticCode, `spire-${string}`>;

/** Reads scalar fields the way HCL v1 decodes them into Go types, reporting what it would refuse. */
export class Decoder {
  /** Values already reported: several rules may read one field, and it should be reported once. */
  private readonly refused = new WeakSet<HclValue>();

  constructor(private readonly findings: Findings) {}

  private refuse(v: HclValue, message: string): undefined {
    if (this.refused.has(v)) return undefined;
    this.refused.add(v);
    this.findings.error(v.range, 'spire-decode-type', message);
    return undefined;
  }

  /** A Go string field: strings, and bare numbers as their text. */
  string(entry: HclEntry | undefined): string | undefined {
    if (!entry) return undefined;
    const v = entry.value;
    if (v.kind === 'string' && expandsEnv(String(v.value))) return undefined;
    if (v.kind === 'string' || v.kind === 'number') return String(v.value);
    if (v.kind === 'null') return undefined;
    this.refuse(v, `"${entry.key.text}" takes a string; SPIRE cannot decode ${describeValue(v)} into it and will not start.`);
    return undefined;
  }

  /** A Go int field: a number, or a string Go's ParseInt reads with base prefixes (HCL v1 accepts "8081"). */
  int(entry: HclEntry | undefined): number | undefined {
    if (!entry) return undefined;
    const v = entry.value;
    if (v.kind === 'null' || (v.kind === 'string' && expandsEnv(String(v.value)))) return undefined;
    if (v.kind === 'number' || v.kind === 'string') {
      const n = parseGoInt(String(v.value));
      if (n !== undefined) return n;
    }
    this.refuse(v, `"${entry.key.text}" takes a whole number; SPIRE cannot decode ${describeValue(v)} into it and will not start.`);
    return undefined;
  }

  /** A Go bool field: only true or false, never a quoted "true". */
  bool(entry: HclEntry | undefined): boolean | undefined {
    if (!entry) return undefined;
    const v = entry.value;
    if (v.kind === 'bool') return v.value as boolean;
    if (v.kind === 'null' || (v.kind === 'string' && v.env)) return undefined;
    this.refuse(v, `"${entry.key.text}" takes true or false without quotes; SPIRE cannot decode ${describeValue(v)} into it and will not start.`);
    return undefined;
  }

  /** A Go []string field: a list of strings (or numbers). */
  strings(entry: HclEntry | undefined): Array<{ value: string; range: Range }> | undefined {
    if (!entry) return undefined;
    const v = entry.value;
    if (v.kind === 'null') return undefined;
    if (v.kind !== 'list') {
      this.refuse(v, `"${entry.key.text}" takes a list of strings; SPIRE cannot decode ${describeValue(v)} into it and will not start.`);
      return undefined;
    }
    const out: Array<{ value: string; range: Range }> = [];
    for (const item of v.items) {
      if (item.kind === 'string' && expandsEnv(String(item.value))) continue;
      if (item.kind === 'string' || item.kind === 'number') out.push({ value: String(item.value), range: item.range });
      else this.refuse(item, `"${entry.key.text}" takes a list of strings; SPIRE cannot decode ${describeValue(item)} into it.`);
    }
    return out;
  }
}

/**
 * Whether a value names an environment variable that `-expandEnv` would replace before SPIRE
 * reads the file (the Helm chart starts the server that way); such a value is only known at run
 * time, so it is not judged.
 */
export function expandsEnv(text: string): boolean {
  return /\$(\{[A-Za-z_]|[A-Za-z_])/.test(text.replace(/\$\$/g, ''));
}

function describeValue(v: HclValue): string {
  switch (v.kind) {
    case 'string':
      return `the string "${String(v.value)}"`;
    case 'number':
      return `the number ${String(v.value)}`;
    case 'bool':
      return `the boolean ${String(v.value)}`;
    case 'list':
      return 'a list';
    case 'object':
      return 'a block';
    default:
      return 'null';
  }
}

/** Go's strconv.ParseInt(s, 0, 64): an optional sign, then decimal, 0x hex, 0o/0 octal or 0b binary, underscores between digits. */
export function parseGoInt(text: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!m) return undefined;
  let body = m[2];
  if (/__|_$/.test(body) || /^0[xXbBoO]_?$/.test(body)) return undefined;
  body = body.replace(/_/g, '');
  let n: number;
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
  else if (body.length > 1 && body.startsWith('0')) n = parseInt(body.slice(1), 8);
  else n = parseInt(body, 10);
  return Number.isNaN(n) ? undefined : m[1] === '-' ? -n : n;
}
