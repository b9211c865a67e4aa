import type { ConformanceCase } from './conformanceCase';

// Builders for SPIRE conformance cases. SPIRE's run_test.go tables start from a valid config
// (defaultValidConfig) and change a few fields; here the same base is written as a file and a
// case's lines go at the end of its block, where HCL v1 lets a later value win.

/** spiffe/spire at tag v1.15.3, the release the SPIRE rules follow. */
export const SPIRE_AT = 'spiffe/spire@2f7861ae';

export function serverText(lines = '', after = ''): string {
  return `server {\n  data_dir = "."\n  trust_domain = "example.org"\n${indent(lines)}}\nplugins {}\n${after}`;
}

export function agentText(lines = '', after = ''): string {
  return `agent {\n  data_dir = "."\n  server_address = "192.168.1.1"\n  server_port = 1337\n  trust_bundle_path = "conf/agent/dummy_root_ca.crt"\n  trust_domain = "example.org"\n${indent(lines)}}\nplugins {}\n${after}`;
}

function indent(lines: string): string {
  return lines
    ? lines
        .split('\n')
        .map((l) => `  ${l}\n`)
        .join('')
    : '';
}

type Extra = Pick<ConformanceCase, 'differs' | 'warning'>;

export function serverCase(name: string, valid: boolean, lines: string, extra: Extra & { after?: string } = {}): ConformanceCase {
  const { after, ...rest } = extra;
  return { name, valid, yaml: '', spire: { side: 'server', text: serverText(lines, after) }, ...rest };
}

export function agentCase(name: string, valid: boolean, lines: string, extra: Extra & { after?: string } = {}): ConformanceCase {
  const { after, ...rest } = extra;
  return { name, valid, yaml: '', spire: { side: 'agent', text: agentText(lines, after) }, ...rest };
}

/** A case whose whole file is given. */
export function fileCase(
  name: string,
  valid: boolean,
  side: 'server' | 'agent',
  text: string,
  extra: Extra & { scope?: 'config' | 'run' } = {},
): ConformanceCase {
  const { scope, ...rest } = extra;
  return { name, valid, yaml: '', spire: { side, text, scope }, ...rest };
}

const UNKNOWN_12 = 'unknown_option1 = "unknown_option1"\nunknown_option2 = "unknown_option2"';
const UNKNOWN_34 = 'unknown_option3 = "unknown_option3"\nunknown_option4 = "unknown_option4"';

/** The two unknown keys SPIRE's test/fixture/config/*_bad_*.conf files put in a block. */
export const UNKNOWN_KEYS = UNKNOWN_12;

export function block(open: string, body: string): string {
  return `${open} {\n${body}\n}`;
}

/**
 * The TestWarnOnUnknownConfig cases the server and the agent share (the root, the telemetry sinks,
 * health_checks), each fixture's block added after a valid file built by `make`.
 */
export function sharedUnknownKeyCases(make: (name: string, valid: boolean, lines: string, extra: { after: string }) => ConformanceCase): ConformanceCase[] {
  const twoItems = `[\n{\n${UNKNOWN_12}\n},\n{\n${UNKNOWN_34}\n},\n]`;
  const telemetry = (body: string) => ({ after: block('telemetry', body) });
  return [
    make('in root block', false, '', { after: UNKNOWN_12 }),
    make('in nested Prometheus block', false, '', telemetry(block('Prometheus', UNKNOWN_12))),
    make('in nested DogStatsd block', false, '', telemetry(`DogStatsd = ${twoItems}`)),
    make('in nested Statsd block', false, '', telemetry(`${block('Statsd "sink-one"', UNKNOWN_12)}\n${block('Statsd "sink-two"', UNKNOWN_34)}`)),
    make('in nested M3 block', false, '', telemetry(`M3 = ${twoItems}`)),
    make('in nested InMem block', false, '', telemetry(block('InMem', UNKNOWN_12))),
    make('in nested health_checks block', false, '', { after: block('health_checks', UNKNOWN_12) }),
  ];
}
