import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DocumentSymbol, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { spireCompletion } from '../../server/src/spire/completion';
import { spireFileReferences } from '../../server/src/spire/fileLinks';
import { spireHover } from '../../server/src/spire/hover';
import { spireSymbols } from '../../server/src/spire/symbols';

// The editor calls these on every keystroke, so every half-typed or mangled text must give an
// answer whose ranges lie in the text, and never an exception.

const FIXTURES = path.join(__dirname, '../../../test/fixtures/spire');

const HCL = `server {
  trust_domain = "example.org" # comment
  log_level = "DEBUG"
  admin_ids = ["spiffe://example.org/admin",]
  federation {
    federates_with "b.test" {
      bundle_endpoint_url = "https://b.test:8443"
      bundle_endpoint_profile "https_spiffe" { endpoint_spiffe_id = "spiffe://b.test/s" }
    }
  }
  experimental { feature_flags = ["wit-svid"] }
}
plugins {
  UpstreamAuthority "disk" { plugin_data { cert_file_path = "ca.crt" key_file_path = "ca.key" } }
  KeyManager { memory { enabled = false } }
  Notifier "x" "plugin_data" { text = <<EOT
heredoc
EOT
  }
}
`;
const JSON_FORM = readFileSync(path.join(FIXTURES, 'helm-spire-0.30.0-agent.conf'), 'utf8').slice(0, 1200);

function positions(text: string): Position[] {
  const out: Position[] = [];
  text.split('\n').forEach((line, i) => {
    for (let c = 0; c <= line.length; c++) out.push({ line: i, character: c });
  });
  return out;
}

function assertInText(text: string, range: Range, what: string): void {
  const lines = text.split('\n');
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} in the text`);
    assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `${what}: character ${p.character} on its line`);
  }
}

function assertSymbols(text: string, symbols: DocumentSymbol[]): void {
  for (const s of symbols) {
    assertInText(text, s.range, s.name);
    assertSymbols(text, s.children ?? []);
  }
}

/** Runs every service at the position and checks the shape of what comes back. */
function exercise(text: string, position: Position): void {
  const lineLength = text.split('\n')[position.line]?.length ?? 0;
  const cursor = Math.min(position.character, lineLength);
  const hover = spireHover(text, position);
  if (hover) assertInText(text, hover.range!, 'hover');
  for (const item of spireCompletion(text, position)) {
    const range = (item.textEdit as TextEdit).range;
    assertInText(text, range, `completion ${item.label}`);
    assert.equal(range.start.line, position.line, 'a completion replaces text on the cursor line');
    assert.ok(range.start.character <= cursor && cursor <= range.end.character, 'a completion range holds the cursor');
  }
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('SPIRE editor services on broken text', () => {
  it('answer at every position of a configuration, HCL and JSON', function () {
    this.timeout(30_000);
    for (const text of [HCL, JSON_FORM]) for (const position of positions(text)) exercise(text, position);
  });

  it('answer on every prefix of the text, as while it is typed', function () {
    this.timeout(30_000);
    for (const full of [HCL, JSON_FORM]) {
      for (let end = 0; end <= full.length; end += 3) {
        const text = full.slice(0, end);
        const lines = text.split('\n');
        exercise(text, { line: lines.length - 1, character: lines[lines.length - 1].length });
        assertSymbols(text, spireSymbols(text));
        for (const ref of spireFileReferences(text)) assertInText(text, ref.range, ref.key);
      }
    }
  });

  it('answer on mangled real configurations', function () {
    this.timeout(30_000);
    const next = random(18);
    const sources = ['spire-v1.15.3-server_full.conf', 'spire-v1.15.3-agent_full.conf', 'helm-spire-0.30.0-server.conf'].map((f) =>
      readFileSync(path.join(FIXTURES, f), 'utf8'),
    );
    const noise = ['{', '}', '[', ']', '"', '=', ':', ',', '\n', '#', '<<EOT\n', '/*', 'plugins', '"x" {'];
    for (let round = 0; round < 60; round++) {
      let text = sources[round % sources.length];
      for (let edit = 0; edit < 4; edit++) {
        const at = Math.floor(next() * text.length);
        text =
          next() < 0.5
            ? text.slice(0, at) + noise[Math.floor(next() * noise.length)] + text.slice(at)
            : text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 20));
      }
      assertSymbols(text, spireSymbols(text));
      for (const ref of spireFileReferences(text)) assertInText(text, ref.range, ref.key);
      const all = positions(text);
      for (let probe = 0; probe < 5; probe++) exercise(text, all[Math.floor(next() * all.length)]);
    }
  });

  it('clamps positions past the end of a line or of the text', () => {
    exercise('server {\n  log_level = "x"\n}', { line: 1, character: 500 });
    assert.deepEqual(spireCompletion('server {\n  log_level = "x"\n}', { line: 1, character: 500 }), [], 'past the closing quote');
    assert.equal(spireHover('server {}', { line: 40, character: 3 }), undefined);
    assert.deepEqual(
      spireCompletion('', { line: 3, character: 9 })
        .map((i) => i.label)
        .sort(),
      ['agent', 'health_checks', 'plugins', 'server', 'telemetry'],
    );
  });
});
