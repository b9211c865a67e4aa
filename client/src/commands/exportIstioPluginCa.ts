import { MintError } from '../../../common/src/pki/mint';
import { istioPluginCaFiles } from '../../../common/src/pki/meshExports';
import { besideCa, exportCommand } from '../mint/exportFlow';
import type { MintPreset } from '../mint/mintCommand';
import { caStep } from '../mint/sourceSteps';
import { shortPath } from '../mint/workspace';
import type { FoundCa } from '../mint/workspaceCas';

interface IstioAnswers {
  ca: FoundCa | undefined;
  out: string;
}

/** The options object of meshMtls.exportIstioPluginCa: `ca` a CA's path, `out` the folder. */
export type ExportIstioPluginCaOptions = { ca?: string; out?: string } & MintPreset;

const FILES = ['ca-cert.pem', 'ca-key.pem', 'root-cert.pem', 'cert-chain.pem', 'cacerts-secret.yaml'];

/** Istio refuses some CAs (Ed25519 keys): the engine says so as it builds the files, so the pick asks it. */
function istioProblem(ca: FoundCa): string | undefined {
  try {
    istioPluginCaFiles(ca.material);
    return undefined;
  } catch (error) {
    if (error instanceof MintError) return error.message;
    throw error;
  }
}

/**
 * Writes a CA as Istio's plug-in CA reads it (istiod signs workloads with it): ca-cert.pem,
 * ca-key.pem, root-cert.pem, cert-chain.pem and the `cacerts` Secret for istio-system.
 */
export const exportIstioPluginCa = exportCommand('Export for Istio Plug-in CA', () => ({
  answers: { ca: undefined, out: '' },
  steps: [caStep<IstioAnswers>(istioProblem)],
  folder: (answers) => besideCa(answers.ca, 'istio'),
  fileNames: () => FILES,
  build: (answers) => ({ files: istioPluginCaFiles(answers.ca!.material) }),
  message: (answers) =>
    `Exported "${(answers.ca!.intermediate ?? answers.ca!.root).name}" for Istio in ${shortPath(answers.out)}: apply cacerts-secret.yaml (kubectl apply -f) before installing Istio. The CA key files are owner-only and git-ignored.`,
  primary: 'ca-cert.pem',
}));
