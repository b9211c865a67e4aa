import * as assert from 'node:assert/strict';
import { parseCertificateViewMessage } from '../../common/src/webview/certificateMessages';

describe('certificate webview messages', () => {
  it('accepts the messages the panel sends', () => {
    assert.deepEqual(parseCertificateViewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseCertificateViewMessage({ type: 'copyFingerprint' }), { type: 'copyFingerprint' });
  });

  it('rejects anything else', () => {
    for (const junk of [null, undefined, 'ready', 42, [], {}, { type: 'show' }, { type: 'ready', extra: 1 }, { type: 'runCommand', command: 'x' }]) {
      assert.equal(parseCertificateViewMessage(junk), undefined, JSON.stringify(junk));
    }
  });
});
