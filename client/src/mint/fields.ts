import { KEY_TYPE_NAMES, KEY_TYPES, type KeyType } from '../../../common/src/pki/keyPairs';
import { kubernetesNameProblem } from '../../../common/src/pki/nameChecks';
import { pickStep, refusal, textStep, type Refusal, type Step } from '../input/multiStep';
import { readFolder, typedFolder } from './workspace';

// The kinds of question the minting commands ask, each with the check its answer must pass.
// `Keys<S, V>` limits a step to the state properties of its value type.

export type Keys<S, V> = { [K in keyof S & string]: S[K] extends V ? (V extends S[K] ? K : never) : never }[keyof S & string];

const isString = (raw: unknown): raw is string => typeof raw === 'string';
const isNumber = (raw: unknown): raw is number => typeof raw === 'number';
const isStringList = (raw: unknown): raw is string[] => Array.isArray(raw) && raw.every(isString);

/** A positive number, up to `max`: a lifetime in days or hours. */
export function numberStep<S>(spec: {
  key: Keys<S, number>;
  label: string;
  prompt: (state: S) => string;
  unit: (state: S) => string;
  max: number;
  /** A bound set by an earlier answer, and why. */
  limit?: (state: S) => { max: number; why: string };
  initial?: (state: S) => number;
  when?: (state: S) => boolean;
}): Step<S> {
  return textStep<S, Keys<S, number>>({
    key: spec.key,
    label: spec.label,
    prompt: spec.prompt,
    when: spec.when,
    initial: spec.initial as ((state: S) => S[Keys<S, number>]) | undefined,
    format: (value) => String(value),
    accepts: isNumber as (raw: unknown) => raw is S[Keys<S, number>],
    read(text, state) {
      const value = Number(text.trim());
      const unit = spec.unit(state);
      if (text.trim() === '' || !Number.isFinite(value) || value <= 0) return refusal(`${spec.label}: give a positive number of ${unit}`);
      if (value > spec.max) return refusal(`${spec.label}: at most ${spec.max} ${unit}`);
      const limit = spec.limit?.(state);
      if (limit && value > limit.max) return refusal(`${spec.label}: ${limit.why}`);
      return value as S[Keys<S, number>];
    },
  });
}

/** Items separated by commas or white space. */
export function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter((item) => item !== '');
}

/** A list, each item checked: DNS names, IPs, URIs, services, permitted domains. Empty is allowed. */
export function listStep<S>(spec: {
  key: Keys<S, string[]>;
  label: string;
  /** One item's name in a reason: `DNS name "x": …`. */
  item: string;
  prompt: string;
  placeholder: string;
  problem: (item: string) => string | undefined;
  /** A check of the whole answer against the earlier ones (a server certificate needs a name). */
  whole?: (list: string[], state: S) => string | undefined;
  explain?: (list: string[], state: S) => string | undefined;
  when?: (state: S) => boolean;
}): Step<S> {
  type V = S[Keys<S, string[]>];
  return textStep<S, Keys<S, string[]>>({
    key: spec.key,
    label: spec.label,
    prompt: spec.prompt,
    placeholder: spec.placeholder,
    when: spec.when,
    format: (value) => (value as string[]).join(', '),
    accepts: isStringList as (raw: unknown) => raw is V,
    read(text, state) {
      const list = [...new Set(splitList(text))];
      for (const item of list) {
        const problem = spec.problem(item);
        if (problem !== undefined) return refusal(`${spec.item} "${item}": ${problem}`);
      }
      const whole = spec.whole?.(list, state);
      return whole === undefined ? (list as V) : refusal(whole);
    },
    explain: spec.explain && ((value, state) => spec.explain!(value as string[], state)),
  });
}

