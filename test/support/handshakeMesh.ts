import type { TlsOptions } from 'node:tls';
import type { HandshakeInput } from '../../common/src/handshake/runHandshake';
import { privateKeyPem } from '../../common/src/pki/keyPairs';
import { createDevCa, issueCertificate, type DevCa, type IssuedCertificate } from '../../common/src/pki/mint';
import { certificatePem } from '../../common/src/pki/pkiFiles';

// A small mesh for handshake tests, minted in memory: a root with an intermediate, the server
// web.shop.svc and the SPIFFE client checkout, and a run between them that passes.

export const pem = (ders: Uint8Array[]) => ders.map(certificatePem).join('');

/** The files a handshake side is given: the chain (leaf, then intermediate) and the key. */
export const files = (issued: IssuedCertificate) => ({ certPem: pem(issued.chain), keyPem: privateKeyPem(issued.key) });

/** A running TLS server's options for `issued`, requiring client certificates from `root`'s CA. */
export const serving = (issued: IssuedCertificate, root: string): TlsOptions => ({
  cert: pem(issued.chain),
  key: privateKeyPem(issued.key),
  ca: root,
  requestCert: true,
  rejectUnauthorized: true,
});

export interface Mesh {
  ca: DevCa;
  server: IssuedCertificate;
  client: IssuedCertificate;
  /** The root's PEM, trusted by both sides. */
  root: string;
  /** STRICT mTLS between server and client, expecting web.shop.svc and allowing `allowClients`. */
  base: HandshakeInput;
}

export async function mintMesh(caName: string, options: { serverUri?: string[]; allowClients: string[] }): Promise<Mesh> {
  const ca = await createDevCa({ name: caName, intermediate: true });
  const server = await issueCertificate(ca, { profile: 'mtls', dns: ['web.shop.svc'], uri: options.serverUri });
  const client = await issueCertificate(ca, { profile: 'spiffe', spiffeId: 'spiffe://cluster.local/ns/shop/sa/checkout' });
  const root = pem([ca.root.certificate]);
  const base: HandshakeInput = {
    server: { ...files(server), caPem: root },
    client: { ...files(client), caPem: root },
    mode: 'required',
    expectServerName: 'web.shop.svc',
    allowClients: options.allowClients,
  };
  return { ca, server, client, root, base };
}
