import * as path from 'node:path';
import { createDevCa as mintDevCa, CA_DEFAULTS } from '../../../common/src/pki/mint';
import type { KeyType } from '../../../common/src/pki/keyPairs';
import { dnsNameProblem } from '../../../common/src/pki/nameChecks';
import { CA_FILES, caOutputFiles } from '../../../common/src/pki/pkiFiles';
import { spiffeIdProblem } from '../../../common/src/identity/spiffe';
import { runSteps, isRefusal, type Step } from '../input/multiStep';
import { choiceStep, folderStep, keyTypeStep, listStep, numberStep, wordStep } from '../mint/fields';
import { mintCommand, PRESET_OPTIONS, type MintPreset } from '../mint/mintCommand';
import { withKeyProgress } from '../mint/progress';
import { slug, shortPath, workspaceRoot } from '../mint/workspace';
import { writeMinted } from '../mint/writeMinted';

export interface CaAnswers {
  name: string;
  keyType: KeyType;
  rootDays: number;
  intermediate: boolean;
  intermediateDays: number;
  /** DNS subtrees the CA may certify ("shop.svc.cluster.local" holds itself and every name below). */
  permittedDns: string[];
  /** URI hosts it may certify: SPIFFE trust domains ("cluster.local" permits spiffe://cluster.local/…). */
  permittedUri: string[];
  /** Absolute; default `<first workspace folder>/.mesh-mtls/<slug of name>`. */
  out: string;
}

/** The options object of meshMtls.createDevCa: any answers (the rest take their defaults). */
export type CreateDevCaOptions = Partial<CaAnswers> & MintPreset;

/** X.509's upper bound for a common name (ub-common-name). */
const COMMON_NAME_MAX = 64;

function caNameProblem(name: string): string | undefined {
  if (name === '') return "give the CA a name: it becomes the certificate's common name";
  if (name.length > COMMON_NAME_MAX) return `the name is ${name.length} characters; a common name holds at most ${COMMON_NAME_MAX}`;
  return undefined;
}

/** A trust domain as a URI name constraint takes it: "cluster.local" or "spiffe://cluster.local". */
function trustDomainOf(text: string): string {
  return text.replace(/^spiffe:\/\//, '');
}

function trustDomainProblem(text: string): string | undefined {
  const domain = trustDomainOf(text);
  if (domain.includes('/')) return 'give the trust domain alone, without a path';
  return spiffeIdProblem(`spiffe://${domain.replace(/^\./, '')}`);
}

const STEPS: () => Array<Step<CaAnswers>> = () => [
  wordStep<CaAnswers>({ key: 'name', label: 'Name', prompt: "The CA's name (its certificate's common name)", problem: caNameProblem }),
  keyTypeStep<CaAnswers>('keyType', 'The key type of the CA'),
  numberStep<CaAnswers>({ key: 'rootDays', label: 'Root validity', prompt: () => 'How many days the root CA is valid', unit: () => 'days', max: 36_500 }),
  choiceStep<CaAnswers>({
    key: 'intermediate',
    label: 'Intermediate',
    placeholder: 'Sign leaves with the root, or with an intermediate under it?',
    no: ['Root only', 'The root signs certificates itself: the simplest CA'],
    yes: ['Root and intermediate', "The root signs an intermediate, which signs certificates: as Istio's and cert-manager's CAs usually are"],
  }),
  numberStep<CaAnswers>({
    key: 'intermediateDays',
    label: 'Intermediate validity',
    prompt: (state) => `How many days the intermediate CA is valid (at most the root's ${state.rootDays})`,
    unit: () => 'days',
    max: 36_500,
    limit: (state) => ({ max: state.rootDays, why: `the intermediate cannot outlive the root (${state.rootDays} days)` }),
    initial: (state) => Math.min(CA_DEFAULTS.intermediateDays, state.rootDays),
    when: (state) => state.intermediate,
  }),
  listStep<CaAnswers>({
    key: 'permittedDns',
    label: 'Permitted DNS domains',
    item: 'DNS domain',
    prompt: 'Optional name constraint: the DNS domains the CA may certify, comma or space separated (Enter for none)',
    placeholder: 'shop.svc.cluster.local, .example.com',
    problem: (domain) => dnsNameProblem(domain.replace(/^\./, '')),
  }),
  listStep<CaAnswers>({
    key: 'permittedUri',
    label: 'Permitted URI domains',
    item: 'Trust domain',
    prompt: 'Optional name constraint: the URI hosts or SPIFFE trust domains the CA may certify (Enter for none)',
    placeholder: 'cluster.local',
    problem: trustDomainProblem,
  }),
  folderStep<CaAnswers>({
    key: 'out',
    initial: (state) => (workspaceRoot() === undefined ? '' : path.join(workspaceRoot()!, '.mesh-mtls', slug(state.name))),
    files: (state) => [CA_FILES.rootCert, CA_FILES.rootKey, ...(state.intermediate ? [CA_FILES.intermediateCert, CA_FILES.intermediateKey] : [])],
  }),
];

/**
 * Creates a root CA, and an intermediate under it when asked, in a folder of the workspace
 * (`.mesh-mtls/<name>` by default) that Issue Certificate and the exports read.
 * Resolves with the files by role: rootCert, rootKey, and intermediateCert, intermediateKey.
 */
export const createDevCa = mintCommand('Create Dev CA', async (context, preset) => {
  const answers: CaAnswers = {
    name: CA_DEFAULTS.name,
    keyType: CA_DEFAULTS.keyType,
    rootDays: CA_DEFAULTS.rootDays,
    intermediate: false,
    intermediateDays: CA_DEFAULTS.intermediateDays,
    permittedDns: [],
    permittedUri: [],
    out: '',
  };
  const outcome = await runSteps('Create Dev CA', STEPS(), answers, preset, PRESET_OPTIONS);
  if (outcome === undefined || isRefusal(outcome)) return outcome;
  const { name, keyType, rootDays, intermediate, intermediateDays, permittedDns, permittedUri, out } = outcome.state;
  const constrained = permittedDns.length > 0 || permittedUri.length > 0;
  const ca = await withKeyProgress(`Creating the Dev CA "${name}"`, preset?.signal, (signal, onStep) =>
    mintDevCa({
      name,
      keyType,
      days: rootDays,
      intermediate: intermediate ? { days: intermediateDays } : false,
      nameConstraints: constrained ? { permittedDns, permittedUri: permittedUri.map(trustDomainOf) } : undefined,
      signal,
      onStep,
    }),
  );
  return writeMinted(context, {
    command: 'Create Dev CA',
    dir: out,
    files: caOutputFiles(ca),
    overwrite: preset?.overwrite,
    message: `Created the Dev CA "${name}"${intermediate ? ' with an intermediate' : ''} in ${shortPath(out)}; its keys are owner-only and git-ignored. Issue Certificate signs with it.`,
    primary: CA_FILES.rootCert,
  });
});
