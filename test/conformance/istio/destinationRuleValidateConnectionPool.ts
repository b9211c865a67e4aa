import type { ConformanceSuite } from '../conformanceCase';

// Translated from istiod's connection pool test.
// Where the upstream case validates a sub-message on its own, it sits in a minimal DestinationRule
// at spec.trafficPolicy (host: reviews), which adds nothing for the rule to refuse.
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/validation/validation_test.go TestValidateConnectionPool',
  cases: [
    {
      name: 'valid connection pool, tcp and http',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      tcp:\n        maxConnections: 7\n        connectTimeout: 2s\n      http:\n        http1MaxPendingRequests: 2\n        http2MaxRequests: 11\n        maxRequestsPerConnection: 5\n        maxRetries: 4\n        idleTimeout: 30s\n        maxConcurrentStreams: 5\n',
    },
    {
      name: 'valid connection pool, tcp only',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      tcp:\n        maxConnections: 7\n        connectTimeout: 2s\n',
    },
    {
      name: 'valid connection pool, http only',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      http:\n        http1MaxPendingRequests: 2\n        http2MaxRequests: 11\n        maxRequestsPerConnection: 5\n        maxRetries: 4\n        idleTimeout: 30s\n        maxConcurrentStreams: 5\n',
    },
    {
      name: 'valid connection pool, http only with empty idle timeout',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      http:\n        http1MaxPendingRequests: 2\n        http2MaxRequests: 11\n        maxRequestsPerConnection: 5\n        maxRetries: 4\n        maxConcurrentStreams: 5\n',
    },
    {
      name: 'valid connection pool, http2 keepalive',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      http:\n        http2KeepAlive:\n          interval: 15s\n          timeout: 5s\n',
    },
    {
      name: 'invalid connection pool, empty',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool: {}\n',
    },
    {
      name: 'invalid connection pool, bad max connections',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      tcp:\n        maxConnections: -1\n',
    },
    {
      name: 'invalid connection pool, bad connect timeout',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      tcp:\n        connectTimeout: 2.000000005s\n',
    },
    {
      name: 'invalid connection pool, bad max pending requests',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      http:\n        http1MaxPendingRequests: -1\n',
    },
    {
      name: 'invalid connection pool, bad max requests',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      http:\n        http2MaxRequests: -1\n',
    },
    {
      name: 'invalid connection pool, bad max requests per connection',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      http:\n        maxRequestsPerConnection: -1\n',
    },
    {
      name: 'invalid connection pool, bad max retries',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      http:\n        maxRetries: -1\n',
    },
    {
      name: 'invalid connection pool, bad idle timeout',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      http:\n        idleTimeout: 30.000000005s\n',
    },
    {
      name: 'valid connection pool, tcp timeout disabled',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      tcp:\n        idleTimeout: 0s\n',
    },
    {
      name: 'invalid connection pool, bad max concurrent streams',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      http:\n        maxConcurrentStreams: -1\n',
    },
    {
      name: 'invalid connection pool, http2 keepalive without interval',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      http:\n        http2KeepAlive:\n          timeout: 5s\n',
    },
    {
      name: 'invalid connection pool, http2 keepalive without timeout',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      http:\n        http2KeepAlive:\n          interval: 15s\n',
    },
    {
      name: 'invalid connection pool, bad http2 keepalive interval',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      http:\n        http2KeepAlive:\n          interval: 15.000000005s\n          timeout: 5s\n',
    },
  ],
};
