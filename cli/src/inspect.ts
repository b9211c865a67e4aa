import { READ_CAPS, readAllSync, readBoundedSync, skipMessage, type BoundedBytes } from '../../common/src/files/boundedRead';
import { decodeFile } from '../../common/src/x509/decodeFile';
import { describeObject } from './describeObject';
import { parseOptions } from './options';
import { UsageError } from './usageError';

/** `mesh-mtls inspect [--json] FILE`: returns the exit code (0 all decoded, 1 some unreadable, 2 no file). */
export function inspect(args: string[]): number {
  const options = parseOptions('inspect', args, { flags: ['json'] });
  const files = options.positional;
  const json = options.flags.has('json');
  if (files.length !== 1) throw new UsageError(files.length === 0 ? 'inspect needs a FILE' : 'inspect takes one FILE');
  const [file] = files;
  const read = file === '-' ? readStandardInput() : readBoundedSync(file, { maxBytes: READ_CAPS.certificateBundle });
  if ('skipped' in read) {
    process.stderr.write(`mesh-mtls: ${skipMessage(read)}\n`);
    return 2;
  }
  const objects = decodeFile(read.bytes);
  if (json) {
    process.stdout.write(
      `${JSON.stringify(
        objects.map((o) => o.decoded),
        null,
        2,
      )}\n`,
    );
  } else {
    const now = new Date();
    process.stdout.write(objects.map((object, i) => describeObject(object, i, objects.length, now)).join('\n'));
  }
  return objects.some((o) => o.decoded.kind === 'unreadable') ? 1 : 0;
}

function readStandardInput(): BoundedBytes {
  const policy = { maxBytes: READ_CAPS.certificateBundle };
  try {
    return readAllSync(0, 'standard input', policy);
  } catch (error) {
    return { skipped: 'unreadable', file: 'standard input', detail: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
}
