import * as path from 'node:path';
import { tlsSecretFiles } from '../../../common/src/pki/meshExports';
import { readIssuedFiles } from '../../../common/src/pki/pkiFiles';
import { exportCommand } from '../mint/exportFlow';
import { kubernetesNameStep, namespaceStep } from '../mint/fields';
import type { IssuedFiles } from '../mint/issuedCertificates';
import type { MintPreset } from '../mint/mintCommand';
import { issuedStep } from '../mint/sourceSteps';
import { shortPath } from '../mint/workspace';

interface TlsSecretAnswers {
  certificate: IssuedFiles | undefined;
  secretName: string;
  namespace: string;
  out: string;
}

/** The options object of meshMtls.exportTlsSecret: `certificate` a BASE.pem written by Issue Certificate; the Secret's name and namespace; `out`. */
export type ExportTlsSecretOptions = { certificate?: string; secretName?: string; namespace?: string; out?: string } & MintPreset;

/** A Secret name from a file name: "payments.shop.svc" → "payments-shop-svc". */
function secretNameOf(issued: IssuedFiles | undefined): string {
  return (
    (issued?.base ?? '')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .slice(0, 63)
      .replace(/^-+|-+$/g, '') || 'tls'
  );
}

/** Writes an issued certificate as a kubernetes.io/tls Secret: tls.crt its chain, tls.key its key, ca.crt the root. */
export const exportTlsSecret = exportCommand('Export as Kubernetes TLS Secret', () => ({
  answers: { certificate: undefined, secretName: '', namespace: 'default', out: '' },
  steps: [
    issuedStep<TlsSecretAnswers>(),
    kubernetesNameStep<TlsSecretAnswers>({
      key: 'secretName',
      label: 'Secret name',
      what: 'Secret name',
      prompt: "The Secret's name",
      initial: (answers) => secretNameOf(answers.certificate),
    }),
    namespaceStep<TlsSecretAnswers>("The Secret's namespace"),
  ],
  folder: (answers) => (answers.certificate ? path.dirname(answers.certificate.cert) : ''),
  fileNames: (answers) => [`${answers.secretName}-secret.yaml`],
  build: ({ certificate: issued, secretName, namespace }) => ({
    files: tlsSecretFiles(readIssuedFiles(issued!.cert), secretName, namespace),
  }),
  message: (answers) =>
    `Exported ${answers.certificate!.summary.name} as the TLS Secret ${answers.namespace}/${answers.secretName} in ${shortPath(answers.out)}: kubectl apply -f ${answers.secretName}-secret.yaml. It holds the key: owner-only and git-ignored.`,
  primary: (answers) => `${answers.secretName}-secret.yaml`,
}));
