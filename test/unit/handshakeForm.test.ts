import * as assert from 'node:assert/strict';
import { allowList, parseEndpoint, versionRange } from '../../common/src/webview/handshakeForm';

describe('handshake panel form', () => {
  it('reads host:port, a bracketed IPv6 address and a bare port (loopback)', () => {
    assert.deepEqual(parseEndpoint('127.0.0.1:8443'), { host: '127.0.0.1', port: 8443 });
    assert.deepEqual(parseEndpoint('  web.shop.svc:443 '), { host: 'web.shop.svc', port: 443 });
    assert.deepEqual(parseEndpoint('[::1]:15006'), { host: '::1', port: 15006 });
    assert.deepEqual(parseEndpoint('9443'), { host: '127.0.0.1', port: 9443 });
  });

  it('says what is wrong with anything else, in words', () => {
    assert.deepEqual(parseEndpoint('127.0.0.1:0'), { problem: '0 is not a TCP port (1 to 65535).' });
    assert.deepEqual(parseEndpoint('localhost:70000'), { problem: '70000 is not a TCP port (1 to 65535).' });
    for (const junk of ['', 'https://web.shop.svc:443', 'web.shop.svc', '::1:443', 'a b:1', 'host:-1']) {
      assert.ok('problem' in parseEndpoint(junk), junk);
    }
    assert.deepEqual(parseEndpoint('web'), { problem: '"web" is not host:port (for example 127.0.0.1:8443).' });
  });

  it('splits allowed identities on commas and lines, dropping blanks; none allows any client', () => {
    assert.deepEqual(allowList(' cluster.local/ns/shop/sa/checkout, spiffe://cluster.local/ns/shop/sa/web ,,\n cluster.local/ns/ops/* '), [
      'cluster.local/ns/shop/sa/checkout',
      'spiffe://cluster.local/ns/shop/sa/web',
      'cluster.local/ns/ops/*',
    ]);
    assert.equal(allowList(''), undefined);
    assert.equal(allowList(' , \n'), undefined);
  });

  it('leaves an unset version bound to Node', () => {
    assert.deepEqual(versionRange('', ''), {});
    assert.deepEqual(versionRange('TLSv1.3', ''), { min: 'TLSv1.3' });
    assert.deepEqual(versionRange('TLSv1.2', 'TLSv1.2'), { min: 'TLSv1.2', max: 'TLSv1.2' });
  });
});
