import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pick } from './random';

// Inputs for the stdio fuzzer: documents read from the corpus and examples, bent by mutations
// an editor can produce (half-typed, pasted, mis-indented, re-encoded) and by texts written to
// hurt a parser (alias bombs, deep nesting, huge scalars). Every choice comes from `random`, so
// a seed replays a run exactly.

export type Random = () => number;

export interface SourceDocument {
  name: string;
  languageId: 'yaml' | 'pem';
  text: string;
}

const YAML_FILE = /\.ya?ml$/i;
const PEM_FILE = /\.(pem|crt|csr|key|der)$/i;

/** Every YAML and PEM file below `dirs` (missing directories are skipped), in a stable order. */
export function readSources(dirs: string[]): SourceDocument[] {
  const found: SourceDocument[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (YAML_FILE.test(name)) found.push({ name: full, languageId: 'yaml', text: readFileSync(full, 'utf8') });
      // DER files come in as binary read as Latin-1: garbage to a PEM reader, which is the point.
      else if (PEM_FILE.test(name)) found.push({ name: full, languageId: 'pem', text: readFileSync(full, 'latin1') });
    }
  };
  for (const dir of dirs) {
    try {
      statSync(dir);
    } catch {
      continue;
    }
    walk(dir);
  }
  return found;
}

const int = (random: Random, below: number) => Math.floor(random() * below);

/** Characters that mean something to YAML or PEM, and some that mean something to no one. */
const SHARP = [':', '-', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '"', "'", '#', '%', '@', '`', '?', '\t', '\n', ' ', '\r', '\\', '=', '+', '/'];
const UNICODE = [
  '\u0000',
  '\ufeff',
  '\u200b',
  '\u202e',
  '\u2028',
  '\u0085',
  '\ud83d\ude00',
  '\ud800',
  '\udfff',
  '\uffff',
  'é',
  'ß',
  '\u0301',
  '\u4e2d',
  '\u0663',
];

function randomString(random: Random, length: number, alphabet: readonly string[]): string {
  let out = '';
  for (let i = 0; i < length; i++) out += pick(random, alphabet);
  return out;
}

function randomUnicode(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += random() < 0.5 ? pick(random, UNICODE) : String.fromCharCode(int(random, 0x10000));
  return out;
}

function randomBase64(random: Random, bytes: number): string {
  const buffer = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) buffer[i] = int(random, 256);
  return buffer.toString('base64');
}

/** The text with `insert` put at a random line start (or the end). */
function atRandomLine(random: Random, text: string, insert: string): string {
  const lines = text.split('\n');
  const at = int(random, lines.length + 1);
  return [...lines.slice(0, at), insert, ...lines.slice(at)].join('\n');
}

/** Replaces a random `key: value` line's value with `value`, or adds a line when there is none. */
function replaceValue(random: Random, text: string, value: string): string {
  const lines = text.split('\n');
  const candidates = lines.flatMap((line, i) => (/^\s*[\w.-]+:\s+\S/.test(line) ? [i] : []));
  if (candidates.length === 0) return `${text}\nfuzz: ${value}\n`;
  const i = pick(random, candidates);
  lines[i] = lines[i].replace(/^(\s*[\w.-]+:\s+).*$/, (_, head: string) => head + value);
  return lines.join('\n');
}

