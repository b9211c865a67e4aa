import type { CommandFactory } from '.';
import { readPreset } from '../handshake/preset';
import { HandshakePanel } from '../views/handshakePanel';

/**
 * Opens the mTLS handshake test panel. Arguments: none (the palette); [uri, line] from a
 * certificate's CodeLens or a Uri from the explorer (that file becomes the server certificate,
 * with the key beside it); or a preset `{ serverCert?, serverKey?, serverCa?, clientCert?,
 * clientKey?, clientCa?, mode?, expectServerName?, allowClients?, …, run? }` with Uris or URI
 * strings, as Issue Certificate's "Test Handshake" and the tests pass. Resolves with what the
 * panel holds (after the run, when `run` asked for one); undefined in an untrusted workspace.
 */
export const openHandshakeTest: CommandFactory =
  ({ handshakeViews }) =>
  async (target?: unknown) => {
    // An untrusted workspace never gets here: the command registry refuses it, saying why (trust.ts).
    return HandshakePanel.open(handshakeViews, readPreset(target));
  };
