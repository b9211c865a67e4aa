// @peculiar/x509 resolves its ASN.1 converters through tsyringe, which needs the Reflect
// metadata API before the library is first loaded; every module reaches the library through here.
// It only writes (pki/ mints certificates with it): everything is read by our own DER reader.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export { x509 };
