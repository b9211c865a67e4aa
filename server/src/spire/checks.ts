import { parseGoDuration } from '../../../common/src/time/goDuration';
import { atLeast } from '../../../common/src/versions';
import { FEATURE_FLAGS, PLUGIN_TYPES, REMOVED_PLUGINS, type Side } from './catalog';
import type { HclEntry, HclKey, Range } from './hclReader';
import { Decoder, Findings, parseGoInt, Section, type SpireCode } from './model';

// Checks the server and the agent share: both parse trust domains, durations, log settings, key
// types, feature flags and the plugins block with the same SPIRE code.

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** One rule run: the findings so far and the decoder that feeds them. */
export class Run {
  readonly findings = new Findings();
  readonly decode = new Decoder(this.findings);

  /** `expandsEnv`: the file names environment variables, so it is started with -expandEnv and a command line of its own. */
  /** `versionOrigin`: where the target release was read, when the user named none (see targetRelease). */
  constructor(
    private readonly expandsEnv = false,
    readonly versionOrigin?: string,
  ) {}

  /**
   * A setting SPIRE cannot start without, which a command-line flag may give instead of the file.
   * SPIRE's images and charts pass only -config, so a missing setting is an error; a file started
   * with -expandEnv comes with its own command line (SPIRE's systemd units pass -dataDir there),
   * which may give it, so there it is a warning.
   */
  required(range: Range, code: SpireCode, message: string, flags: string): void {
    if (!this.expandsEnv) return this.findings.error(range, code, message);
    this.findings.warning(
      range,
      code,
      `${message.replace(/\.$/, '')}, or given by ${flags} on the command line: this file names environment variables, so it is started with -expandEnv and a command line of its own, and SPIRE refuses to start only when neither sets it.`,
    );
  }
}

/** Why go-spiffe refuses a trust domain name, or undefined when it takes it. */
export function trustDomainProblem(text: string): string | undefined {
  if (text === '') return 'it is empty';
  if (text.includes(':/')) return spiffeIdProblem(text);
  if (!/^[a-z0-9._-]+$/.test(text)) return 'only lowercase letters, digits, dots, dashes and underscores may be used';
  return undefined;
}

/** Why go-spiffe refuses a SPIFFE ID, or undefined when it takes it. */
export function spiffeIdProblem(text: string): string | undefined {
  if (text === '') return 'it is empty';
  if (!text.startsWith('spiffe://')) return 'it must start with spiffe://';
  const rest = text.slice('spiffe://'.length);
  const slash = rest.indexOf('/');
  const td = slash < 0 ? rest : rest.slice(0, slash);
  if (td === '') return 'the trust domain is missing';
  if (!/^[a-z0-9._-]+$/.test(td)) return 'the trust domain may use only lowercase letters, digits, dots, dashes and underscores';
  if (slash < 0) return undefined;
  const path = rest.slice(slash);
  if (path.endsWith('/')) return 'the path must not end with a slash';
  for (const segment of path.slice(1).split('/')) {
    if (segment === '') return 'the path has an empty segment';
    if (segment === '.' || segment === '..') return 'the path has a dot segment';
    if (!/^[A-Za-z0-9._-]+$/.test(segment)) return 'path segments may use only letters, digits, dots, dashes and underscores';
  }
  return undefined;
}

/** The trust domain a value names (the ID's domain when written as spiffe://...). */
export function trustDomainOf(text: string): string {
  return text.startsWith('spiffe://') ? text.slice(9).split('/')[0] : text;
}

/** `trust_domain`: required, go-spiffe's syntax, and SPIRE's length warning. */
export function checkTrustDomain(run: Run, section: Section): string | undefined {
  const entry = section.last('trust_domain');
  const text = run.decode.string(entry);
  if (!entry || text === '') {
    run.required(entry?.key.range ?? sectionRange(section), 'spire-required', `"trust_domain" must be set in the ${section.label} block.`, '-trustDomain');
    return undefined;
  }
  if (text === undefined) return undefined;
  const problem = trustDomainProblem(text);
  if (problem) {
    run.findings.error(entry.value.range, 'spire-trust-domain', `"${text}" is not a trust domain SPIRE accepts: ${problem}.`);
    return undefined;
  }
  // SPIRE measures the trust domain's name, not the spiffe:// form it may be written in.
  if (trustDomainOf(text).length > 255) {
    run.findings.warning(
      entry.value.range,
      'spire-trust-domain',
      'A trust domain longer than 255 characters breaks the SPIFFE specification; other SPIFFE software may refuse it.',
    );
  }
  return trustDomainOf(text);
}

