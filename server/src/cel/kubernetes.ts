// The CEL libraries Kubernetes adds for x-kubernetes-validations rules (k8s.io/apiserver/pkg/cel/library)
// that CRD rules call: Go durations, URLs, and the string extensions.
import { celFunc, celMethod, CelScalar, celError, objectType, type CelFunc } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { create } from '@bufbuild/protobuf';
import { DurationSchema, type Duration } from '@bufbuild/protobuf/wkt';
import { parseGoDuration } from '../../../common/src/time/goDuration';

/** A Go duration string ("1h30m", "250ms") read by the project's one reader of them; undefined when it is not one. */
export function parseDuration(text: string): Duration | undefined {
  const ms = parseGoDuration(text);
  if (ms === undefined) return undefined;
  // Go keeps whole nanoseconds; the reader's milliseconds carry float error in the last place.
  const nanos = BigInt(Math.round(ms * 1e6));
  return create(DurationSchema, { seconds: nanos / 1_000_000_000n, nanos: Number(nanos % 1_000_000_000n) });
}

export type { Duration };

const DURATION = objectType(DurationSchema);

/** Kubernetes' url() takes an absolute URI or an absolute path; anything else is an error. */
function parseUrl(text: string): URL | undefined {
  try {
    return text.startsWith('/') ? new URL(text, 'http://_') : new URL(text);
  } catch {
    return undefined;
  }
}

// url() has no value type of its own in the library, so a URL travels as its text and the
// get*() methods read it again; url() is the one that refuses what is not a URL.
function urlPart(read: (url: URL, text: string) => string): (this: string) => string {
  return function (this: string) {
    const url = parseUrl(this);
    if (!url) throw celError(`${JSON.stringify(this)} is not a URL`);
    return read(url, this);
  };
}

export const kubernetesFuncs: CelFunc[] = [
  ...strings,
  celFunc('duration', [CelScalar.STRING], DURATION, (text: string) => {
    const duration = parseDuration(text);
    if (!duration) throw celError(`${JSON.stringify(text)} is not a duration`);
    return duration;
  }),
  celFunc('url', [CelScalar.STRING], CelScalar.STRING, (text: string) => {
    if (!parseUrl(text)) throw celError(`${JSON.stringify(text)} is not a URL`);
    return text;
  }),
  celFunc('isURL', [CelScalar.STRING], CelScalar.BOOL, (text: string) => parseUrl(text) !== undefined),
  celMethod(
    'getScheme',
    CelScalar.STRING,
    [],
    CelScalar.STRING,
    urlPart((url, text) => (text.startsWith('/') ? '' : url.protocol.replace(/:$/, ''))),
  ),
  celMethod(
    'getHost',
    CelScalar.STRING,
    [],
    CelScalar.STRING,
    urlPart((url, text) => (text.startsWith('/') ? '' : url.host)),
  ),
  celMethod(
    'getHostname',
    CelScalar.STRING,
    [],
    CelScalar.STRING,
    urlPart((url, text) => (text.startsWith('/') ? '' : url.hostname.replace(/^\[|\]$/g, ''))),
  ),
  celMethod(
    'getPort',
    CelScalar.STRING,
    [],
    CelScalar.STRING,
    urlPart((url, text) => (text.startsWith('/') ? '' : url.port)),
  ),
  celMethod(
    'getEscapedPath',
    CelScalar.STRING,
    [],
    CelScalar.STRING,
    urlPart((url) => url.pathname),
  ),
];
