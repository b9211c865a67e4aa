// The SPIRE release a workspace deploys, read from the images of its SPIRE server and agent
// workloads: a repository that pins ghcr.io/spiffe/spire-server:1.5.1 runs SPIRE 1.5, and its
// configs are judged at 1.5 unless the user named a release (settings, .mesh-mtls.yaml, flag).
// The server's settings and the CLI both ask this; server/src/analysis/spireImages.ts reads the
// images from the workloads.

import { parseVersion } from './versions';

/** The last path segment of the image repositories that are SPIRE itself. */
const SPIRE_IMAGES = new Set(['spire-server', 'spire-agent']);

export interface InferredSpireRelease {
  /** "1.MINOR". */
  version: string;
  /** Where it was read, for messages: "the image of StatefulSet spire/spire-server". */
  origin: string;
}

/** A SPIRE server or agent image a workload runs: the release its tag names (null: none readable). */
export interface SpireImage {
  uri: string;
  release: string | null;
  origin: string;
}

/**
 * What an image reference says about SPIRE: undefined when it is no SPIRE server or agent image;
 * "1.MINOR" when its tag names a release (a leading "v" and a digest after the tag allowed); null
 * when it is one but names no release (no tag, "latest", a template).
 */
export function spireImageRelease(image: string): string | null | undefined {
  // A digest pins bytes, not a release: only the tag before it is read.
  const reference = image.trim().split('@')[0];
  const slash = reference.lastIndexOf('/');
  const colon = reference.indexOf(':', slash + 1);
  const repository = colon < 0 ? reference : reference.slice(0, colon);
  // A Helm template's image keeps its text (see templateJson): one that writes the repository is not known to be SPIRE.
  if (!SPIRE_IMAGES.has(repository.slice(repository.lastIndexOf('/') + 1))) return undefined;
  const parsed = colon < 0 ? undefined : parseVersion(reference.slice(colon + 1));
  return parsed ? `${parsed[0]}.${parsed[1]}` : null;
}

/**
 * The SPIRE release a file's config runs at, as the images say: those of the nearest folder above
 * the file (its own first) that has any, so that a repository of separate deployments (a tutorial
 * per folder) judges each by its own; without `uri`, all of them. Undefined when there is none,
 * when they disagree, or when one names no release: the newest release stays the target then.
 */
export function inferSpireRelease(images: SpireImage[], uri?: string): InferredSpireRelease | undefined {
  const agreed = (scope: SpireImage[]): InferredSpireRelease | undefined => {
    const [first] = scope;
    if (!first || first.release === null || scope.some((image) => image.release !== first.release)) return undefined;
    return { version: first.release, origin: first.origin };
  };
  if (uri === undefined || images.length === 0) return agreed(images);
  for (let end = uri.lastIndexOf('/'); end > 0; end = uri.lastIndexOf('/', end - 1)) {
    const folder = uri.slice(0, end + 1);
    const near = images.filter((image) => image.uri.startsWith(folder));
    if (near.length) return agreed(near);
  }
  return agreed(images);
}
