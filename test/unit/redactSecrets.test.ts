import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { createMessageConnection, NotificationType, StreamMessageReader, StreamMessageWriter, Trace, type MessageConnection } from 'vscode-jsonrpc/node';
import { redactSecrets } from '../../common/src/log/redact';

const didOpen = new NotificationType<{ textDocument: { uri: string; languageId: string; version: number; text: string } }>('textDocument/didOpen');
const didChange = new NotificationType<{ textDocument: { uri: string; version: number }; contentChanges: Array<{ text: string }> }>('textDocument/didChange');

/** The trace vscode-jsonrpc writes for these notifications at a level, passed through the redaction. */
async function tracedThroughRedaction(level: Trace, send: (connection: MessageConnection) => Promise<void>, expected: number): Promise<string> {
  const up = new PassThrough();
  const sender = createMessageConnection(new StreamMessageReader(new PassThrough()), new StreamMessageWriter(up));
  const receiver = createMessageConnection(new StreamMessageReader(up), new StreamMessageWriter(new PassThrough()));
  const lines: string[] = [];
  let received = 0;
  const done = new Promise<void>((resolve) =>
    receiver.onNotification(() => {
      if (++received === expected) resolve();
    }),
  );
  await sender.trace(level, { log: (message: string, data?: string) => lines.push(redactSecrets(message), redactSecrets(data ?? '')) });
  sender.listen();
  receiver.listen();
  await send(sender);
  await done;
  sender.dispose();
  receiver.dispose();
  return lines.join('\n');
}

describe('nothing the log receives holds key material', () => {
  const pkcs8 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const sec1 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string;
  const secret = ['apiVersion: v1', 'kind: Secret', 'type: kubernetes.io/tls', 'data:', `  tls.key: ${Buffer.from(sec1).toString('base64')}`, ''].join('\n');
  /** Lines long enough to be recognised, taken from the key bodies and their base64. */
  const fragments = [...pkcs8.split('\n'), ...sec1.split('\n')]
    .filter((line) => line.length > 20 && !line.startsWith('-----'))
    .concat(Buffer.from(sec1).toString('base64').slice(40, 80));

  for (const level of [Trace.Verbose, Trace.Compact]) {
    it(`in the LSP trace (${Trace.toString(level)}): didOpen and didChange of a key file and of a Secret`, async () => {
      const log = await tracedThroughRedaction(
        level,
        async (connection) => {
          await connection.sendNotification(didOpen, { textDocument: { uri: 'file:///w/web-key.pem', languageId: 'pem', version: 1, text: pkcs8 } });
          await connection.sendNotification(didOpen, { textDocument: { uri: 'file:///w/secret.yaml', languageId: 'yaml', version: 1, text: secret } });
          await connection.sendNotification(didChange, {
            textDocument: { uri: 'file:///w/secret.yaml', version: 2 },
            contentChanges: [{ text: `${secret}# "quoted" \\ text\n` }],
          });
        },
        3,
      );
      assert.match(log, /textDocument\/didOpen/, 'the trace itself is there');
      assert.match(log, /file:\/\/\/w\/web-key\.pem/, 'the file names are kept');
      assert.match(log, /characters of document text, not logged/);
      for (const fragment of fragments)
        assert.ok(!log.includes(fragment) && !log.includes(JSON.stringify(fragment).slice(1, -1)), `key material in the log: ${fragment}`);
    });
  }

  it('private keys outside document texts: raw PEM, PEM in a JSON string, base64 PEM at any alignment', () => {
    assert.equal(redactSecrets(`before\n${pkcs8}after`), 'before\n<PRIVATE KEY not logged>\nafter');
    assert.equal(redactSecrets(JSON.stringify({ note: sec1 })), '{"note":"<EC PRIVATE KEY not logged>\\n"}');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const encrypted = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'x',
    }) as string;
    // The label's length sets where "PRIVATE KEY" falls in the base64: each alignment occurs here.
    for (const pem of [pkcs8, sec1, rsa, encrypted]) {
      assert.equal(redactSecrets(`  tls.key: ${Buffer.from(pem).toString('base64')}\n`), '  tls.key: <base64 private key not logged>\n', pem.split('\n')[0]);
    }
    const certificate = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    assert.equal(redactSecrets(certificate), certificate, 'certificates are public and stay');
  });
});
