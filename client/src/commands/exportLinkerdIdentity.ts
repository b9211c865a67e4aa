import { LINKERD_ISSUER_NAME, linkerdIdentityFiles } from '../../../common/src/pki/meshExports';
import { nameConstraintProblems } from '../../../common/src/pki/mint';
import { besideCa, exportCommand } from '../mint/exportFlow';
import type { MintPreset } from '../mint/mintCommand';
import { withKeyProgress } from '../mint/progress';
import { caStep } from '../mint/sourceSteps';
import { shortPath } from '../mint/workspace';
import type { FoundCa } from '../mint/workspaceCas';

interface LinkerdAnswers {
  ca: FoundCa | undefined;
  out: string;
}

/** The options object of meshMtls.exportLinkerdIdentity: `ca` a CA's path, `out` the folder. */
export type ExportLinkerdIdentityOptions = { ca?: string; out?: string } & MintPreset;

/**
 * What makes a CA unusable for Linkerd, said in the pick: a trust anchor that is not ECDSA P-256,
 * or DNS name constraints that leave out the names Linkerd gives its proxies
 * (<sa>.<ns>.serviceaccount.identity.linkerd.<trust domain>), which no proxy could then verify.
 */
function linkerdProblem(ca: FoundCa): string | undefined {
  const key = ca.root.details.publicKey;
  if (key.algorithm !== 'ECDSA' || key.curve !== 'P-256') return `its root has an ${key.description} key, and Linkerd takes ECDSA P-256 trust anchors only`;
  const certificates = [ca.material.root.certificate, ...(ca.material.intermediate ? [ca.material.intermediate.certificate] : [])];
  const outside = nameConstraintProblems(certificates, [`default.default.serviceaccount.${LINKERD_ISSUER_NAME}`], [])[0];
  return outside === undefined
    ? undefined
    : `Linkerd names its proxies under ${LINKERD_ISSUER_NAME}, and ${outside.replace(/^\S+ is outside/, 'that is outside')}`;
}

/**
 * Writes a CA as Linkerd's identity takes it: the root as trust anchor (ca.crt), an ECDSA P-256
 * issuer (the CA's intermediate when it is one, else minted under the root), and Helm values.
 */
export const exportLinkerdIdentity = exportCommand('Export for Linkerd Identity', () => ({
  answers: { ca: undefined, out: '' },
  steps: [caStep<LinkerdAnswers>(linkerdProblem)],
  folder: (answers) => besideCa(answers.ca, 'linkerd'),
  fileNames: () => ['ca.crt', 'issuer.crt', 'issuer.key', 'linkerd-identity-values.yaml'],
  // Without a P-256 intermediate, an issuer key is generated: that is what the progress covers.
  build: async (answers, options) => {
    const { files, mintedIssuer } = await withKeyProgress('Preparing the Linkerd identity', options?.signal, () => linkerdIdentityFiles(answers.ca!.material));
    return { files, notes: mintedIssuer ? ['The CA has no ECDSA P-256 intermediate, so an issuer for Linkerd was minted under its root.'] : [] };
  },
  message: (answers) =>
    `Exported "${answers.ca!.root.name}" for Linkerd in ${shortPath(answers.out)}: install with helm … -f linkerd-identity-values.yaml, or pass ca.crt, issuer.crt and issuer.key to linkerd install. issuer.key is owner-only and git-ignored.`,
  primary: 'issuer.crt',
}));
