import * as path from 'node:path';
import { isKeyType, KEY_TYPES, type KeyType } from '../../common/src/pki/keyPairs';
import { certManagerIssuerFiles, istioPluginCaFiles, linkerdIdentityFiles, tlsSecretFiles } from '../../common/src/pki/meshExports';
import { createDevCa, issueCertificate, MintError, PROFILES, type IssueRequest, type Profile } from '../../common/src/pki/mint';
import { expandService } from '../../common/src/pki/nameChecks';
import { OverwriteRefused, writeOutput, type OutputFile, type WriteResult } from '../../common/src/pki/outputFiles';
import { CaFolderError, caOutputFiles, leafBaseName, leafOutputFiles, readCaFolder, readIssuedFiles } from '../../common/src/pki/pkiFiles';
import { parseOptions, positiveNumber, type ParsedOptions } from './options';
import { UsageError } from './usageError';

/** Exit codes of the minting commands (also in --help). */
export const MINT_EXIT = { ok: 0, refused: 1, usage: 2, exists: 3 } as const;

function keyTypeOption(command: string, options: ParsedOptions): KeyType | undefined {
  const key = options.single.get('key');
  if (key === undefined) return undefined;
  if (!isKeyType(key)) throw new UsageError(`${command}: --key must be one of ${KEY_TYPES.join(', ')}, not "${key}"`);
  return key;
}

function required(command: string, options: ParsedOptions, name: string): string {
  const value = options.single.get(name);
  if (value === undefined) throw new UsageError(`${command} needs --${name} DIR`);
  return value;
}

function noPositional(command: string, options: ParsedOptions): void {
  if (options.positional.length) throw new UsageError(`${command}: unexpected argument "${options.positional[0]}"`);
}

/**
 * Writes the files and reports them: `{"files": {role: path}}` with --json, else a line per file.
 * Refusals (bad input, an unusable CA, files in the way) print one line on stderr and map to
 * their exit codes; key material never reaches either stream.
 */