/**
 * A Go duration string. Returns milliseconds, or undefined when absent, unset or refused (then
 * reported). SPIRE guards nearly every duration with `!= ""`, so an empty one is unset; the few it
 * parses unguarded (a pointer field, or one read whether or not it is given) pass `emptyIsUnset: false`.
 */
export function checkDuration(run: Run, entry: HclEntry | undefined, options: { emptyIsUnset?: boolean } = {}): number | undefined {
  const text = run.decode.string(entry);
  if (text === undefined || !entry) return undefined;
  if (text === '' && options.emptyIsUnset !== false) return undefined;
  const ms = parseGoDuration(text);
  if (ms === undefined) {
    const hint = /^\d+d$/.test(text) ? ' Go has no "d" unit; write hours, e.g. "24h".' : /^\d+$/.test(text) ? ' A number needs a unit, e.g. "30s".' : '';
    run.findings.error(entry.value.range, 'spire-duration', `"${text}" is not a Go duration, so SPIRE cannot read ${entry.key.text}.${hint}`);
  }
  return ms;
}

const LOG_LEVELS = ['panic', 'fatal', 'error', 'warn', 'warning', 'info', 'debug', 'trace'];

/** `log_level` (logrus, any case) and `log_format` (text or json, any case). */
export function checkLog(run: Run, section: Section): void {
  const level = section.last('log_level');
  const levelText = run.decode.string(level);
  if (level && levelText !== undefined && levelText !== '' && !LOG_LEVELS.includes(levelText.toLowerCase())) {
    run.findings.error(level.value.range, 'spire-log', `"${levelText}" is not a log level SPIRE knows; use one of ${LOG_LEVELS.join(', ')}.`);
  }
  const format = section.last('log_format');
  const formatText = run.decode.string(format);
  if (format && formatText !== undefined && !['', 'JSON', 'TEXT'].includes(formatText.toUpperCase())) {
    run.findings.error(format.value.range, 'spire-log', `"${formatText}" is not a log format SPIRE knows; use "text" or "json".`);
  }
  run.decode.bool(section.last('log_source_location'));
  run.decode.string(section.last('log_file'));
}

/** A key type name, compared ignoring case; an empty one is unset (SPIRE keeps its default). */
export function checkKeyType(run: Run, entry: HclEntry | undefined, allowed: string[]): void {
  const text = run.decode.string(entry);
  if (!entry || !text) return;
  if (!allowed.includes(text.toLowerCase())) {
    run.findings.error(
      entry.value.range,
      'spire-key-type',
      `"${text}" is not a key type SPIRE knows for "${entry.key.text}"; use one of ${allowed.join(', ')}.`,
    );
  }
}

/**
 * Whether Go's net.ResolveTCPAddr would take the host once SPIRE has joined it with the port
 * (hostnames are resolved at start-up; only their shape is checked here). `portKey` names the
 * setting a port written into the host belongs in.
 */
export function hostProblem(host: string, portKey = 'its own setting'): string | undefined {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare === '') return undefined;
  if (/^[0-9.]+$/.test(bare)) return isIPv4(bare) ? undefined : 'it is not an IPv4 address';
  if (bare.includes(':')) {
    if (isIPv6(bare)) return undefined;
    // JoinHostPort brackets a host with a colon, and "[0.0.0.0:8081]:8081" resolves to nothing.
    if (/^(\[[^\]]*\]|[^:[\]]*):\d*$/.test(host)) return `it carries a port, which SPIRE reads from ${portKey}`;
    return 'it is not an IPv6 address';
  }
  return /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/.test(bare)
    ? undefined
    : 'it is neither an IP address nor a host name';
}

function isIPv4(text: string): boolean {
  return /^(\d{1,3})(\.\d{1,3}){3}$/.test(text) && text.split('.').every((p) => Number(p) < 256);
}

/** Go's netip.ParseAddr for IPv6: hex groups of up to four digits, one "::", an IPv4 tail, a zone. */
function isIPv6(text: string): boolean {
  const percent = text.indexOf('%');
  if (percent === text.length - 1) return false;
  const address = percent < 0 ? text : text.slice(0, percent);
  const halves = address.split('::');
  if (halves.length > 2) return false;
  let groups = 0;
  for (const [i, half] of halves.entries()) {
    if (half === '') continue;
    const parts = half.split(':');
    for (const [j, part] of parts.entries()) {
      const last = i === halves.length - 1 && j === parts.length - 1;
      if (last && part.includes('.')) {
        if (!isIPv4(part) || part.split('.').some((p) => /^0\d/.test(p))) return false;
        groups += 2;
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) groups += 1;
      else return false;
    }
  }
  return halves.length === 2 ? groups < 8 : groups === 8;
}

