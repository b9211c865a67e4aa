import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { toPem } from '../../common/src/pem/blocks';
import { encodeName, issuerIdentity } from '../../common/src/pki/certificateBuilder';
import { bitString, boolean, explicit, objectIdentifier, octetString, sequence, smallInteger, time } from '../../common/src/pki/derWriter';
import { loadSigningKey, signer } from '../../common/src/pki/keyPairs';
import { DAY_MS, type Minted, type TestPki } from './pki';

// Certificates openssl will not write: two copies of an extension, a BOOLEAN of the wrong length,
// an inner signature algorithm that differs from the outer one, odd time forms. We encode the
// signed part ourselves and sign it with the issuer's key (an openssl-minted EC CA), so `openssl
// verify` judges the very bytes we judge.

export interface CraftRequest {
  /** The CA that signs it (an EC key, as TestPki mints by default). */
  issuer: Minted;
  /** Whose public key it carries; its key file becomes the result's. */
  keyOf: Minted;
  /** An encoded Name; CN=crafted.test when absent. */
  subject?: Uint8Array;
  /** Encoded Extension SEQUENCEs, in order; none writes a certificate without the [3] field. */
  extensions: Uint8Array[];
  /** Encoded AlgorithmIdentifiers; the issuer key's (ecdsa-with-SHA256) when absent. */
  innerAlgorithm?: Uint8Array;
  outerAlgorithm?: Uint8Array;
  /** The two encoded times; a day ago to 30 days ahead when absent. */
  validity?: [Uint8Array, Uint8Array];
  /** An encoded INTEGER. */
  serial?: Uint8Array;
}

/** An Extension: OID, the critical flag when set, the value wrapped in its OCTET STRING. */
export function extension(oid: string, critical: boolean, value: Uint8Array): Uint8Array {
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** Signs and writes the certificate to `name`.pem in the scratch folder. */
export function craft(pki: TestPki, name: string, request: CraftRequest): Minted {
  const issuerKey = loadSigningKey(request.issuer.keyPem)!;
  const subjectKey = loadSigningKey(request.keyOf.keyPem)!;
  const sign = signer(issuerKey);
  const now = Date.now();
  const [validFrom, validTo] = request.validity ?? [time(new Date(now - DAY_MS)), time(new Date(now + 30 * DAY_MS))];
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    request.serial ?? smallInteger(Math.floor(Math.random() * 2 ** 40) + 1),
    request.innerAlgorithm ?? sign.algorithm,
    issuerIdentity(request.issuer.der, issuerKey).subjectDer,
    sequence(validFrom, validTo),
    request.subject ?? encodeName({ commonName: 'crafted.test' }),
    subjectKey.spki,
    ...(request.extensions.length ? [explicit(3, sequence(...request.extensions))] : []),
  );
  const der = sequence(tbs, request.outerAlgorithm ?? sign.algorithm, bitString(sign.sign(tbs)));
  const certificatePem = toPem('CERTIFICATE', der);
  const certificateFile = path.join(pki.dir, `${name}.pem`);
  writeFileSync(certificateFile, certificatePem);
  return { subject: name, certificatePem, der, keyPem: request.keyOf.keyPem, certificateFile, keyFile: request.keyOf.keyFile };
}
