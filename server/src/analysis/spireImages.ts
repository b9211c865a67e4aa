// The SPIRE server and agent images a workspace's workloads run, which the SPIRE release it
// deploys is read from (see common/src/spireRelease.ts).

import { spireImageRelease, type SpireImage } from '../../../common/src/spireRelease';
import { namespaceOf, type Resource } from './resources';

/** The SPIRE server and agent images the workloads among `resources` run. */
export function spireImagesOf(resources: Iterable<Resource>): SpireImage[] {
  const found: SpireImage[] = [];
  for (const resource of resources) {
    for (const image of resource.workload?.images ?? []) {
      const release = spireImageRelease(image);
      if (release !== undefined)
        found.push({ uri: resource.uri, release, origin: `the image of ${resource.kind} ${namespaceOf(resource)}/${resource.name ?? '(unnamed)'}` });
    }
  }
  return found;
}