export function checkPort(run: Run, entry: HclEntry | undefined, what: string): number | undefined {
  const port = run.decode.int(entry);
  if (entry && port !== undefined && (port < 0 || port > 65535)) {
    run.findings.error(entry.value.range, 'spire-bind-address', `${port} is not a TCP port, so SPIRE cannot ${what}; ports run from 0 to 65535.`);
  }
  return port;
}

/** `feature_flags`: unknown ones stop SPIRE; known ones are developer-only and logged. */
export function checkFeatureFlags(run: Run, experimental: Section | undefined): void {
  const flags = run.decode.strings(experimental?.last('feature_flags'));
  for (const flag of flags ?? []) {
    if (!FEATURE_FLAGS.includes(flag.value))
      run.findings.error(
        flag.range,
        'spire-feature-flag',
        `SPIRE knows no feature flag "${flag.value}" and will not start; known flags: ${FEATURE_FLAGS.join(', ')}.`,
      );
    else run.findings.warning(flag.range, 'spire-feature-flag', `"${flag.value}" is a developer feature flag; SPIRE warns when it is on.`);
  }
}

/** Where a user names the SPIRE release they run. */
const TARGET_SETTINGS = 'meshMtls.spire.version, spire.version in .mesh-mtls.yaml or --spire-version';

/** Whether the target release is older than `release` (never, without a target: the newest is meant). */
export function targetBefore(version: string | undefined, release: string): boolean {
  return version !== undefined && !atLeast(version, release);
}

/** How messages name the release the rules are judged at, and where it is set (or, inferred, read). */
export function targetRelease(version: string, origin?: string): string {
  return origin === undefined ? `SPIRE ${version}, the release you target (${TARGET_SETTINGS}),` : `SPIRE ${version}, the release ${origin} names,`;
}

/**
 * The keys a section decodes at the target release, and those it gained or lost (with the
 * release, "1.15.0"), as SPIRE's own config structs show them release by release.
 */
export interface KeyHistory {
  known: string[];
  removed?: Record<string, string>;
  added?: Record<string, string>;
  /** Removed keys no release decoded (only docs named them): refused whatever the target. */
  neverDecoded?: string[];
}

/** Keys SPIRE does not decode in a section it checks stop it with "unknown configuration detected". */
export function checkUnknownKeys(run: Run, section: Section | undefined, keys: string[] | KeyHistory, version?: string): void {
  if (!section) return;
  const history = Array.isArray(keys) ? { known: keys } : keys;
  const removed = history.removed ?? {};
  const added = history.added ?? {};
  // A target before a removal still decodes the key; one before an addition does not yet.
  const older = (release: string) => targetBefore(version, release);
  const lower = new Set([
    ...history.known.filter((key) => !(key in added && older(added[key]))),
    ...Object.keys(removed).filter((key) => older(removed[key]) && !history.neverDecoded?.includes(key)),
  ]);
  for (const { key } of section.entries()) {
    const name = key.text.toLowerCase();
    if (lower.has(name)) continue;
    const gone = removed[name];
    const since = added[name];
    if (gone)
      run.findings.error(
        key.range,
        'spire-removed-key',
        `SPIRE ${gone} removed "${key.text}" from the ${section.label} block; it is now an unknown key and stops SPIRE.`,
      );
    else if (since && version !== undefined)
      run.findings.error(
        key.range,
        'spire-unknown-key',
        `"${key.text}" came in SPIRE ${since}; ${targetRelease(version, run.versionOrigin)} does not know it in the ${section.label} block and refuses to start.`,
      );
    else
      run.findings.error(
        key.range,
        'spire-unknown-key',
        `SPIRE does not know "${key.text}" in the ${section.label} block and refuses to start with unknown keys there.`,
      );
  }
}

