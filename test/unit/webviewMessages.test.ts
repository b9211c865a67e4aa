import * as assert from 'node:assert/strict';
import { parseCertificateViewMessage, parseHostMessage, parseViewState, type CertificateViewModel } from '../../common/src/webview/certificateMessages';
import { isDecodedObject } from '../../common/src/webview/decodedObjectShape';
import { certificateModel, chainModel, csrModel, privateKeyModel } from '../support/decodedModels';

function viewModel(overrides: Partial<CertificateViewModel> = {}): CertificateViewModel {
  return {
    documentUri: 'file:///work/certs/bundle.pem',
    documentName: 'certs/bundle.pem',
    objects: [
      { source: 'block 1', line: 0, decoded: certificateModel() },
      { source: 'block 2', line: 14, decoded: certificateModel({ isCA: true, selfSigned: true }) },
      { source: 'block 3', line: 30, decoded: privateKeyModel(false) },
    ],
    chain: chainModel(),
    selected: 1,
    expiringSoonDays: 30,
    ...overrides,
  };
}

describe('decoded view messages, webview → host', () => {
  it('accepts each message the page sends', () => {
    const messages = [
      { type: 'ready' },
      { type: 'copyFingerprint', index: 0, algorithm: 'sha256' },
      { type: 'copyFingerprint', index: 2, algorithm: 'sha1' },
      { type: 'reveal', index: 1 },
      { type: 'select', index: 3 },
      { type: 'rendered', index: 0, title: 'checkout.shop.svc' },
    ];
    for (const message of messages) assert.deepEqual(parseCertificateViewMessage(message), message);
  });

  it('refuses wrong types, bad indexes, unknown algorithms and extra keys', () => {
    const junk = [
      null,
      undefined,
      'ready',
      42,
      [],
      {},
      { type: 'show' },
      { type: 'ready', extra: 1 },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'copyFingerprint', index: 0 },
      { type: 'copyFingerprint', index: 0, algorithm: 'md5' },
      { type: 'copyFingerprint', index: -1, algorithm: 'sha256' },
      { type: 'copyFingerprint', index: 0.5, algorithm: 'sha256' },
      { type: 'copyFingerprint', index: '0', algorithm: 'sha256' },
      { type: 'reveal', index: Number.NaN },
      { type: 'reveal', index: 1, uri: 'file:///etc/passwd' },
      { type: 'select', index: Infinity },
      { type: 'rendered', index: 0 },
      { type: 'rendered', index: 0, title: 7 },
    ];
    for (const value of junk) assert.equal(parseCertificateViewMessage(value), undefined, JSON.stringify(value));
  });
});

describe('decoded view messages, host → webview', () => {
  it('accepts a show message with a full model: certificates, keys, a request, a chain', () => {
    const message = { type: 'show', view: viewModel({ objects: [...viewModel().objects, { source: 'block 4', line: 40, decoded: csrModel() }] }) };
    assert.deepEqual(parseHostMessage(message), message);
  });

  it('accepts an empty file (nothing to select) and objects without lines (DER files)', () => {
    assert.ok(parseHostMessage({ type: 'show', view: viewModel({ objects: [], chain: undefined, selected: 0 }) }));
    assert.ok(
      parseHostMessage({ type: 'show', view: viewModel({ objects: [{ source: 'root.der', decoded: certificateModel() }], chain: undefined, selected: 0 }) }),
    );
  });

  it('refuses a selection outside the objects, and malformed objects', () => {
    assert.equal(parseHostMessage({ type: 'show', view: viewModel({ selected: 3 }) }), undefined);
    assert.equal(parseHostMessage({ type: 'show', view: viewModel({ objects: [], selected: 1 }) }), undefined);
    assert.equal(parseHostMessage({ type: 'show' }), undefined);
    assert.equal(parseHostMessage({ type: 'show', view: viewModel(), extra: true }), undefined);
    const broken = viewModel();
    (broken.objects[0].decoded as unknown as Record<string, unknown>).subject = { toString: 'x' };
    assert.equal(parseHostMessage({ type: 'show', view: broken }), undefined);
  });

  it('restores saved state only when it still holds a well-formed model', () => {
    assert.deepEqual(parseViewState({ view: viewModel() }), { view: viewModel() });
    assert.equal(parseViewState(undefined), undefined);
    assert.equal(parseViewState({ view: { documentName: 'old shape' } }), undefined);
  });
});

describe('decoded object shape', () => {
  it('takes every kind the decoder produces', () => {
    for (const decoded of [
      certificateModel(),
      csrModel(),
      privateKeyModel(true),
      privateKeyModel(false),
      { kind: 'publicKey', publicKey: certificateModel().publicKey },
      { kind: 'unreadable', label: 'X509 CRL', reason: 'not decoded' },
    ]) {
      assert.equal(isDecodedObject(decoded), true, decoded.kind);
    }
  });

  it('lets a model that grew new fields through, but not one missing a field the view reads', () => {
    assert.equal(isDecodedObject({ ...certificateModel(), policies: ['2.23.140.1.2.1'] }), true);
    const { fingerprints: _dropped, ...withoutFingerprints } = certificateModel();
    assert.equal(isDecodedObject(withoutFingerprints), false);
    assert.equal(isDecodedObject({ ...certificateModel(), kind: 'crl' }), false);
    assert.equal(isDecodedObject({ ...certificateModel(), pathLength: 'none' }), false);
    assert.equal(isDecodedObject({ ...certificateModel(), subjectAltNames: { dns: [1], ip: [], uri: [], email: [], other: [] } }), false);
  });
});
