declare const MESH_MTLS_VERSION: string | undefined;

/** The package version, injected by the bundler; "dev" when running unbundled test output. */
export const version: string = typeof MESH_MTLS_VERSION === 'string' ? MESH_MTLS_VERSION : 'dev';
