// A few composable checks for values that cross a trust boundary (webview messages, restored
// webview state). A check answers whether a value has the shape; it never throws and never
// coerces, so a caller either gets the typed value or knows it must drop it.

export type Check<T> = (value: unknown) => value is T;

export const isString: Check<string> = (value): value is string => typeof value === 'string';
export const isBoolean: Check<boolean> = (value): value is boolean => typeof value === 'boolean';
export const isFiniteNumber: Check<number> = (value): value is number => typeof value === 'number' && Number.isFinite(value);
export const isIndex: Check<number> = (value): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

export function literal<const T extends string>(...allowed: T[]): Check<T> {
  return (value): value is T => typeof value === 'string' && (allowed as string[]).includes(value);
}

export function arrayOf<T>(item: Check<T>): Check<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.every(item);
}

type Fields = Record<string, Check<unknown>>;
type Checked<F extends Fields> = { [K in keyof F]: F[K] extends Check<infer T> ? T : never };

/** An object whose listed fields have these shapes; other keys are left alone (data models grow). */
export function record<R extends Fields, O extends Fields = Record<never, never>>(required: R, optional?: O): Check<Checked<R> & Partial<Checked<O>>> {
  return (value): value is Checked<R> & Partial<Checked<O>> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const fields = value as Record<string, unknown>;
    for (const [key, check] of Object.entries(required)) {
      if (!check(fields[key])) return false;
    }
    for (const [key, check] of Object.entries(optional ?? {})) {
      if (fields[key] !== undefined && !check(fields[key])) return false;
    }
    return true;
  };
}

/** Like `record`, but any key not listed is refused: a message carrying more than we send is not ours. */
export function exactRecord<R extends Fields, O extends Fields = Record<never, never>>(required: R, optional?: O): Check<Checked<R> & Partial<Checked<O>>> {
  const fields = record(required, optional);
  return (value): value is Checked<R> & Partial<Checked<O>> =>
    fields(value) && Object.keys(value as object).every((key) => key in required || (optional !== undefined && key in optional));
}

export function oneOf<T extends unknown[]>(...checks: { [K in keyof T]: Check<T[K]> }): Check<T[number]> {
  return (value): value is T[number] => checks.some((check) => check(value));
}
