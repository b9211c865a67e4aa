// Name constraint failures in words, for lint messages, the decoded view's chain section and
// Verify Chain. Pure, without node modules: the webview bundles it.
import type { NameConstraintFailure } from './model';
import { escapeUnsafe } from './printable';

/** What `openssl verify` prints for each name constraint failure. */
export const OPENSSL_NAME_ERRORS: Record<NameConstraintFailure, string> = {
  'outside permitted names': 'permitted subtree violation',
  'excluded name': 'excluded subtree violation',
  'constraint with bounds': 'name constraints minimum and maximum not supported',
  'unsupported constraint': 'unsupported name constraint type',
  'unreadable name': 'unsupported or invalid name syntax',
};

/** A name constraint failure in words, without the ending: "Its name DNS:a.test is outside the names permitted". */
export function nameConstraintText(failure: NameConstraintFailure, name: string): string {
  const shown = escapeUnsafe(name);
  switch (failure) {
    case 'outside permitted names':
      return `Its name ${shown} is outside the names permitted`;
    case 'excluded name':
      return `Its name ${shown} is excluded`;
    case 'constraint with bounds':
      return `A subtree with a minimum or maximum, which verifiers do not support, applies to its name ${shown}`;
    case 'unsupported constraint':
      return `A constraint of a type verifiers cannot check applies to its name ${shown}`;
    case 'unreadable name':
      return `Its name ${shown} cannot be read for the checks`;
  }
}