/** One word of text: a Kubernetes name, a trust domain, a CA name. */
export function wordStep<S>(spec: {
  key: Keys<S, string>;
  label: string;
  prompt: string | ((state: S) => string);
  placeholder?: string;
  problem: (text: string) => string | undefined;
  initial?: (state: S) => string;
  when?: (state: S) => boolean;
}): Step<S> {
  type V = S[Keys<S, string>];
  return textStep<S, Keys<S, string>>({
    key: spec.key,
    label: spec.label,
    prompt: spec.prompt,
    placeholder: spec.placeholder,
    when: spec.when,
    initial: spec.initial as ((state: S) => V) | undefined,
    format: (value) => value as string,
    accepts: isString as (raw: unknown) => raw is V,
    read(text) {
      const value = text.trim();
      const problem = spec.problem(value);
      return problem === undefined ? (value as V) : refusal(problem);
    },
  });
}

/** A Kubernetes object name or namespace (RFC 1123 label). */
export function kubernetesNameStep<S>(spec: {
  key: Keys<S, string>;
  label: string;
  what: string;
  prompt: string | ((state: S) => string);
  initial?: (state: S) => string;
  when?: (state: S) => boolean;
}): Step<S> {
  return wordStep({ ...spec, problem: (text) => kubernetesNameProblem(text, spec.what) });
}

/** The namespace of what is written, "default" unless asked otherwise. */
export function namespaceStep<S extends { namespace: string }>(prompt: string, when?: (state: S) => boolean): Step<S> {
  return kubernetesNameStep<S>({ key: 'namespace' as Keys<S, string>, label: 'Namespace', what: 'namespace', prompt, when });
}

/** The folder the files go to; `initial` proposes one from the earlier answers. `files` names what will be written there. */
export function folderStep<S>(spec: { key: Keys<S, string>; initial: (state: S) => string; files: (state: S) => string[] }): Step<S> {
  type V = S[Keys<S, string>];
  return textStep<S, Keys<S, string>>({
    key: spec.key,
    label: 'Output folder',
    prompt: 'The folder to write to (relative to the workspace, or absolute)',
    initial: spec.initial as (state: S) => V,
    format: (value) => typedFolder(value as string),
    accepts: isString as (raw: unknown) => raw is V,
    read: (text) => readFolder(text) as V | Refusal,
    explain: (_value, state) => `Writes ${spec.files(state).join(', ')}; keys owner-only (0600), listed in the folder's .gitignore`,
  });
}

const KEY_TYPE_DETAILS: Record<KeyType, string> = {
  'ecdsa-p256': 'The default: fast, small, accepted by Istio, Linkerd and every TLS stack',
  'ecdsa-p384': 'A larger curve, for policies that ask for it',
  'rsa-2048': 'For peers that only speak RSA',
  'rsa-3072': 'RSA at the strength NIST asks for beyond 2030',
  'rsa-4096': 'Slow to generate (seconds); for policies that ask for it',
  ed25519: 'Small and fast, but Istio and Linkerd do not accept it for CAs',
};

/** The key type, ECDSA P-256 first and offered. */
export function keyTypeStep<S>(key: Keys<S, KeyType>, placeholder: string): Step<S> {
  type V = S[Keys<S, KeyType>];
  return pickStep<S, Keys<S, KeyType>>({
    key,
    label: 'Key type',
    placeholder,
    items: () => KEY_TYPES.map((type) => ({ label: KEY_TYPE_NAMES[type], description: type, detail: KEY_TYPE_DETAILS[type], value: type as V })),
  });
}

/** Yes or no, as two items saying what each means. */
export function choiceStep<S>(spec: { key: Keys<S, boolean>; label: string; placeholder: string; no: [string, string]; yes: [string, string] }): Step<S> {
  type V = S[Keys<S, boolean>];
  return pickStep<S, Keys<S, boolean>>({
    key: spec.key,
    label: spec.label,
    placeholder: spec.placeholder,
    items: () => [
      { label: spec.no[0], detail: spec.no[1], value: false as V },
      { label: spec.yes[0], detail: spec.yes[1], value: true as V },
    ],
  });
}
