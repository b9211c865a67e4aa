/** A minimal Istio PeerAuthentication with the given mTLS mode (line 7, column 11 holds the mode). */
export function peerAuthentication(mode: string, apiVersion = 'security.istio.io/v1'): string {
  return `apiVersion: ${apiVersion}
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: ${mode}
`;
}
