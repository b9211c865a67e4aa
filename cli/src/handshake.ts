import { READ_CAPS, readTextBoundedSync, skipMessage } from '../../common/src/files/boundedRead';
import { handshakeReport, type HandshakeReport } from '../../common/src/handshake/handshakeReport';
import { EndpointInputProblem, probeEndpoint, RemoteHostRefused, type EndpointReport } from '../../common/src/handshake/endpointProbe';
import { runHandshake, type HandshakeInput, type TlsVersion } from '../../common/src/handshake/runHandshake';
import { runScenarios, type ScenarioResult } from '../../common/src/handshake/scenarios';
import { parseEndpoint } from '../../common/src/webview/handshakeForm';
import { objectName } from '../../common/src/x509/objectName';
import { parseOptions, positiveNumber, type ParsedOptions } from './options';
import { UsageError } from './usageError';

const MODES = ['required', 'optional', 'tls', 'plaintext'] as const;
const VERSIONS: TlsVersion[] = ['TLSv1.2', 'TLSv1.3'];

function read(option: string, file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  const read = readTextBoundedSync(file, { maxBytes: READ_CAPS.keyOrCertificate });
  if ('skipped' in read) throw new UsageError(`--${option}: ${skipMessage(read)}`);
  return read.text;
}

function version(options: ParsedOptions, name: string): TlsVersion | undefined {
  const value = options.single.get(name);
  if (value === undefined) return undefined;
  const normal = value.replace(/^tls/i, 'TLSv').replace(/^TLSvv/, 'TLSv') as TlsVersion;
  if (!VERSIONS.includes(normal)) throw new UsageError(`handshake: --${name} must be TLSv1.2 or TLSv1.3, not "${value}"`);
  return normal;
}

const OUTCOME = { pass: 'pass', fail: 'FAIL', skip: ' n/a' } as const;

function text(report: HandshakeReport): string {
  const width = Math.max(...report.steps.map((s) => s.name.length));
  const lines = [
    `mTLS handshake: ${report.ok ? 'passed' : `FAILED at "${report.error?.step ?? 'the end'}"`}${report.protocol ? ` (${report.protocol}, ${report.cipher})` : ''}, ${report.durationMs.toFixed(1)} ms`,
  ];
  for (const step of report.steps)
    lines.push(
      `  ${OUTCOME[step.outcome]}  ${step.name.padEnd(width)}  ${step.at === undefined ? '        ' : `${step.at.toFixed(1).padStart(6)} ms`}  ${step.detail}`,
    );
  if (report.serverChain.length) lines.push(`Server chain: ${report.serverChain.map(objectName).join(' → ')}`);
  if (report.clientIdentity) lines.push(`Client identity: ${report.clientIdentity}`);
  if (report.error) lines.push(`Why: ${report.error.reason}`, `Fix: ${report.error.fix}`);
  return `${lines.join('\n')}\n`;
}

function jsonOf(report: HandshakeReport) {
  return {
    ok: report.ok,
    mode: report.mode,
    protocol: report.protocol ?? null,
    cipher: report.cipher ?? null,
    steps: report.steps.map((s) => ({
      name: s.name,
      outcome: s.outcome,
      at: s.at ?? null,
      explanation: s.failure ? `${s.detail} ${s.failure.reason}` : s.detail,
      ...(s.failure ? { fix: s.failure.fix, code: s.failure.code } : {}),
    })),
    ...(report.error ? { error: { step: report.error.step, code: report.error.code, reason: report.error.reason, fix: report.error.fix } } : {}),
    serverChain: report.serverChain.map((c) => ({ subject: c.subject, issuer: c.issuer, notAfter: c.notAfter })),
    clientChain: report.clientChain.map((c) => ({ subject: c.subject, issuer: c.issuer, notAfter: c.notAfter })),
    clientIdentity: report.clientIdentity ?? null,
    durationMs: report.durationMs,
    wire: report.wire,
  };
}

function scenarioText(results: ScenarioResult[]): string {
  const width = Math.max(...results.map((r) => r.name.length));
  const lines = results.map(
    (r) =>
      `  ${r.asExpected ? 'ok ' : 'BAD'}  ${r.name.padEnd(width)}  expected ${r.expectedFailure ? `failure (${r.expectedFailure})` : r.expected}, got ${r.actualFailure ? `failure (${r.actualFailure})` : r.actual}`,
  );
  return `mTLS scenarios: ${results.filter((r) => r.asExpected).length} of ${results.length} as expected\n${lines.join('\n')}\n`;
}

function endpointText(report: EndpointReport): string {
  const lines = [
    `${report.host}:${report.port}: ${report.ok ? 'handshake completed' : 'handshake failed'}${report.protocol ? ` (${report.protocol}, ${report.cipher})` : ''}`,
  ];
  lines.push(`  presented: ${report.serverChain.length ? report.serverChain.map(objectName).join(' → ') : 'nothing'}`);
  lines.push(
    `  client certificate: ${report.certificateRequested === undefined ? 'request not seen' : report.certificateRequested ? 'requested' : 'not requested'}, ${report.clientCertificateSent ? 'sent' : 'none sent'}`,
  );
  for (const failure of [report.verifyFailure, report.serverRefusal?.failure]) if (failure) lines.push(`  Why: ${failure.reason}`, `  Fix: ${failure.fix}`);
  return `${lines.join('\n')}\n`;
}

