// "Run All Scenarios": a throw-away CA and certificates minted in memory, and the handshakes a
// mesh operator meets, each with the outcome and the failure it should have. A scenario that
// behaves otherwise is a bug in this tool or a change in the TLS stack, and says so.

import { privateKeyPem } from '../pki/keyPairs';
import { createDevCa, issueCertificate, type DevCa, type IssuedCertificate } from '../pki/mint';
import { certificatePem } from '../pki/pkiFiles';
import type { FailureCode } from './failures';
import { handshakeReport, type HandshakeReport } from './handshakeReport';
import { runHandshake, type HandshakeInput } from './runHandshake';

export interface Scenario {
  name: string;
  expected: 'success' | 'failure';
  /** The failure it must stop with, when expected to fail. */
  expectedFailure?: FailureCode;
  input: HandshakeInput;
}

export interface ScenarioResult {
  name: string;
  expected: 'success' | 'failure';
  actual: 'success' | 'failure';
  expectedFailure?: FailureCode;
  actualFailure?: FailureCode;
  /** Outcome and failure both as expected. */
  asExpected: boolean;
  report: HandshakeReport;
}

export const SERVER_NAME = 'web.shop.svc';
export const CLIENT_ID = 'spiffe://cluster.local/ns/shop/sa/checkout';
export const ALLOWED_CLIENT = 'cluster.local/ns/shop/sa/checkout';

const HOUR = 3600_000;
const pem = (ders: Uint8Array[]) => ders.map(certificatePem).join('');

function files(issued: IssuedCertificate, chain = true): { certPem: string; keyPem: string } {
  return { certPem: pem(chain ? issued.chain : [issued.certificate]), keyPem: privateKeyPem(issued.key) };
}

/** The scenario matrix over freshly minted certificates (ECDSA P-256, a root and an intermediate). */
export async function buildScenarios(now = new Date()): Promise<Scenario[]> {
  // Made three days ago, so an already expired client certificate can be issued under it.
  const ca: DevCa = await createDevCa({ name: 'Scenario Root CA', intermediate: true, now: new Date(now.getTime() - 72 * HOUR) });
  const otherCa = await createDevCa({ name: 'Other Mesh Root CA', intermediate: true, now });
  const server = await issueCertificate(ca, { profile: 'mtls', dns: [SERVER_NAME, `${SERVER_NAME}.cluster.local`], now });
  const client = await issueCertificate(ca, { profile: 'spiffe', spiffeId: CLIENT_ID, now });
  const expired = await issueCertificate(ca, { profile: 'spiffe', spiffeId: CLIENT_ID, now: new Date(now.getTime() - 48 * HOUR), hours: 1 });
  const foreign = await issueCertificate(otherCa, { profile: 'spiffe', spiffeId: CLIENT_ID, now });
  const intruder = await issueCertificate(ca, { profile: 'spiffe', spiffeId: 'spiffe://cluster.local/ns/shop/sa/intruder', now });
  const root = pem([ca.root.certificate]);
  const base = (overrides: Partial<HandshakeInput> = {}): HandshakeInput => ({
    server: { ...files(server), caPem: root },
    client: { ...files(client), caPem: root },
    mode: 'required',
    expectServerName: SERVER_NAME,
    allowClients: [ALLOWED_CLIENT],
    ...overrides,
  });
  return [
    { name: 'valid mTLS', expected: 'success', input: base() },
    {
      name: 'no client certificate against mTLS required',
      expected: 'failure',
      expectedFailure: 'no-client-certificate',
      input: base({ client: { caPem: root } }),
    },
    { name: 'plaintext against mTLS required', expected: 'failure', expectedFailure: 'plaintext-rejected', input: base({ client: { plaintext: true } }) },
    {
      name: 'plaintext against mTLS optional (PERMISSIVE)',
      expected: 'success',
      input: base({ mode: 'optional', client: { plaintext: true }, allowClients: undefined }),
    },
    { name: 'expired client certificate', expected: 'failure', expectedFailure: 'expired', input: base({ client: { ...files(expired), caPem: root } }) },
    {
      name: 'client certificate from another CA',
      expected: 'failure',
      expectedFailure: 'unknown-ca',
      input: base({ client: { ...files(foreign), caPem: root } }),
    },
    {
      name: 'unauthorized SPIFFE ID',
      expected: 'failure',
      expectedFailure: 'unauthorized-identity',
      input: base({ client: { ...files(intruder), caPem: root } }),
    },
    { name: 'server name mismatch', expected: 'failure', expectedFailure: 'name-mismatch', input: base({ expectServerName: 'payments.shop.svc' }) },
    {
      name: 'server sends no intermediate',
      expected: 'failure',
      expectedFailure: 'missing-intermediate',
      input: base({ server: { ...files(server, false), caPem: root } }),
    },
  ];
}

export async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const report = handshakeReport(scenario.input, await runHandshake(scenario.input));
  const actual = report.ok ? 'success' : 'failure';
  const result: ScenarioResult = {
    name: scenario.name,
    expected: scenario.expected,
    actual,
    asExpected: actual === scenario.expected && (scenario.expected === 'success' || report.error?.code === scenario.expectedFailure),
    report,
  };
  if (scenario.expectedFailure) result.expectedFailure = scenario.expectedFailure;
  if (report.error) result.actualFailure = report.error.code;
  return result;
}

export async function runScenarios(now = new Date()): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  // One at a time: each binds its own ports, and their timings stay readable.
  for (const scenario of await buildScenarios(now)) results.push(await runScenario(scenario));
  return results;
}
