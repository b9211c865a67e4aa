import * as path from 'node:path';
import { pickStep, refusal, type PickItem, type Step } from '../input/multiStep';
import { findIssuedCertificates, loadIssued, type IssuedFiles } from './issuedCertificates';
import { keyAndExpiry } from './summary';
import { findWorkspaceCas, loadCa, type FoundCa } from './workspaceCas';
import { shortPath } from './workspace';

// The first question of Issue Certificate and of the exports: what to mint from. A preset names
// it by path; the pick lists what the workspace holds, each with its decoded summary.

/** The reason a CA or certificate at a preset path cannot be used, as the loaders say it. */
function loaded<T>(raw: unknown, what: string, load: (location: string) => T): T | { refused: string } {
  if (typeof raw !== 'string' || raw === '') return refusal(`${what}: give its path`);
  try {
    return load(raw);
  } catch (error) {
    return refusal((error as Error).message);
  }
}

export function caStep<S extends { ca: FoundCa | undefined }>(check?: (ca: FoundCa) => string | undefined): Step<S> {
  return pickStep<S, 'ca'>({
    key: 'ca',
    label: 'CA',
    placeholder: 'The CA to sign with',
    missing: 'CA: give a folder written by Create Dev CA, or a CA certificate file with its key beside it',
    empty: 'No CA in this workspace: run "Mesh mTLS: Create Dev CA…" first, or put a CA certificate beside its key (ca.pem and ca-key.pem)',
    items: async () => (await findWorkspaceCas()).map(caItem),
    fromPreset: (raw) => loaded(raw, 'CA', loadCa),
    check: check && ((ca) => (ca ? check(ca) : undefined)),
    same: (a, b) => a?.location === b?.location,
  });
}

function caItem(ca: FoundCa): PickItem<FoundCa> {
  const signs = ca.intermediate ? ` · signs with its intermediate "${ca.intermediate.name}" (${keyAndExpiry(ca.intermediate)})` : '';
  return { label: `$(shield) ${ca.root.name}`, description: shortPath(ca.location), detail: `${keyAndExpiry(ca.root)}${signs}`, value: ca };
}

export function issuedStep<S extends { certificate: IssuedFiles | undefined }>(): Step<S> {
  return pickStep<S, 'certificate'>({
    key: 'certificate',
    label: 'Certificate',
    placeholder: 'The certificate to export (written by Issue Certificate)',
    missing: 'Certificate: give a BASE.pem written by Issue Certificate',
    empty: 'No issued certificate in this workspace: run "Mesh mTLS: Issue Certificate…" first',
    items: async () =>
      (await findIssuedCertificates()).map((issued) => ({
        label: `$(file) ${issued.summary.name}`,
        description: shortPath(issued.cert),
        detail: `${keyAndExpiry(issued.summary)} · with ${path.basename(issued.key)}, ${path.basename(issued.chain)}`,
        value: issued,
      })),
    fromPreset: (raw) => loaded(raw, 'Certificate', loadIssued),
    same: (a, b) => a?.cert === b?.cert,
  });
}
