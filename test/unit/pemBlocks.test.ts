import * as assert from 'node:assert/strict';
import { findPemBlocks, pemLabels, readPemText, toPem } from '../../common/src/pem/blocks';

describe('findPemBlocks', () => {
  const body = Buffer.from('hello certificate bytes').toString('base64');

  it('finds a block with its label, lines and decoded bytes', () => {
    const [block, ...rest] = findPemBlocks(`intro\n-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`);
    assert.equal(rest.length, 0);
    assert.equal(block.label, 'CERTIFICATE');
    assert.equal(block.beginLine, 1);
    assert.equal(block.endLine, 3);
    assert.equal(Buffer.from(block.der!).toString(), 'hello certificate bytes');
  });

  it('reads CRLF line ends, indentation (PEM in a YAML block scalar) and several blocks', () => {
    const text = `ca.crt: |\r\n    -----BEGIN CERTIFICATE-----\r\n    ${body}\r\n    -----END CERTIFICATE-----\r\n-----BEGIN PRIVATE KEY-----\r\n${body}\r\n-----END PRIVATE KEY-----\r\n`;
    const blocks = findPemBlocks(text);
    assert.deepEqual(
      blocks.map((b) => [b.label, b.beginLine, b.beginColumn, b.endLine]),
      [
        ['CERTIFICATE', 1, 4, 3],
        ['PRIVATE KEY', 4, 0, 6],
      ],
    );
    assert.ok(blocks.every((b) => b.der && b.problem === undefined));
  });

  it('skips RFC 1421 headers before the body', () => {
    const [block] = findPemBlocks(
      `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n${body}\n-----END RSA PRIVATE KEY-----`,
    );
    assert.equal(Buffer.from(block.der!).toString(), 'hello certificate bytes');
  });

  it('reports an unterminated block and resumes at the next BEGIN', () => {
    const blocks = findPemBlocks(`-----BEGIN CERTIFICATE-----\n${body}\n-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`);
    assert.deepEqual(
      blocks.map((b) => [b.beginLine, b.endLine, b.problem?.kind]),
      [
        [0, 1, 'unterminated'],
        [2, 4, undefined],
      ],
    );
  });

  it('reports a mismatched END label, a body that is not base64, and an empty body', () => {
    const [mismatch] = findPemBlocks(`-----BEGIN CERTIFICATE-----\n${body}\n-----END PRIVATE KEY-----`);
    assert.deepEqual(mismatch.problem, { kind: 'label-mismatch', endLabel: 'PRIVATE KEY' });
    const [garbage] = findPemBlocks(`-----BEGIN CERTIFICATE-----\n${body}\nthis is not base64!\n-----END CERTIFICATE-----`);
    assert.deepEqual(garbage.problem, { kind: 'bad-base64', line: 2 });
    assert.equal(garbage.der, undefined);
    const [empty] = findPemBlocks(`-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----`);
    assert.deepEqual(empty.problem, { kind: 'empty' });
  });

  it('finds nothing in text without PEM, binary noise included', () => {
    assert.deepEqual(findPemBlocks('apiVersion: v1\nkind: Secret\n'), []);
    assert.deepEqual(findPemBlocks(String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 37) % 256))), []);
  });

  it('pemLabels names the blocks readPemText reads, in order, whatever their bodies and line ends', () => {
    const begin = (label: string) => `-----BEGIN ${label}-----`;
    const end = (label: string) => `-----END ${label}-----`;
    const pieces = [
      begin('CERTIFICATE'),
      `  ${begin('PRIVATE KEY')}  `,
      end('CERTIFICATE'),
      end('PRIVATE KEY'),
      body,
      'Proc-Type: 4,ENCRYPTED',
      '-----BEGIN lower-----',
      `x ${begin('CERTIFICATE')}`,
      `${begin('EC PRIVATE KEY')}${begin('CERTIFICATE')}`,
      'not base64 @@',
      '',
    ];
    const breaks = ['\n', '\r\n', '\r'];
    // A fixed generator, so a failure names the same text every run.
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let round = 0; round < 400; round++) {
      let text = '';
      for (let i = next(12); i > 0; i--) text += pieces[next(pieces.length)] + breaks[next(breaks.length)];
      assert.deepEqual(
        pemLabels(text),
        readPemText(text).blocks.map((block) => block.label),
        JSON.stringify(text),
      );
    }
    assert.deepEqual(pemLabels(`${begin('CERTIFICATE')}\n${body}\n${begin('RSA PRIVATE KEY')}\r\n${body}\r${end('RSA PRIVATE KEY')}`), [
      'CERTIFICATE',
      'RSA PRIVATE KEY',
    ]);
  });

  it('round-trips through toPem with 64-character lines', () => {
    const der = new Uint8Array(Array.from({ length: 200 }, (_, i) => i));
    const pem = toPem('CERTIFICATE', der);
    const lines = pem.trimEnd().split('\n');
    assert.ok(lines.slice(1, -2).every((l) => l.length === 64));
    assert.deepEqual(findPemBlocks(pem)[0].der, der);
  });
  describe('precise problem ranges', () => {
    const begin = '-----BEGIN CERTIFICATE-----';
    const end = '-----END CERTIFICATE-----';

    it('marks the first run of characters outside base64, not the whole line', () => {
      const [block] = findPemBlocks(`${begin}\nMIIBkTCB@@#+wIJAKH\n${body}\n${end}\n`);
      assert.deepEqual(block.problem, { kind: 'bad-base64', line: 1 });
      assert.deepEqual(block.problemAt, { line: 1, startColumn: 8, endColumn: 11 });
      assert.equal(block.bodyFault, 'invalid-character');
    });

    it('counts columns from the line start when the PEM is indented, as in a YAML block scalar', () => {
      const [block] = findPemBlocks(`ca.crt: |\n    ${begin}\n    MIIB*x\n    ${end}\n`);
      assert.deepEqual(block.problemAt, { line: 2, startColumn: 8, endColumn: 9 });
    });

    it('marks a line of prose inside a block as stray text, from its first to its last character', () => {
      const [block] = findPemBlocks(`${begin}\n${body}\n  this is my cert  \n${end}`);
      assert.equal(block.bodyFault, 'stray-text');
      assert.deepEqual(block.problemAt, { line: 2, startColumn: 2, endColumn: 17 });
    });

    it('marks a header line after the body began as stray text, but keeps headers before it', () => {
      const [late] = findPemBlocks(`${begin}\n${body}\nComment: late\n${end}`);
      assert.equal(late.bodyFault, 'stray-text');
      assert.equal(late.problemAt?.line, 2);
      const [early] = findPemBlocks(`${begin}\nComment: early\n\n${body}\n${end}`);
      assert.deepEqual(early.headers, ['Comment: early']);
      assert.equal(early.problem, undefined);
    });

    it('marks padding before the end of the body, inside a line or on a line followed by more', () => {
      const [inside] = findPemBlocks(`${begin}\nAAAA==AA\n${end}`);
      assert.equal(inside.bodyFault, 'misplaced-padding');
      assert.deepEqual(inside.problemAt, { line: 1, startColumn: 4, endColumn: 6 });
      const [early] = findPemBlocks(`${begin}\nAAA=\nAAAA\n${end}`);
      assert.equal(early.bodyFault, 'misplaced-padding');
      assert.deepEqual(early.problemAt, { line: 1, startColumn: 3, endColumn: 4 });
    });

    it('reports a body whose length is not a multiple of four as truncated, marking its incomplete last characters', () => {
      const [block] = findPemBlocks(`${begin}\nAAAA\n  AAAAAAA\n${end}`);
      assert.equal(block.bodyFault, 'truncated');
      assert.deepEqual(block.problemAt, { line: 2, startColumn: 6, endColumn: 9 });
    });

    it('marks the END label when it differs from BEGIN', () => {
      const [block] = findPemBlocks(`  ${begin}\n  ${body}\n  -----END PRIVATE KEY-----`);
      assert.deepEqual(block.problemAt, { line: 2, startColumn: 11, endColumn: 22 });
    });

    it('marks the BEGIN marker of an unterminated block and of an empty one', () => {
      const [open] = findPemBlocks(`x\n  ${begin}  \n${body}\n`);
      assert.deepEqual(open.problemAt, { line: 1, startColumn: 2, endColumn: 29 });
      const [empty] = findPemBlocks(`${begin}\n\n${end}`);
      assert.deepEqual(empty.problemAt, { line: 0, startColumn: 0, endColumn: 27 });
    });

    it('keeps CRLF columns right and counts a lone CR as a line break, as editors do', () => {
      const [crlf] = findPemBlocks(`${begin}\r\nAB!D\r\n${end}\r\n`);
      assert.deepEqual(crlf.problemAt, { line: 1, startColumn: 2, endColumn: 3 });
      const [cr] = findPemBlocks(`${begin}\r${body}\r${end}\r`);
      assert.equal(cr.endLine, 2);
      assert.equal(Buffer.from(cr.der!).toString(), 'hello certificate bytes');
    });

    it('still decodes every block after a damaged one', () => {
      const good = `${begin}\n${body}\n${end}\n`;
      const blocks = findPemBlocks(`${good}${begin}\nAB~~\n${end}\n${begin}\n${body}\n-----END X509 CRL-----\n${begin}\n${body}\n${good}`);
      assert.deepEqual(
        blocks.map((b) => b.problem?.kind ?? 'ok'),
        ['ok', 'bad-base64', 'label-mismatch', 'unterminated', 'ok'],
      );
      assert.equal(Buffer.from(blocks[4].der!).toString(), 'hello certificate bytes');
    });

    it('lists END lines that belong to no block, the top of a cut-off block', () => {
      const { blocks, strayEnds } = readPemText(`${body}\n  ${end}\n${begin}\n${body}\n${end}\n`);
      assert.equal(blocks.length, 1);
      assert.deepEqual(strayEnds, [{ line: 1, startColumn: 2, endColumn: 27, label: 'CERTIFICATE' }]);
    });
  });
});
