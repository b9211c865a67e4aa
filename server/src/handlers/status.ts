import { ServerStatusRequest, type ServerStatus } from '../../../common/src/protocol';
import { version } from '../../../common/src/version';
import type { Session } from '../session';
import { guardedRequest } from './guard';

export function registerStatus(session: Session): void {
  const status = (): ServerStatus => ({
    version,
    openDocuments: session.documents.keys().length,
    kinds: session.registry.entries().map(([key]) => key),
  });
  session.connection.onRequest(ServerStatusRequest, guardedRequest(session, 'Status', status(), status));
}
