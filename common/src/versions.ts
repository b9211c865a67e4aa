/**
 * The releases a user's cluster runs. Several verdicts and explanations change between releases
 * (Istio verifies upstream servers against the system CA store from 1.21, Linkerd admits
 * overlapping Servers from 2.18, cert-manager refuses `literalSubject` with a serial number from
 * 1.14…); every rule, hover and quick fix whose truth depends on one asks these.
 */
export interface TargetVersions {
  /** Istio "1.MINOR" (a patch part is allowed and ignored). */
  istio: string;
  /** Linkerd "2.MINOR" (stable numbering). */
  linkerd: string;
  /** cert-manager "1.MINOR" ("v" prefix allowed). */
  certManager: string;
  /** SPIRE "1.MINOR" ("v" prefix allowed): its server and agent configs. */
  spire: string;
  /** Where the SPIRE release was read when the user named none ("the image of StatefulSet spire/spire-server"), for messages. */
  spireOrigin?: string;
}

/** The newest releases the product models: those of the CRDs and sources it was checked against. */
export const NEWEST_VERSIONS: TargetVersions = { istio: '1.31', linkerd: '2.19', certManager: '1.21', spire: '1.15' };

export type Project = Exclude<keyof TargetVersions, 'spireOrigin'>;

/** [major, minor] of "1.22", "v1.22.3", "1.22.0-rc.1"; undefined for anything else. */
export function parseVersion(text: string): [number, number] | undefined {
  const match = /^v?(\d{1,3})\.(\d{1,3})(?:\.\d{1,4})?(?:-[0-9A-Za-z.-]+)?$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Whether `version` is `minimum` or later (an unreadable version counts as the newest). */
export function atLeast(version: string, minimum: string): boolean {
  const have = parseVersion(version);
  const need = parseVersion(minimum);
  if (!need) throw new Error(`not a version: ${minimum}`);
  if (!have) return true;
  return have[0] > need[0] || (have[0] === need[0] && have[1] >= need[1]);
}

/** Versions from partial input (settings, flags, a workspace file), each missing or unreadable one the newest. */
export function targetVersions(given: Partial<Record<Project, unknown>> | undefined): TargetVersions {
  const pick = (project: Project): string => {
    const value = given?.[project];
    const text = typeof value === 'number' ? String(value) : value;
    return typeof text === 'string' && parseVersion(text) ? text.trim().replace(/^v/, '') : NEWEST_VERSIONS[project];
  };
  return { istio: pick('istio'), linkerd: pick('linkerd'), certManager: pick('certManager'), spire: pick('spire') };
}

/** "Istio 1.22" as messages name a release. */
export const PROJECT_NAMES: Record<Project, string> = { istio: 'Istio', linkerd: 'Linkerd', certManager: 'cert-manager', spire: 'SPIRE' };
