import { certManagerIssuerFiles } from '../../../common/src/pki/meshExports';
import { besideCa, exportCommand } from '../mint/exportFlow';
import { kubernetesNameStep, namespaceStep } from '../mint/fields';
import type { MintPreset } from '../mint/mintCommand';
import { caStep } from '../mint/sourceSteps';
import { shortPath } from '../mint/workspace';
import type { FoundCa } from '../mint/workspaceCas';

interface CertManagerAnswers {
  ca: FoundCa | undefined;
  issuerName: string;
  namespace: string;
  out: string;
}

/** The options object of meshMtls.exportCertManagerIssuer: `ca` a CA's path; the Issuer's name and namespace; `out`. */
export type ExportCertManagerIssuerOptions = { ca?: string; issuerName?: string; namespace?: string; out?: string } & MintPreset;

/** Writes a CA as a cert-manager CA Issuer: its Secret (the signing CA and key) and the Issuer naming it, in one manifest. */
export const exportCertManagerIssuer = exportCommand('Export as cert-manager CA Issuer', () => ({
  answers: { ca: undefined, issuerName: 'mesh-mtls-ca', namespace: 'default', out: '' },
  steps: [
    caStep<CertManagerAnswers>(),
    kubernetesNameStep<CertManagerAnswers>({
      key: 'issuerName',
      label: 'Issuer name',
      what: 'Issuer name',
      prompt: "The Issuer's name (its Secret is named NAME-ca)",
    }),
    namespaceStep<CertManagerAnswers>('The namespace of the Issuer and its Secret (a CA Issuer signs Certificates of its own namespace)'),
  ],
  folder: (answers) => besideCa(answers.ca, 'cert-manager'),
  fileNames: (answers) => [`${answers.issuerName}-issuer.yaml`],
  build: (answers) => ({ files: certManagerIssuerFiles(answers.ca!.material, answers.issuerName, answers.namespace) }),
  message: (answers) =>
    `Exported "${(answers.ca!.intermediate ?? answers.ca!.root).name}" as the cert-manager Issuer ${answers.namespace}/${answers.issuerName} in ${shortPath(answers.out)}: kubectl apply -f ${answers.issuerName}-issuer.yaml. It holds the CA key: owner-only and git-ignored.`,
  primary: (answers) => `${answers.issuerName}-issuer.yaml`,
}));