function report(dir: string, files: Array<OutputFile & { role?: string }>, options: ParsedOptions, notes: string[] = []): number {
  let result: WriteResult;
  try {
    result = writeOutput(dir, files, { overwrite: options.flags.has('force') });
  } catch (error) {
    if (error instanceof OverwriteRefused) {
      process.stderr.write(`mesh-mtls: ${dir}: ${error.message}; pass --force to replace them\n`);
      return MINT_EXIT.exists;
    }
    process.stderr.write(`mesh-mtls: cannot write to ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return MINT_EXIT.usage;
  }
  for (const note of [...notes, ...result.warnings]) process.stderr.write(`mesh-mtls: ${note}\n`);
  const absolute = (name: string) => path.resolve(dir, name);
  if (options.flags.has('json')) {
    const byRole = Object.fromEntries(files.map((file) => [file.role ?? file.name, absolute(file.name)]));
    process.stdout.write(`${JSON.stringify({ files: byRole }, null, 2)}\n`);
  } else {
    for (const file of files)
      process.stdout.write(
        `${result.unchanged.includes(absolute(file.name)) ? 'kept ' : 'wrote'} ${absolute(file.name)}${file.secret ? ' (mode 0600)' : ''}\n`,
      );
    if (result.gitignore) process.stdout.write(`added the key files to ${result.gitignore}\n`);
  }
  return MINT_EXIT.ok;
}

/** The error of a refused request as one line; anything else is a bug and propagates. */
function refused(error: unknown): number {
  if (error instanceof MintError || error instanceof CaFolderError || error instanceof RangeError) {
    process.stderr.write(`mesh-mtls: ${error.message}\n`);
    return MINT_EXIT.refused;
  }
  throw error;
}

/** `mesh-mtls ca create --out DIR [--name CN] [--key TYPE] [--days N] [--intermediate] [--intermediate-days N] [--permit-dns DOMAIN]... [--force] [--json]` */
export async function caCreate(args: string[]): Promise<number> {
  const command = 'ca create';
  const options = parseOptions(command, args, {
    flags: ['intermediate', 'json', 'force'],
    single: ['out', 'name', 'key', 'days', 'intermediate-days'],
    repeated: ['permit-dns', 'permit-uri'],
  });
  noPositional(command, options);
  const out = required(command, options, 'out');
  const keyType = keyTypeOption(command, options);
  const days = positiveNumber(command, options, 'days');
  const intermediateDays = positiveNumber(command, options, 'intermediate-days');
  if (intermediateDays !== undefined && !options.flags.has('intermediate')) throw new UsageError(`${command}: --intermediate-days needs --intermediate`);
  const permittedDns = options.repeated.get('permit-dns');
  const permittedUri = options.repeated.get('permit-uri');
  try {
    const ca = await createDevCa({
      name: options.single.get('name'),
      keyType,
      days,
      intermediate: options.flags.has('intermediate') ? { days: intermediateDays } : false,
      nameConstraints: permittedDns || permittedUri ? { permittedDns, permittedUri } : undefined,
    });
    return report(out, caOutputFiles(ca), options);
  } catch (error) {
    return refused(error);
  }
}

/** `mesh-mtls cert issue --ca DIR --out DIR [--profile P] [--dns N]... [--ip IP]... [--uri URI]... [--spiffe-id ID] [--service SVC.NS]... [--hours N | --days N] [--key TYPE] [--name BASE] [--cn CN] [--force] [--json]` */
export async function certIssue(args: string[]): Promise<number> {
  const command = 'cert issue';
  const options = parseOptions(command, args, {
    flags: ['json', 'force'],
    single: ['ca', 'out', 'profile', 'spiffe-id', 'hours', 'days', 'key', 'name', 'cn', 'cluster-domain'],
    repeated: ['dns', 'ip', 'uri', 'service'],
  });
  noPositional(command, options);
  const caDir = required(command, options, 'ca');
  const out = required(command, options, 'out');
  const profile = (options.single.get('profile') ?? 'mtls') as Profile;
  if (!PROFILES.includes(profile)) throw new UsageError(`${command}: --profile must be one of ${PROFILES.join(', ')}, not "${profile}"`);
  const hours = positiveNumber(command, options, 'hours');
  const days = positiveNumber(command, options, 'days');
  if (hours !== undefined && days !== undefined) throw new UsageError(`${command}: give --hours or --days, not both`);
  try {
    const dns = [
      ...(options.repeated.get('dns') ?? []),
      ...(options.repeated.get('service') ?? []).flatMap((s) => expandService(s, undefined, options.single.get('cluster-domain'))),
    ];
    const request: IssueRequest = {
      profile,
      dns: [...new Set(dns)],
      ip: options.repeated.get('ip'),
      uri: options.repeated.get('uri'),
      spiffeId: options.single.get('spiffe-id'),
      keyType: keyTypeOption(command, options),
      hours,
      days,
      commonName: options.single.get('cn'),
    };
    const ca = readCaFolder(caDir);
    const issued = await issueCertificate(ca, request);
    return report(out, leafOutputFiles(options.single.get('name') ?? leafBaseName(request), issued), options, issued.notes);
  } catch (error) {
    return refused(error);
  }
}

const EXPORTS = ['istio', 'linkerd', 'tls-secret', 'cert-manager'] as const;

/** `mesh-mtls export istio|linkerd|cert-manager --ca DIR --out DIR`, `mesh-mtls export tls-secret --cert FILE --out DIR --name NAME --namespace NS` */
export async function exportFiles(args: string[]): Promise<number> {
  const [target, ...rest] = args;
  const command = `export ${target ?? ''}`.trim();
  if (!EXPORTS.includes(target as (typeof EXPORTS)[number])) throw new UsageError(`export needs one of ${EXPORTS.join(', ')}`);
  const options = parseOptions(command, rest, { flags: ['json', 'force'], single: ['ca', 'cert', 'out', 'name', 'namespace'] });
  noPositional(command, options);
  const out = required(command, options, 'out');
  try {
    switch (target) {
      case 'istio':
        return report(out, istioPluginCaFiles(readCaFolder(required(command, options, 'ca'))), options);
      case 'linkerd': {
        const { files, mintedIssuer } = await linkerdIdentityFiles(readCaFolder(required(command, options, 'ca')));
        return report(out, files, options, mintedIssuer ? ['the CA has no ECDSA P-256 intermediate, so an issuer for Linkerd was minted under its root'] : []);
      }
      case 'cert-manager':
        return report(
          out,
          certManagerIssuerFiles(
            readCaFolder(required(command, options, 'ca')),
            options.single.get('name') ?? 'mesh-mtls-ca',
            options.single.get('namespace') ?? 'default',
          ),
          options,
        );
      default: {
        const cert = options.single.get('cert');
        if (cert === undefined) throw new UsageError(`${command} needs --cert FILE (a certificate written by "cert issue")`);
        const base = path.basename(cert).replace(/\.pem$/, '');
        const files = tlsSecretFiles(
          readIssuedFiles(cert),
          options.single.get('name') ?? base.replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, ''),
          options.single.get('namespace') ?? 'default',
        );
        return report(out, files, options);
      }
    }
  } catch (error) {
    return refused(error);
  }
}
