import * as assert from 'node:assert/strict';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { guarded, reportFailuresTo } from '../../common/src/log/guarded';
import { guardedRequest } from '../../server/src/handlers/guard';
import type { Session } from '../../server/src/session';

/** Just what the guard reads of a session: document versions and the console. */
function fakeSession(versions: Map<string, number>, errors: string[]): Session {
  return {
    documents: { get: (uri: string) => (versions.has(uri) ? { version: versions.get(uri) } : undefined) },
    connection: { console: { error: (message: string) => errors.push(message) } },
  } as unknown as Session;
}

const params = { textDocument: { uri: 'file:///a.yaml' } };

describe('guardedRequest', () => {
  it('answers what the handler returns', async () => {
    const run = guardedRequest(fakeSession(new Map([['file:///a.yaml', 1]]), []), 'Hover', null, () => 'answer');
    assert.equal(await run(params, new CancellationTokenSource().token), 'answer');
  });

  it('answers ContentModified when the document changed while the handler awaited', async () => {
    const versions = new Map([['file:///a.yaml', 1]]);
    const run = guardedRequest(fakeSession(versions, []), 'Hover', null, async () => {
      await Promise.resolve();
      versions.set('file:///a.yaml', 2);
      return 'stale';
    });
    const answer = await run(params, new CancellationTokenSource().token);
    assert.ok(answer instanceof ResponseError);
    assert.equal(answer.code, LSPErrorCodes.ContentModified);
  });

  it('answers ContentModified when the document closed meanwhile, RequestCancelled when the token was cancelled', async () => {
    const versions = new Map([['file:///a.yaml', 1]]);
    const closing = guardedRequest(fakeSession(versions, []), 'Hover', null, () => versions.delete('file:///a.yaml'));
    assert.equal(((await closing(params, new CancellationTokenSource().token)) as ResponseError<void>).code, LSPErrorCodes.ContentModified);
    const source = new CancellationTokenSource();
    let ran = false;
    const never = guardedRequest(fakeSession(new Map(), []), 'Hover', null, () => (ran = true));
    source.cancel();
    assert.equal(((await never(params, source.token)) as ResponseError<void>).code, LSPErrorCodes.RequestCancelled);
    assert.equal(ran, false);
    // Cancelled while it ran: the answer it made is dropped.
    const during = new CancellationTokenSource();
    const cancelling = guardedRequest(fakeSession(new Map(), []), 'Hover', null, () => {
      during.cancel();
      return 'late';
    });
    assert.equal(((await cancelling(params, during.token)) as ResponseError<void>).code, LSPErrorCodes.RequestCancelled);
  });

  it('answers InvalidParams, without running the handler or logging, when the parameters lack what it reads', async () => {
    const errors: string[] = [];
    let ran = false;
    const run = guardedRequest(fakeSession(new Map(), errors), 'Hover', null, () => (ran = true), ['textDocument', 'position']);
    const token = new CancellationTokenSource().token;
    for (const bad of [null, {}, { textDocument: { uri: 7 }, position: { line: 0, character: 0 } }, { ...params, position: { line: 'one', character: 0 } }]) {
      const answer = await run(bad, token);
      assert.ok(answer instanceof ResponseError, JSON.stringify(bad));
      assert.equal(answer.code, ErrorCodes.InvalidParams);
    }
    assert.equal(ran, false);
    assert.deepEqual(errors, []);
    // A position past the document's end is readable: the handler clamps it.
    assert.equal(await run({ ...params, position: { line: 1e9, character: -3 } }, token), true);
  });

  it('logs what the handler throws, synchronously or not, and answers the fallback', async () => {
    const errors: string[] = [];
    const session = fakeSession(new Map(), errors);
    const sync = guardedRequest(session, 'Completion', [], (): string[] => {
      throw new TypeError('bad position');
    });
    const async = guardedRequest(session, 'Code lenses', [], (): Promise<string[]> => Promise.reject(new Error('lost')));
    assert.deepEqual(await sync({ textDocument: null }, new CancellationTokenSource().token), []);
    assert.deepEqual(await async(undefined, new CancellationTokenSource().token), []);
    assert.match(errors[0], /^Completion failed: TypeError: bad position/);
    assert.match(errors[1], /^Code lenses failed: Error: lost/);
  });
});

describe('guarded', () => {
  const reports: string[] = [];
  let previous: ReturnType<typeof reportFailuresTo>;
  beforeEach(() => (previous = reportFailuresTo((what, error) => reports.push(`${what}: ${(error as Error).message}`))));
  afterEach(() => reportFailuresTo(previous));

  it('answers the fallback for a check that throws, and reports it by name', () => {
    assert.deepEqual(
      guarded(
        'peerAuthentication',
        () => {
          throw new Error('boom');
        },
        [],
      ),
      [],
    );
    assert.deepEqual(
      guarded('linkerd', () => ['finding'], []),
      ['finding'],
    );
    assert.deepEqual(reports, ['peerAuthentication: boom']);
  });
});
