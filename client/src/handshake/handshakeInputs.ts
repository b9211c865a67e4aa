// From the panel's form to the engine's input: the host reads each chosen file (the page only
// names them), turns binary DER certificates into PEM, and says in words what is missing or
// unusable before anything listens. Key contents go to the engine only: never logged, never posted.

import * as vscode from 'vscode';
import type { EndpointInput } from '../../../common/src/handshake/endpointProbe';
import type { HandshakeInput } from '../../../common/src/handshake/runHandshake';
import { toPem } from '../../../common/src/pem/blocks';
import {
  allowList,
  parseEndpoint,
  ROLE_NAMES,
  versionRange,
  type ChosenFiles,
  type FileRole,
  type HandshakeFields,
} from '../../../common/src/webview/handshakeForm';
import { fileObjects } from '../certificates/fileObjects';
import { readBytes, readError } from './chosenFiles';

/** The form cannot be run as it stands; the message says what to change. */
export class InputProblem extends Error {}

const SEQUENCE = 0x30;

async function readPem(files: ChosenFiles, role: FileRole): Promise<string | undefined> {
  const file = files[role];
  if (!file) return undefined;
  const uri = vscode.Uri.parse(file.uri, true);
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(uri);
    const objects = fileObjects(bytes, file.name);
    const certificates = objects.filter((o) => o.decoded.kind === 'certificate');
    if (role.endsWith('Ca') && certificates.length === 0)
      throw new InputProblem(`The ${ROLE_NAMES[role]}, ${file.name}, holds no readable certificate: choose a PEM or DER file of CA certificates.`);
    // A binary DER certificate: Node's TLS takes PEM only. (A DER key is left as it is: its PEM
    // label depends on its format, and the engine explains a key it cannot load.)
    if (bytes[0] === SEQUENCE && objects.length === 1 && objects[0].der && objects[0].decoded.kind === 'certificate')
      return toPem('CERTIFICATE', objects[0].der);
  } catch (error) {
    if (error instanceof InputProblem) throw error;
    throw new InputProblem(`The ${ROLE_NAMES[role]}, ${file.name}, cannot be read (${readError(error)}).`);
  }
  return new TextDecoder().decode(bytes);
}

function clientPair(certPem: string | undefined, keyPem: string | undefined): void {
  if ((certPem === undefined) !== (keyPem === undefined))
    throw new InputProblem(
      certPem === undefined
        ? 'A client key needs its client certificate: choose both, or neither for a client without one.'
        : 'The client certificate needs its key: choose the client key too.',
    );
}

export async function handshakeInput(files: ChosenFiles, fields: HandshakeFields, signal: AbortSignal): Promise<HandshakeInput> {
  if (!files.serverCert || !files.serverKey) throw new InputProblem('Choose the server certificate and its key first (Run All Scenarios needs neither).');
  const [certPem, keyPem, caPem] = await Promise.all((['serverCert', 'serverKey', 'serverCa'] as const).map((role) => readPem(files, role)));
  const plaintext = fields.mode === 'plaintext';
  let client: HandshakeInput['client'] = { plaintext: true };
  if (!plaintext) {
    const [clientCert, clientKey, clientCa] = await Promise.all((['clientCert', 'clientKey', 'clientCa'] as const).map((role) => readPem(files, role)));
    clientPair(clientCert, clientKey);
    client = { certPem: clientCert, keyPem: clientKey, caPem: clientCa };
  }
  return {
    server: { certPem: certPem!, keyPem: keyPem!, caPem },
    client,
    // A plaintext client meets a server that requires mTLS, as Istio STRICT does.
    mode: fields.mode === 'plaintext' ? 'required' : fields.mode,
    serverVersions: versionRange(fields.serverMin, fields.serverMax),
    clientVersions: versionRange(fields.clientMin, fields.clientMax),
    expectServerName: fields.expectServerName.trim() || undefined,
    allowClients: allowList(fields.allowClients),
    signal,
  };
}

export async function endpointInput(files: ChosenFiles, fields: HandshakeFields, signal: AbortSignal): Promise<EndpointInput> {
  const endpoint = parseEndpoint(fields.endpoint);
  if ('problem' in endpoint) throw new InputProblem(`Test a Running Endpoint: ${endpoint.problem}`);
  const [certPem, keyPem, caPem] = await Promise.all((['clientCert', 'clientKey', 'clientCa'] as const).map((role) => readPem(files, role)));
  clientPair(certPem, keyPem);
  return {
    host: endpoint.host,
    port: endpoint.port,
    client: { certPem, keyPem, caPem },
    expectServerName: fields.expectServerName.trim() || undefined,
    versions: versionRange(fields.clientMin, fields.clientMax),
    signal,
  };
}
