import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as tls from 'node:tls';
import { KEY_TYPES, privateKeyPem, type KeyType } from '../../common/src/pki/keyPairs';
import {
  CLOCK_SKEW_MS,
  createDevCa,
  issueCertificate,
  issueRequestProblems,
  MintError,
  type DevCa,
  type IssuedCertificate,
  type IssueRequest,
} from '../../common/src/pki/mint';
import { certificatePem } from '../../common/src/pki/pkiFiles';
import { certificateDetails } from '../../common/src/x509/decode';
import { lintObjects } from '../../common/src/x509/lint';
import { privateKeyMatchesCertificate } from '../../common/src/x509/keys';
import { parseDocument } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';
import { opensslOn } from '../support/certificates';

/** Runs openssl; returns status and everything it printed. */
function openssl(args: string[], input?: string): { status: number | null; output: string } {
  const result = spawnSync('openssl', args, { encoding: 'utf8', input });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function text(der: Uint8Array): string {
  return openssl(['x509', '-noout', '-text'], certificatePem(der)).output;
}

/** `openssl verify -CAfile root -untrusted chain [-purpose] leaf`, in a scratch folder. */
function opensslVerify(issued: IssuedCertificate, purpose?: 'sslserver' | 'sslclient'): { status: number | null; output: string } {
  const files = {
    'root.pem': certificatePem(issued.root),
    'chain.pem': issued.chain.map(certificatePem).join(''),
    'leaf.pem': certificatePem(issued.certificate),
  };
  return opensslOn(files, ['verify', '-CAfile', 'root.pem', '-untrusted', 'chain.pem', ...(purpose ? ['-purpose', purpose] : []), 'leaf.pem']);
}

describe('Dev CA minting, checked by openssl', function () {
  this.timeout(120_000);
  let ca: DevCa;
  before(async () => {
    ca = await createDevCa({ name: 'Shop Dev CA', intermediate: true });
  });

  it('makes a root and an intermediate as a CA would: CA flags, path lengths, usages, key identifiers, long random serials, backdated start', () => {
    const root = text(ca.root.certificate);
    assert.match(root, /Basic Constraints: critical\s+CA:TRUE, pathlen:1/);
    assert.match(root, /Key Usage: critical\s+Certificate Sign, CRL Sign/);
    assert.match(root, /Subject: CN = Shop Dev CA\n/);
    const intermediate = text(ca.intermediate!.certificate);
    assert.match(intermediate, /Issuer: CN = Shop Dev CA\n/);
    assert.match(intermediate, /Subject: CN = Shop Dev CA Intermediate\n/);
    assert.match(intermediate, /Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
    const rootSki = /Subject Key Identifier:\s+([0-9A-F:]+)/.exec(root)![1];
    assert.equal(/Authority Key Identifier:\s+(?:keyid:)?([0-9A-F:]+)/.exec(intermediate)![1], rootSki);
    for (const der of [ca.root.certificate, ca.intermediate!.certificate]) {
      const details = certificateDetails(der);
      // At least 64 random bits: 16 bytes with the top bit cleared.
      assert.ok(details.serialNumber.replace(/:/g, '').length >= 32, details.serialNumber);
      const skew = Date.now() - Date.parse(details.notBefore);
      assert.ok(skew >= CLOCK_SKEW_MS - 60_000 && skew < CLOCK_SKEW_MS + 60_000, `NotBefore is ${skew} ms back`);
    }
    assert.notEqual(certificateDetails(ca.root.certificate).serialNumber, certificateDetails(ca.intermediate!.certificate).serialNumber);
    // One year for the root, 180 days for the intermediate.
    const lifetime = (der: Uint8Array) => Math.round((Date.parse(certificateDetails(der).notAfter) - Date.now()) / 86_400_000);
    assert.equal(lifetime(ca.root.certificate), 365);
    assert.equal(lifetime(ca.intermediate!.certificate), 180);
  });

  const profiles: Array<[IssueRequest, Array<'sslserver' | 'sslclient'>, Array<'sslserver' | 'sslclient'>]> = [
    [{ profile: 'server', dns: ['web.shop.svc'], ip: ['10.0.0.7', '::1'] }, ['sslserver'], ['sslclient']],
    [{ profile: 'client', commonName: 'batch-job' }, ['sslclient'], ['sslserver']],
    [{ profile: 'mtls', dns: ['cart.shop.svc'] }, ['sslserver', 'sslclient'], []],
    [{ profile: 'spiffe', spiffeId: 'spiffe://cluster.local/ns/shop/sa/payments' }, ['sslserver', 'sslclient'], []],
  ];
  for (const [request, passes, fails] of profiles) {
    it(`issues a ${request.profile} certificate that openssl verifies for ${passes.join(' and ')}${fails.length ? ` and refuses for ${fails.join(', ')}` : ''}`, async () => {
      const issued = await issueCertificate(ca, request);
      assert.equal(issued.chain.length, 2);
      for (const purpose of passes) assert.equal(opensslVerify(issued, purpose).status, 0, opensslVerify(issued, purpose).output);
      for (const purpose of fails) assert.match(opensslVerify(issued, purpose).output, /error 26 at 0 depth lookup: unsuitable certificate purpose/);
      assert.equal(privateKeyMatchesCertificate({ pem: privateKeyPem(issued.key) }, issued.certificate), true);
      const leaf = text(issued.certificate);
      assert.match(leaf, /Basic Constraints: critical\s+CA:FALSE/);
      assert.match(leaf, /Key Usage: critical\s+Digital Signature\n/);
    });
  }

  it('makes a SPIFFE workload certificate that meets the X.509-SVID rules: our lint finds nothing, openssl sees one URI SAN, critical with an empty subject, 24 hours', async () => {
    const issued = await issueCertificate(ca, { profile: 'spiffe', spiffeId: 'spiffe://cluster.local/ns/shop/sa/payments' });
    const objects = [issued.certificate, ...issued.chain.slice(1)].map((der) => ({ der, decoded: certificateDetails(der) }));
    assert.deepEqual(lintObjects({ objects, now: new Date(), expiringSoonDays: 30 }), []);
    const leaf = text(issued.certificate);
    assert.match(leaf, /Subject Alternative Name: critical\s+URI:spiffe:\/\/cluster\.local\/ns\/shop\/sa\/payments\n/);
    assert.match(leaf, /Subject: ?\n/);
    const details = certificateDetails(issued.certificate);
    assert.equal(Date.parse(details.notAfter) - Date.parse(details.notBefore), 24 * 3600_000 + CLOCK_SKEW_MS);
  });

  it('gives our own certificate checks nothing to say about the files cert issue writes: the leaf beside its key, the chain, the root', async () => {
    const issued = await issueCertificate(ca, { profile: 'spiffe', spiffeId: 'spiffe://cluster.local/ns/shop/sa/pay', dns: ['pay.shop.svc'] });
    const check = (name: string, text: string, siblings: Array<{ name: string; text: string }> = []) =>
      documentDiagnostics(parseDocument(`file:///certs/${name}`, 'pem', 1, text), createDefaultRegistry(), {
        now: new Date(),
        expiringSoonDays: 30,
        inGitWorkTree: false,
        siblings,
      }).map((d) => `${name}: [${String(d.code)}] ${d.message}`);
    assert.deepEqual(
      [
        ...check('pay.pem', certificatePem(issued.certificate), [{ name: 'pay-key.pem', text: privateKeyPem(issued.key) }]),
        ...check('pay-chain.pem', issued.chain.map(certificatePem).join('')),
        ...check('root-ca.pem', certificatePem(issued.root)),
        ...check('pay-key.pem', privateKeyPem(issued.key), [{ name: 'pay.pem', text: certificatePem(issued.certificate) }]),
      ],
      [],
    );
    // And a key that is not the leaf's is caught, so the check above could fail.
    const other = await issueCertificate(ca, { profile: 'server', dns: ['x.shop.svc'] });
    assert.match(check('pay.pem', certificatePem(issued.certificate), [{ name: 'pay-key.pem', text: privateKeyPem(other.key) }]).join(), /key-mismatch/);
  });

  for (const keyType of KEY_TYPES) {
    it(`mints a whole chain with ${keyType} keys that openssl verifies`, async () => {
      const typed = await createDevCa({ keyType, intermediate: true });
      const issued = await issueCertificate(typed, { profile: 'mtls', dns: ['api.shop.svc'], keyType: keyType });
      assert.equal(opensslVerify(issued, 'sslserver').status, 0, opensslVerify(issued).output);
      const leaf = text(issued.certificate);
      const expected: Record<KeyType, RegExp> = {
        'ecdsa-p256': /NIST CURVE: P-256/,
        'ecdsa-p384': /NIST CURVE: P-384/,
        'rsa-2048': /Public-Key: \(2048 bit\)/,
        'rsa-3072': /Public-Key: \(3072 bit\)/,
        'rsa-4096': /Public-Key: \(4096 bit\)/,
        ed25519: /Public Key Algorithm: ED25519/,
      };
      assert.match(leaf, expected[keyType]);
      if (keyType.startsWith('rsa')) assert.match(leaf, /Key Usage: critical\s+Digital Signature, Key Encipherment/);
    });
  }

  it('keeps names inside the CA’s name constraints, refusing the rest with the reason openssl would give', async () => {
    const constrained = await createDevCa({
      name: 'Shop Only',
      intermediate: true,
      nameConstraints: { permittedDns: ['shop.svc.cluster.local'], permittedUri: ['cluster.local'] },
    });
    assert.match(text(constrained.root.certificate), /Name Constraints: critical\s+Permitted:\s+DNS:shop\.svc\.cluster\.local\s+URI:cluster\.local/);
    const inside = await issueCertificate(constrained, {
      profile: 'spiffe',
      spiffeId: 'spiffe://cluster.local/ns/shop/sa/web',
      dns: ['web.shop.svc.cluster.local'],
    });
    assert.equal(opensslVerify(inside, 'sslserver').status, 0, opensslVerify(inside).output);
    await assert.rejects(
      issueCertificate(constrained, { profile: 'server', dns: ['web.other.svc.cluster.local'] }),
      (error: Error) =>
        error instanceof MintError &&
        /web\.other\.svc\.cluster\.local is outside what Shop Only Intermediate may certify \(DNS:shop\.svc\.cluster\.local\)/.test(error.message),
    );
  });

  it('refuses bad names, two URIs in an SVID and a missing identity, each with its reason', () => {
    assert.deepEqual(issueRequestProblems({ profile: 'server', dns: ['web_api.shop', 'ok.shop', '10.0.0.1'], ip: ['10.0.0.300'] }), [
      'DNS name "web_api.shop": the label "web_api" may hold only letters, digits and "-"',
      'DNS name "10.0.0.1": it is an IP address: give it as an IP SAN instead',
      'IP "10.0.0.300": it is not an IPv4 or IPv6 address',
    ]);
    assert.deepEqual(issueRequestProblems({ profile: 'spiffe', spiffeId: 'spiffe://Cluster.local/ns/a', uri: ['https://a.example'] }), [
      'URI "spiffe://Cluster.local/ns/a": the trust domain must be lower case',
      'an X.509-SVID carries exactly one URI SAN, not 2',
    ]);
    assert.deepEqual(issueRequestProblems({ profile: 'server' }), ['a server certificate needs at least one DNS name or IP address for peers to check']);
    assert.deepEqual(issueRequestProblems({ profile: 'spiffe', dns: ['a.b'] }), [
      'a SPIFFE workload certificate needs its SPIFFE ID (spiffe://<trust domain>/ns/<namespace>/sa/<service account>)',
    ]);
    assert.deepEqual(issueRequestProblems({ profile: 'mtls', dns: ['*.shop.svc', 'a.*.svc'], hours: 1, days: 1 }), [
      'DNS name "a.*.svc": a wildcard may only be the whole leftmost label ("*.example.com")',
      'give the lifetime in hours or in days, not both',
    ]);
  });

  it('cuts a lifetime that would outlive the CA, and says so', async () => {
    const issued = await issueCertificate(ca, { profile: 'server', dns: ['long.shop.svc'], days: 3650 });
    assert.equal(certificateDetails(issued.certificate).notAfter, certificateDetails(ca.intermediate!.certificate).notAfter);
    assert.match(issued.notes[0], /^The lifetime was cut to end with the CA's/);
  });

  it('refuses to sign with a key that is not the CA’s, or with a leaf', async () => {
    const other = await createDevCa({});
    await assert.rejects(
      issueCertificate({ root: { certificate: ca.root.certificate, key: other.root.key } }, { profile: 'server', dns: ['a.b.c'] }),
      /the private key is not the key of CN=Shop Dev CA/,
    );
    const leaf = await issueCertificate(ca, { profile: 'server', dns: ['leaf.shop.svc'] });
    await assert.rejects(
      issueCertificate(
        { root: { certificate: ca.root.certificate }, intermediate: { certificate: leaf.certificate, key: leaf.key } },
        { profile: 'server', dns: ['a.b.c'] },
      ),
      /CN=leaf\.shop\.svc is not a CA/,
    );
  });

  it('completes a real mutual TLS handshake in Node with the minted server and client certificates', async () => {
    const server = await issueCertificate(ca, { profile: 'server', dns: ['orders.shop.svc'] });
    const client = await issueCertificate(ca, { profile: 'client', commonName: 'checkout', uri: ['spiffe://cluster.local/ns/shop/sa/checkout'] });
    const pem = (ders: Uint8Array[]) => ders.map(certificatePem).join('');
    const listener = tls.createServer(
      { cert: pem(server.chain), key: privateKeyPem(server.key), ca: pem([ca.root.certificate]), requestCert: true, rejectUnauthorized: true },
      (socket) => {
        socket.end(`hello ${socket.getPeerCertificate().subjectaltname}`);
      },
    );
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = listener.address() as { port: number };
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = tls.connect(
          { host: '127.0.0.1', port, servername: 'orders.shop.svc', cert: pem(client.chain), key: privateKeyPem(client.key), ca: pem([ca.root.certificate]) },
          () => {
            if (!socket.authorized) reject(socket.authorizationError);
          },
        );
        let data = '';
        socket.on('data', (chunk) => (data += chunk));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      assert.equal(reply, 'hello URI:spiffe://cluster.local/ns/shop/sa/checkout');
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it('stops between keys when cancelled, before anything is returned', async () => {
    const controller = new AbortController();
    const steps: string[] = [];
    const pending = createDevCa({
      keyType: 'rsa-2048',
      intermediate: true,
      signal: controller.signal,
      onStep: (step) => (steps.push(step), controller.abort()),
    });
    await assert.rejects(pending, /cancelled before any file was written/);
    assert.deepEqual(steps, ['Generating the root CA key (RSA 2048)']);
  });
});

// openssl itself is what the tests compare with; make sure it is there rather than skipping.
execFileSync('openssl', ['version']);
