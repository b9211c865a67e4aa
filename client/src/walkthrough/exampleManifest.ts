// The walkthrough's example: a workload and the PeerAuthentication that selects it, with the mode
// written in the wrong case so there is one diagnostic to fix. Once fixed, the lens above the
// policy says which workload it puts in STRICT mode.

export const EXAMPLE_MANIFEST = `# Mesh mTLS walkthrough example (nothing is saved unless you save it)
# 1. Read the lens above the PeerAuthentication: which workloads it decides, and how.
# 2. Istio's modes are upper case: hover the error on "Strict" and apply its quick fix.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: demo
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: registry.example/web:1.0.0
          ports:
            - containerPort: 8080
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: web-strict
  namespace: demo
spec:
  selector:
    matchLabels:
      app: web
  mtls:
    mode: Strict
`;

/** The context key the walkthrough's "fix a diagnostic" step completes on. */
export const EXAMPLE_FIXED_CONTEXT = 'meshMtls.walkthrough.exampleFixed';

/**
 * The context key the "read a lens" step completes on, set when an mTLS lens is clicked. Not
 * `onCommand:`: VS Code runs a lens's command with arguments inside the extension host, so the
 * workbench, which ticks walkthrough steps, never sees that command run.
 */
export const LENS_READ_CONTEXT = 'meshMtls.walkthrough.lensRead';

/** Our diagnostics' source, as the language server sets it. */
const SOURCE = 'mesh-mtls';

/** Whether an editor shows one of our errors: the example is fixed once it did and no longer does. */
export function showsOurError(diagnostics: ReadonlyArray<{ source?: string; severity?: number }>, errorSeverity: number): boolean {
  return diagnostics.some((d) => d.source === SOURCE && d.severity === errorSeverity);
}
