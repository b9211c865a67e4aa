import { ServerStatusRequest, type ServerStatus } from '../../../common/src/protocol';
import { version } from '../../../common/src/version';
import type { Session } from '../session';

export function registerStatus(session: Session): void {
  session.connection.onRequest(ServerStatusRequest, (): ServerStatus => ({
    version,
    openDocuments: session.documents.keys().length,
    kinds: session.registry.entries().map(([key]) => key),
  }));
}