/** `mesh-mtls handshake …`: exit 0 when the handshake succeeded and the client was let in (every scenario as expected, with --scenarios), 1 otherwise, 2 for a wrong command line or client files that do not load with --connect. */
export async function handshake(args: string[]): Promise<number> {
  const options = parseOptions('handshake', args, {
    flags: ['json', 'scenarios', 'allow-remote'],
    single: [
      'server-cert',
      'server-key',
      'server-ca',
      'client-cert',
      'client-key',
      'client-ca',
      'mode',
      'expect-server-name',
      'server-tls-min',
      'server-tls-max',
      'client-tls-min',
      'client-tls-max',
      'timeout',
      'connect',
    ],
    repeated: ['allow-client'],
  });
  if (options.positional.length) throw new UsageError(`handshake: unexpected argument "${options.positional[0]}"`);
  const json = options.flags.has('json');
  if (options.flags.has('scenarios')) {
    const results = await runScenarios();
    process.stdout.write(
      json
        ? `${JSON.stringify({ scenarios: results.map((r) => ({ name: r.name, expected: r.expected, actual: r.actual, expectedFailure: r.expectedFailure ?? null, actualFailure: r.actualFailure ?? null, asExpected: r.asExpected, reason: r.report.error?.reason ?? null, durationMs: r.report.durationMs })) }, null, 2)}\n`
        : scenarioText(results),
    );
    return results.every((r) => r.asExpected) ? 0 : 1;
  }
  const timeoutMs = positiveNumber('handshake', options, 'timeout');
  const client = {
    certPem: read('client-cert', options.single.get('client-cert')),
    keyPem: read('client-key', options.single.get('client-key')),
    caPem: read('client-ca', options.single.get('client-ca')),
  };
  if ((client.certPem === undefined) !== (client.keyPem === undefined)) throw new UsageError('handshake: give --client-cert and --client-key together');
  const connect = options.single.get('connect');
  if (connect !== undefined) {
    const endpoint = parseEndpoint(connect);
    const unbracketed = /:.*:/.test(connect) && !connect.startsWith('[') ? ' An IPv6 address goes in brackets: [::1]:8443.' : '';
    if ('problem' in endpoint) throw new UsageError(`handshake: --connect: ${endpoint.problem}${unbracketed}`);
    let report: EndpointReport;
    try {
      report = await probeEndpoint({
        host: endpoint.host,
        port: endpoint.port,
        client,
        expectServerName: options.single.get('expect-server-name'),
        versions: { min: version(options, 'client-tls-min'), max: version(options, 'client-tls-max') },
        timeoutMs,
        allowRemote: options.flags.has('allow-remote'),
      });
    } catch (error) {
      if (error instanceof RemoteHostRefused) throw new UsageError(`handshake: ${error.message} (pass --allow-remote)`);
      if (!(error instanceof EndpointInputProblem)) throw error;
      if (error.about === 'endpoint') throw new UsageError(`handshake: --connect: ${error.message}`);
      // Files that do not load are not a wrong command line: one line, as for a file that cannot be read.
      process.stderr.write(`mesh-mtls: handshake: ${error.message}\n`);
      return 2;
    }
    process.stdout.write(
      json
        ? `${JSON.stringify({ ...report, serverChain: report.serverChain.map((c) => ({ subject: c.subject, issuer: c.issuer, notAfter: c.notAfter })) }, null, 2)}\n`
        : endpointText(report),
    );
    return report.ok ? 0 : 1;
  }
  const serverCert = options.single.get('server-cert');
  const serverKey = options.single.get('server-key');
  if (!serverCert || !serverKey) throw new UsageError('handshake needs --server-cert and --server-key (or --scenarios, or --connect HOST:PORT)');
  const mode = options.single.get('mode') ?? 'required';
  if (!(MODES as readonly string[]).includes(mode)) throw new UsageError(`handshake: --mode must be one of ${MODES.join(', ')}, not "${mode}"`);
  const input: HandshakeInput = {
    server: { certPem: read('server-cert', serverCert)!, keyPem: read('server-key', serverKey)!, caPem: read('server-ca', options.single.get('server-ca')) },
    client: mode === 'plaintext' ? { plaintext: true } : client,
    // A plaintext client is tested against a server that requires mTLS, as STRICT does.
    mode: mode === 'plaintext' ? 'required' : (mode as HandshakeInput['mode']),
    serverVersions: { min: version(options, 'server-tls-min'), max: version(options, 'server-tls-max') },
    clientVersions: { min: version(options, 'client-tls-min'), max: version(options, 'client-tls-max') },
    expectServerName: options.single.get('expect-server-name'),
    allowClients: options.repeated.get('allow-client'),
    timeoutMs,
  };
  const report = handshakeReport(input, await runHandshake(input));
  process.stdout.write(json ? `${JSON.stringify(jsonOf(report), null, 2)}\n` : text(report));
  return report.ok ? 0 : 1;
}