/** A billion-laughs stream: ten anchors, each a list of nine aliases of the one before. */
export function aliasBomb(levels = 10): string {
  const lines = ['lol0: &lol0 "lol"'];
  for (let i = 1; i < levels; i++) lines.push(`lol${i}: &lol${i} [${Array.from({ length: 9 }, () => `*lol${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

/** Collections nested `depth` deep, in one of the styles a parser must read with care. */
export function deepNesting(random: Random, depth: number): string {
  switch (int(random, 5)) {
    case 0:
      return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    case 1:
      return '['.repeat(depth); // never closed
    case 2:
      return `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
    case 3:
      return `\n${'- '.repeat(depth)}x`;
    default:
      return `\n${'- ['.repeat(depth)}`;
  }
}

/** A TLS Secret whose certificate is a blob of `bytes` random bytes, base64 on one line. */
export function hugeSecret(random: Random, bytes: number): string {
  return `apiVersion: v1
kind: Secret
metadata:
  name: huge
  namespace: fuzz
type: kubernetes.io/tls
data:
  tls.crt: ${randomBase64(random, bytes)}
  tls.key: ${randomBase64(random, 64)}
`;
}

/** PEM text that is not what it says: bad bodies, missing ENDs, random DER, one huge line. */
export function garbagePem(random: Random): string {
  const body = () => randomBase64(random, 16 + int(random, 600)).replace(/(.{64})/g, '$1\n');
  const choices = [
    () => `-----BEGIN CERTIFICATE-----\n${body()}\n-----END CERTIFICATE-----\n`,
    () => `-----BEGIN CERTIFICATE-----\n${body()}\n`,
    () => `-----BEGIN CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n${body()}\n-----END CERTIFICATE-----\n-----END CERTIFICATE-----\n`,
    () => `-----BEGIN PRIVATE KEY-----\n${randomString(random, 200, SHARP)}\n-----END PRIVATE KEY-----\n`,
    () => `-----BEGIN CERTIFICATE REQUEST-----\n${randomBase64(random, 200_000)}\n-----END CERTIFICATE REQUEST-----\n`,
    () => `-----END CERTIFICATE-----\n${body()}\n-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\n${body()}\n-----END RSA PRIVATE KEY-----\n`,
    () => `-----BEGIN ${randomUnicode(random, 8)}-----\n${randomUnicode(random, 80)}\n-----END ${randomUnicode(random, 8)}-----\n`,
  ];
  return pick(random, choices)();
}

/** Garbage PEM put where a manifest keeps certificates: a Secret's data (base64 of it) and a ConfigMap's block scalar. */
function garbagePemInManifest(random: Random, text: string): string {
  const pem = garbagePem(random);
  return `${text}\n---\napiVersion: v1
kind: Secret
metadata:
  name: garbage
type: kubernetes.io/tls
data:
  tls.crt: ${Buffer.from(pem).toString('base64')}
  ca.crt: ${randomBase64(random, int(random, 300))}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: bundle
data:
  ca.crt: |
${pem
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
`;
}

export interface Mutation {
  name: string;
  apply: (random: Random, text: string) => string;
}

/** The nesting depth the hostile cases use: far past any real manifest, and past the parser's stack. */
export const DEEP = 20_000;

export const MUTATIONS: readonly Mutation[] = [
  { name: 'truncation', apply: (random, text) => text.slice(0, int(random, text.length + 1)) },
  {
    name: 'byte flips',
    apply: (random, text) => {
      const chars = [...text];
      for (let n = 1 + int(random, 12); n > 0 && chars.length; n--) chars[int(random, chars.length)] = pick(random, SHARP);
      return chars.join('');
    },
  },
  {
    name: 'indentation shuffle',
    apply: (random, text) =>
      text
        .split('\n')
        .map((line) => (random() < 0.15 ? ' '.repeat(int(random, 9)) + line.trimStart() : random() < 0.05 ? `\t${line}` : line))
        .join('\n'),
  },
  {
    name: 'anchors and aliases',
    apply: (random, text) => {
      let out = text;
      for (let n = 1 + int(random, 4); n > 0; n--)
        out = replaceValue(
          random,
          out,
          pick(random, [`&a${n} ${pick(random, ['x', '[1, 2]', '{k: v}'])}`, `*a${int(random, 5)}`, '*nowhere', '&self [*self]']),
        );
      return random() < 0.5 ? out : atRandomLine(random, out, '<<: *a1');
    },
  },
  { name: 'alias bomb', apply: (random, text) => (random() < 0.5 ? `${aliasBomb()}---\n${text}` : replaceValue(random, `${aliasBomb()}${text}`, '*lol9')) },
  { name: 'deep nesting', apply: (random, text) => replaceValue(random, text, deepNesting(random, DEEP)) },
  {
    name: 'multi-megabyte scalar',
    apply: (random, text) => (random() < 0.5 ? `${text}\n---\n${hugeSecret(random, 2_300_000)}` : replaceValue(random, text, 'x'.repeat(3_000_000))),
  },
  { name: 'garbage PEM', apply: (random, text) => (random() < 0.5 ? garbagePemInManifest(random, text) : atRandomLine(random, text, garbagePem(random))) },
  {
    name: 'random unicode',
    apply: (random, text) => {
      let out = text;
      for (let n = 1 + int(random, 6); n > 0; n--) {
        const at = int(random, out.length + 1);
        out = out.slice(0, at) + randomUnicode(random, 1 + int(random, 20)) + out.slice(at);
      }
      return out;
    },
  },
  { name: 'CRLF', apply: (random, text) => (random() < 0.7 ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\n/g, '\r')) },
];

/** A short insertion for an edit burst: typing, a paste from the document, or noise. */
export function editText(random: Random, source: string): string {
  const roll = random();
  if (roll < 0.3) return '';
  if (roll < 0.6) return randomString(random, 1 + int(random, 3), SHARP.concat(['a', 'b', '0', '1']));
  if (roll < 0.85) {
    const at = int(random, source.length + 1);
    return source.slice(at, at + int(random, 200));
  }
  return randomUnicode(random, 1 + int(random, 5));
}
