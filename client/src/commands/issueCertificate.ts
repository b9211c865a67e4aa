import * as path from 'node:path';
import type { KeyType } from '../../../common/src/pki/keyPairs';
import { issueCertificate as issue, issueRequestProblems, PROFILE_DESCRIPTIONS, PROFILES, type IssueRequest, type Profile } from '../../../common/src/pki/mint';
import { dnsNameProblem, expandService, ipAddressProblem, uriProblem, workloadSpiffeId } from '../../../common/src/pki/nameChecks';
import { CA_FILES, leafBaseName, leafOutputFiles } from '../../../common/src/pki/pkiFiles';
import { spiffeIdProblem } from '../../../common/src/identity/spiffe';
import { isRefusal, pickStep, runSteps, type Step } from '../input/multiStep';
import { folderStep, keyTypeStep, kubernetesNameStep, listStep, namespaceStep, numberStep, wordStep } from '../mint/fields';
import { mintCommand, PRESET_OPTIONS, type MintPreset } from '../mint/mintCommand';
import { withKeyProgress } from '../mint/progress';
import { caStep } from '../mint/sourceSteps';
import { shortPath } from '../mint/workspace';
import type { FoundCa } from '../mint/workspaceCas';
import { writeMinted } from '../mint/writeMinted';

export interface IssueAnswers {
  ca: FoundCa | undefined;
  profile: Profile;
  /** The client profile's name when it has no SAN to go by. */
  commonName: string;
  /** The SPIFFE profile's identity: spiffe://<trustDomain>/ns/<namespace>/sa/<serviceAccount>. */
  trustDomain: string;
  namespace: string;
  serviceAccount: string;
  /** Kubernetes services as NAME.NAMESPACE, each giving its four DNS names. */
  services: string[];
  dns: string[];
  ip: string[];
  uri: string[];
  keyType: KeyType;
  /** Hours for the SPIFFE profile, days for the others. */
  lifetime: number;
  out: string;
}

/**
 * The options object of meshMtls.issueCertificate: `ca` is the path of a Create Dev CA folder
 * or of a CA certificate file with its key beside it; any other answer may be left out.
 */
export type IssueCertificateOptions = Partial<Omit<IssueAnswers, 'ca'>> & { ca?: string } & MintPreset;

const PROFILE_LABELS: Record<Profile, string> = { server: 'Server', client: 'Client', mtls: 'mTLS workload', spiffe: 'SPIFFE workload' };
const HOURS_MAX = 24 * 366;
const COMMON_NAME_MAX = 64;

const isSpiffe = (answers: IssueAnswers) => answers.profile === 'spiffe';

function serviceNames(services: string[]): string[] {
  return services.flatMap((service) => expandService(service));
}

function spiffeIdOf(answers: IssueAnswers): string {
  return workloadSpiffeId(answers.trustDomain, answers.namespace, answers.serviceAccount);
}

/** The engine's request from the answers: the services' names first, then the DNS names typed. */
export function issueRequest(answers: IssueAnswers): IssueRequest {
  const spiffe = isSpiffe(answers);
  return {
    profile: answers.profile,
    commonName: answers.commonName || undefined,
    dns: [...new Set([...serviceNames(answers.services), ...answers.dns])],
    ip: answers.ip,
    uri: spiffe ? [] : answers.uri,
    spiffeId: spiffe ? spiffeIdOf(answers) : undefined,
    keyType: answers.keyType,
    ...(spiffe ? { hours: answers.lifetime } : { days: answers.lifetime }),
  };
}

/** The trust domain a CA constrains its URIs to, which is the one its SPIFFE workloads must use. */
function constrainedTrustDomain(ca: FoundCa | undefined): string | undefined {
  const constraints = (ca?.intermediate ?? ca?.root)?.details.nameConstraints;
  return constraints?.permitted
    .find((name) => name.startsWith('URI:'))
    ?.slice(4)
    .replace(/^\./, '');
}

/** The problem of the request as a whole (a server certificate with no name); the names themselves were checked at their steps. */
function requestProblem(answers: IssueAnswers): string | undefined {
  return issueRequestProblems(issueRequest(answers))[0];
}

