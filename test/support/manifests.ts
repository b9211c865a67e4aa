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

/** A Deployment web in namespace shop, with its service account web, and the Service in front of it. */
export const WEB_WORKLOAD = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web
      containers: [{name: web, image: example/web, ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
`;
/** Mesh-wide STRICT mTLS (a PeerAuthentication in Istio's root namespace). */
export const MESH_STRICT =
  'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: istio-system}\nspec:\n  mtls: {mode: STRICT}\n';
/** A DestinationRule turning mTLS off for web.shop (the mode on line 7). */
export const PLAINTEXT_RULE =
  'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: web, namespace: shop}\nspec:\n  host: web.shop.svc.cluster.local\n  trafficPolicy:\n    tls: {mode: DISABLE}\n';
/** An AuthorizationPolicy for web whose principal (line 8) names an account shop does not have. */
export const UNKNOWN_PRINCIPAL_POLICY =
  'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  rules:\n  - from:\n    - source: {principals: ["cluster.local/ns/shop/sa/wbe"]}\n';
