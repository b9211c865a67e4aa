import * as assert from 'node:assert/strict';
import { findPemBlocks, toPem } from '../../common/src/pem/blocks';

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
    assert.deepEqual(blocks.map((b) => [b.label, b.beginLine, b.beginColumn, b.endLine]), [
      ['CERTIFICATE', 1, 4, 3],
      ['PRIVATE KEY', 4, 0, 6],
    ]);
    assert.ok(blocks.every((b) => b.der && b.problem === undefined));
  });

  it('skips RFC 1421 headers before the body', () => {
    const [block] = findPemBlocks(`-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n${body}\n-----END RSA PRIVATE KEY-----`);
    assert.equal(Buffer.from(block.der!).toString(), 'hello certificate bytes');
  });

  it('reports an unterminated block and resumes at the next BEGIN', () => {
    const blocks = findPemBlocks(`-----BEGIN CERTIFICATE-----\n${body}\n-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`);
    assert.deepEqual(blocks.map((b) => [b.beginLine, b.endLine, b.problem?.kind]), [
      [0, 1, 'unterminated'],
      [2, 4, undefined],
    ]);
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

  it('round-trips through toPem with 64-character lines', () => {
    const der = new Uint8Array(Array.from({ length: 200 }, (_, i) => i));
    const pem = toPem('CERTIFICATE', der);
    const lines = pem.trimEnd().split('\n');
    assert.ok(lines.slice(1, -2).every((l) => l.length === 64));
    assert.deepEqual(findPemBlocks(pem)[0].der, der);
  });
});
