import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { generateManifest } from '../../bench/manifest';
import { EXAMPLES, ROOT } from '../rig/paths';
import { pick } from './random';

// Texts for fuzzing what reads YAML: the repository's own manifests and snippets as seeds, and
// mutations of them that break structure, quoting and indentation the way editing does.

/** Fragments that stress a YAML reader: structure, quoting, anchors, tags, templates, odd characters. */
export const FRAGMENTS = [
  ':',
  ': ',
  '- ',
  '-',
  '{',
  '}',
  '[',
  ']',
  ',',
  '"',
  "'",
  '\t',
  '\n',
  '\n---\n',
  '---',
  '...',
  '#',
  '&a ',
  '*a',
  '<<: *a',
  '!!binary ',
  '!custom ',
  '? ',
  '|',
  '>-',
  '{{ .Values.x }}',
  '{{',
  '}}',
  '\u0000',
  '\uFFFD',
  '\u2028',
  '🔒',
  'null',
  '~',
  'true',
  '0x1F',
  '1e400',
  '-1',
  '65536',
  '""',
  '[]',
  '{}',
  'spiffe://',
  'cluster.local/ns/a/sa/b',
  '*',
  '{**}',
  '/a/{**}/b',
  'mode: Strict',
  'action: DENY',
  'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n',
  'kind: Certificate',
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  'x'.repeat(5000),
];

export function seeds(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ya?ml|pem|crt)$/.test(name)) files.push(full);
    }
  };
  walk(EXAMPLES);
  const snippets = JSON.parse(readFileSync(path.join(ROOT, 'snippets', 'yaml.code-snippets'), 'utf8')) as Record<string, { body: string[] }>;
  const pem = files.filter((file) => /\.(pem|crt)$/.test(file)).map((file) => readFileSync(file, 'utf8'));
  // Certificates where manifests hold them: base64 in a TLS Secret's data, PEM in a block scalar.
  const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: fuzz-tls\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${Buffer.from(pem.join('')).toString('base64')}\n  ca.crt: ${Buffer.from(pem[0] ?? '').toString('base64')}\n`;
  const values = `identityTrustAnchorsPEM: |\n${pem.join('').replace(/^/gm, '  ')}`;
  return [
    ...files.map((file) => readFileSync(file, 'utf8')),
    secret,
    values,
    ...Object.values(snippets).map((s) => s.body.join('\n').replace(/\$\{\d+:?([^}]*)\}|\$\d/g, '$1')),
    generateManifest(120),
  ];
}

export function mutate(random: () => number, text: string): string {
  let result = text;
  const steps = 1 + Math.floor(random() * 4);
  for (let i = 0; i < steps; i++) {
    const at = Math.floor(random() * (result.length + 1));
    switch (Math.floor(random() * 5)) {
      case 0:
        result = result.slice(0, at) + pick(random, FRAGMENTS) + result.slice(at);
        break;
      case 1:
        result = result.slice(0, at) + result.slice(at + 1 + Math.floor(random() * 40));
        break;
      case 2: {
        const lines = result.split('\n');
        const line = Math.floor(random() * lines.length);
        lines[line] = random() < 0.5 ? `  ${lines[line]}` : lines[line].replace(/^ {1,2}/, '');
        result = lines.join('\n');
        break;
      }
      case 3: {
        const lines = result.split('\n');
        const a = Math.floor(random() * lines.length);
        const b = Math.floor(random() * lines.length);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        result = lines.join('\n');
        break;
      }
      default:
        result = result.slice(0, at) + result.slice(at, at + 60) + result.slice(at);
    }
  }
  return result;
}