const STEPS: () => Array<Step<IssueAnswers>> = () => [
  caStep<IssueAnswers>(),
  pickStep<IssueAnswers, 'profile'>({
    key: 'profile',
    label: 'Profile',
    placeholder: 'What the certificate is for',
    items: () => PROFILES.map((profile) => ({ label: PROFILE_LABELS[profile], description: profile, detail: PROFILE_DESCRIPTIONS[profile], value: profile })),
  }),
  wordStep<IssueAnswers>({
    key: 'commonName',
    label: 'Client name',
    prompt: "The client's name (common name); leave it empty to name the client by its SANs only",
    placeholder: 'billing-batch',
    problem: (name) => (name.length > COMMON_NAME_MAX ? `the name is ${name.length} characters; a common name holds at most ${COMMON_NAME_MAX}` : undefined),
    when: (answers) => answers.profile === 'client',
  }),
  wordStep<IssueAnswers>({
    key: 'trustDomain',
    label: 'Trust domain',
    prompt: "The SPIFFE trust domain (the mesh's: cluster.local for Istio and Linkerd by default)",
    problem: (domain) => (domain.includes('/') ? 'give the trust domain alone, without spiffe:// or a path' : spiffeIdProblem(`spiffe://${domain}`)),
    initial: (answers) => constrainedTrustDomain(answers.ca) ?? answers.trustDomain,
    when: isSpiffe,
  }),
  namespaceStep<IssueAnswers>("The workload's Kubernetes namespace", isSpiffe),
  kubernetesNameStep<IssueAnswers>({
    key: 'serviceAccount',
    label: 'Service account',
    what: 'service account',
    prompt: (answers) => `The workload's service account: its SPIFFE ID is spiffe://${answers.trustDomain}/ns/${answers.namespace}/sa/<this>`,
    when: isSpiffe,
  }),
  listStep<IssueAnswers>({
    key: 'services',
    label: 'Kubernetes services',
    item: 'Service',
    prompt: 'Kubernetes services as NAME.NAMESPACE, each giving its four DNS names (Enter for none)',
    placeholder: 'payments.shop',
    problem: (service) => {
      try {
        expandService(service);
        return undefined;
      } catch (error) {
        // expandService names the text itself; the list step names it already.
        return (error as Error).message.replace(/^"[^"]*": /, '');
      }
    },
    explain: (services) => (services.length ? `Adds ${serviceNames(services).join(', ')}` : undefined),
  }),
  listStep<IssueAnswers>({
    key: 'dns',
    label: 'DNS names',
    item: 'DNS name',
    prompt: 'DNS names, comma or space separated (Enter for none)',
    placeholder: 'payments.example.com, *.shop.svc.cluster.local',
    problem: dnsNameProblem,
  }),
  listStep<IssueAnswers>({
    key: 'ip',
    label: 'IP addresses',
    item: 'IP',
    prompt: 'IP addresses, comma or space separated (Enter for none)',
    placeholder: '127.0.0.1, ::1',
    problem: ipAddressProblem,
  }),
  listStep<IssueAnswers>({
    key: 'uri',
    label: 'URIs',
    item: 'URI',
    prompt: 'URIs, comma or space separated (Enter for none)',
    placeholder: 'spiffe://cluster.local/ns/shop/sa/payments',
    problem: uriProblem,
    whole: (uri, answers) => requestProblem({ ...answers, uri }),
    when: (answers) => !isSpiffe(answers),
  }),
  keyTypeStep<IssueAnswers>('keyType', 'The key type of the certificate'),
  numberStep<IssueAnswers>({
    key: 'lifetime',
    label: 'Validity',
    prompt: (answers) =>
      isSpiffe(answers) ? 'How many hours the certificate is valid (workload certificates rotate daily)' : 'How many days the certificate is valid',
    unit: (answers) => (isSpiffe(answers) ? 'hours' : 'days'),
    max: 36_500,
    limit: (answers) =>
      isSpiffe(answers)
        ? { max: HOURS_MAX, why: `at most ${HOURS_MAX} hours: give a longer lifetime with another profile, in days` }
        : { max: 36_500, why: 'at most 36500 days' },
    initial: (answers) => (isSpiffe(answers) ? 24 : 90),
  }),
  folderStep<IssueAnswers>({
    key: 'out',
    initial: (answers) => (answers.ca ? path.join(answers.ca.folder, 'issued') : ''),
    // The names leafOutputFiles gives, known before the key exists.
    files: (answers) => {
      const base = leafBaseName(issueRequest(answers));
      return [`${base}.pem`, `${base}-key.pem`, `${base}-chain.pem`, CA_FILES.rootCert];
    },
  }),
];

/**
 * Issues a certificate from a CA of the workspace: the leaf, its key, the chain a server sends
 * (leaf, then the intermediate) and the root, in `<CA folder>/issued` by default. Resolves with
 * the files by role: cert, key, chain, ca.
 */
export const issueCertificate = mintCommand('Issue Certificate', async (context, preset) => {
  const answers: IssueAnswers = {
    ca: undefined,
    profile: 'server',
    commonName: '',
    trustDomain: 'cluster.local',
    namespace: 'default',
    serviceAccount: 'default',
    services: [],
    dns: [],
    ip: [],
    uri: [],
    keyType: 'ecdsa-p256',
    lifetime: 90,
    out: '',
  };
  const outcome = await runSteps('Issue Certificate', STEPS(), answers, preset, PRESET_OPTIONS);
  if (outcome === undefined || isRefusal(outcome)) return outcome;
  const { ca, profile, out } = outcome.state;
  const request = issueRequest(outcome.state);
  const base = leafBaseName(request);
  const issued = await withKeyProgress(`Issuing ${base}`, preset?.signal, (signal, onStep) => issue(ca!.material, { ...request, signal, onStep }));
  const signer = ca!.intermediate ?? ca!.root;
  return writeMinted(context, {
    command: 'Issue Certificate',
    dir: out,
    files: leafOutputFiles(base, issued),
    overwrite: preset?.overwrite,
    message: `Issued ${base} (${PROFILE_LABELS[profile]}) by "${signer.name}" in ${shortPath(out)}: ${base}.pem, its key (owner-only, git-ignored), the chain and the root.`,
    primary: `${base}.pem`,
    handshake: true,
    notes: issued.notes,
  });
});