/** Where a finding about a whole block goes: the key naming it, or the start of the file. */
export function sectionRange(section: Section | undefined): Range {
  return section?.keyRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** Flags a top-level block given more than once where HCL v1's merge is unclear or surprising. */
export function checkRepeatedBlock(run: Run, root: Section, name: string): void {
  const all = root.all(name);
  for (const extra of all.slice(1)) {
    run.findings.warning(
      extra.key.range,
      'spire-duplicate-block',
      `"${name}" is given more than once; how SPIRE's HCL decoder combines repeated ${name} blocks is not defined, so keep them in one.`,
    );
  }
}

interface Plugin {
  type: HclKey;
  name: HclKey;
  body: Section;
}

/** The plugins block: (type, name) pairs from the first two keys on each path, as SPIRE walks them. */
function pluginsOf(plugins: Section): Plugin[] {
  const out: Plugin[] = [];
  for (const typeEntry of plugins.entries()) {
    const bodies = typeEntry.value.kind === 'list' ? typeEntry.value.items : [typeEntry.value];
    for (const body of bodies) {
      if (body.kind !== 'object') continue;
      for (const nameEntry of Section.of('plugin', [body]).entries()) {
        out.push({ type: typeEntry.key, name: nameEntry.key, body: Section.of(`${typeEntry.key.text} "${nameEntry.key.text}"`, [nameEntry.value]) });
      }
    }
  }
  return out;
}

/** Plugin types, counts, built-in names, and each plugin's own keys. */
export function checkPlugins(run: Run, plugins: Section, side: Side, options: { at?: Range; version?: string } = {}): void {
  const version = options.version;
  const types = PLUGIN_TYPES[side];
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  // Count findings go on the `plugins` key, not the whole block.
  const pluginsRange = options.at ?? sectionRange(plugins);
  for (const { type, name, body } of pluginsOf(plugins)) {
    const kind = types[type.text];
    if (!kind) {
      const other = Object.keys(types).find((t) => t.toLowerCase() === type.text.toLowerCase());
      const hint = other ? ` Plugin types are case-sensitive: write "${other}".` : ` The ${side} loads ${Object.keys(types).join(', ')}.`;
      run.findings.error(type.range, 'spire-plugin-type', `SPIRE ${side} has no plugin type "${type.text}".${hint}`);
      continue;
    }
    const id = `${type.text}/${name.text}`;
    if (seen.has(id)) run.findings.error(name.range, 'spire-plugin-config', `${type.text} "${name.text}" is declared twice; SPIRE refuses a repeated plugin.`);
    seen.add(id);
    const cmd = run.decode.string(body.last('plugin_cmd'));
    run.decode.strings(body.last('plugin_args'));
    const checksumEntry = body.last('plugin_checksum');
    const checksum = run.decode.string(checksumEntry);
    const enabledEntry = body.last('enabled');
    const enabled = run.decode.bool(enabledEntry);
    if (body.has('plugin_data') && body.has('plugin_data_file')) {
      run.findings.error(
        body.last('plugin_data_file')!.key.range,
        'spire-plugin-config',
        `${type.text} "${name.text}" sets both plugin_data and plugin_data_file; SPIRE takes only one.`,
      );
    }
    run.decode.string(body.last('plugin_data_file'));
    const external = !!cmd;
    const removedIn = REMOVED_PLUGINS[side][type.text]?.[name.text];
    // SPIRE takes the server's DataStore out of the plugin list before the catalog skips disabled
    // plugins, and loads it whatever `enabled` says.
    const alwaysLoaded = side === 'server' && type.text === 'DataStore';
    const counted = enabled !== false || alwaysLoaded;
    if (enabled === false && enabledEntry && alwaysLoaded) {
      run.findings.warning(
        enabledEntry.value.range,
        'spire-plugin-disabled',
        `SPIRE loads the server's DataStore whatever "enabled" says, so enabled = false has no effect on ${type.text} "${name.text}".`,
      );
    } else if (enabled === false && enabledEntry) {
      run.findings.information(
        enabledEntry.value.range,
        'spire-plugin-disabled',
        `${type.text} "${name.text}" is disabled: SPIRE skips it and it does not count toward the ${type.text} plugins.`,
      );
    }
    if (side === 'server' && type.text === 'DataStore' && (name.text !== 'sql' || external)) {
      run.findings.error(
        name.range,
        'spire-plugin-name',
        'SPIRE server supports only its built-in "sql" DataStore; other or external DataStores are no longer loaded.',
      );
    } else if (!external && counted && kind.builtIn[name.text] === undefined && !(removedIn && targetBefore(version, removedIn))) {
      const message = removedIn
        ? `SPIRE ${removedIn} removed the built-in ${type.text} "${name.text}"; without plugin_cmd it ${version === undefined ? 'no longer loads' : `does not load at SPIRE ${version}, the release ${run.versionOrigin === undefined ? 'you target' : `${run.versionOrigin} names`}`}. If you run an older SPIRE, name it with ${TARGET_SETTINGS} (e.g. 1.11).`
        : `SPIRE ${side} has no built-in ${type.text} "${name.text}"; set plugin_cmd for an external plugin, or use one of ${Object.keys(kind.builtIn).join(', ')}.`;
      run.findings.error(name.range, 'spire-plugin-name', message);
    } else if (!external && kind.builtIn[name.text]?.since) {
      const since = kind.builtIn[name.text].since!;
      if (counted && version !== undefined && targetBefore(version, since))
        run.findings.error(
          name.range,
          'spire-plugin-name',
          `The built-in ${type.text} "${name.text}" needs SPIRE ${since} or later; ${targetRelease(version, run.versionOrigin)} does not build it in and will not start without plugin_cmd.`,
        );
      else run.findings.information(name.range, 'spire-plugin-name', `The built-in ${type.text} "${name.text}" needs SPIRE ${since} or later.`);
    }
    if (external && counted && type.text === 'NodeAttestor' && name.text === 'join_token') {
      run.findings.error(name.range, 'spire-plugin-name', 'The built-in join_token node attestor cannot be replaced by an external plugin.');
    }
    // SPIRE verifies the checksum only of a plugin it loads, and takes an empty one as not configured.
    if (external && counted && checksumEntry && checksum) {
      if (!/^[0-9a-fA-F]*$/.test(checksum) || checksum.length % 2)
        run.findings.error(checksumEntry.value.range, 'spire-plugin-config', 'plugin_checksum must be the hex SHA-256 of the plugin binary.');
      else if (checksum.length !== 64)
        run.findings.error(
          checksumEntry.value.range,
          'spire-plugin-config',
          `plugin_checksum must be 64 hex digits (a SHA-256); this one has ${checksum.length}.`,
        );
    } else if (external && counted && (!checksumEntry || checksum === '')) {
      run.findings.warning(
        name.range,
        'spire-plugin-config',
        `${type.text} "${name.text}" runs an external binary without plugin_checksum; SPIRE warns that it cannot verify it.`,
      );
    }
    if (counted) counts.set(type.text, (counts.get(type.text) ?? 0) + 1);
  }
  for (const [typeName, kind] of Object.entries(types)) {
    const count = counts.get(typeName) ?? 0;
    if (count < kind.min) {
      run.findings.error(
        pluginsRange,
        'spire-plugin-count',
        `SPIRE ${side} needs ${kind.max === kind.min ? 'exactly' : 'at least'} ${kind.min} enabled ${typeName} plugin${kind.min > 1 ? 's' : ''}; this file has ${count}.`,
      );
    } else if (kind.max !== undefined && count > kind.max) {
      run.findings.error(
        pluginsRange,
        'spire-plugin-count',
        `SPIRE ${side} takes at most ${kind.max} enabled ${typeName} plugin${kind.max > 1 ? 's' : ''}; this file has ${count}.`,
      );
    }
  }
}

/** Whether a section is present but empty, for SPIRE's "set but empty" warnings. */
export function isEmpty(section: Section | undefined): boolean {
  return !!section && section.entries().length === 0;
}

/** How a Go field decodes, for telling whether a decoded struct is its zero value. */
export type FieldKind = 'string' | 'bool' | 'int' | 'pointer' | 'slice' | StructKind;
export interface StructKind {
  fields: Record<string, FieldKind>;
  /** Whether the struct has an unusedKeyPositions field, which HCL v1 fills when it has unknown keys. */
  keepsUnknownKeys: boolean;
}

/**
 * Whether the section decodes into a struct other than its zero value, as `cmp.Diff` against the
 * empty struct sees it: an empty string, false or 0 leaves a field zero; a pointer or a slice is
 * non-zero once given at all; unknown keys count only where the struct records them.
 */
export function decodesNonZero(section: Section, kind: StructKind): boolean {
  const fields = new Map(Object.entries(kind.fields).map(([name, field]) => [name.toLowerCase(), field]));
  const names = new Set(section.entries().map((e) => e.key.text.toLowerCase()));
  for (const name of names) {
    const field = fields.get(name);
    if (field === undefined) {
      if (kind.keepsUnknownKeys) return true;
      continue;
    }
    if (typeof field === 'object') {
      const nested = section.section(name);
      if (nested && decodesNonZero(nested, field)) return true;
      continue;
    }
    const v = section.last(name)!.value;
    if (v.kind === 'null') continue;
    // A list or a block where a scalar goes is a decode error, reported elsewhere; it counts as set.
    if (field === 'pointer' || field === 'slice' || v.kind === 'list' || v.kind === 'object') return true;
    if (field === 'bool' ? v.value === true : field === 'int' ? parseGoInt(String(v.value)) !== 0 : v.value !== '') return true;
  }
  return false;
}
