import type { ConformanceSuite } from '../conformanceCase';

// Translated from TestCheckValidPathTemplate: each case as the paths of an AuthorizationPolicy operation.
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/security/security_test.go TestCheckValidPathTemplate',
  cases: [
    {
      name: 'valid path template - matchOneTemplate',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/foo\n',
    },
    {
      name: 'valid path template - matchOneTemplate with trailing slash',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/foo/\n',
    },
    {
      name: 'valid path template - matchAnyTemplate',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /foo/{**}/bar\n',
    },
    {
      name: 'valid path template - matchAnyTemplate at end',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /foo/bar/{**}\n',
    },
    {
      name: 'unsupported path template - matchAnyTemplate with additional chars',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /foo/{**}buzz/bar\n',
    },
    {
      name: 'unsupported path template - empty curly braces',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/foo/{}/bar\n',
    },
    {
      name: 'unsupported path template - matchOneTemplate with `*`',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /foo/{*}/bar/*\n',
    },
    {
      name: 'unsupported path template - matchOneTemplate with `**`',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /foo/{*}/bar/**/buzz\n',
    },
    {
      name: 'unsupported path/path template - named var: {buzz}',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /foo/{buzz}/bar\n',
    },
    {
      name: 'unsupported path/path template - only named var: {buzz}',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{buzz}\n',
    },
    {
      name: 'unsupported path template - matchAnyTemplate with named var: {buzz}',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /foo/{buzz}/bar/{**}\n',
    },
    {
      name: 'unsupported path template - matchAnyTemplate with named var: {buzz=*}',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /foo/{buzz=*}/bar/{**}\n',
    },
    {
      name: 'unsupported path template - matchAnyTemplate with named var: {buzz=**}',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/foo/{buzz=**}/bar\n',
    },
    {
      name: 'unsupported path template - matchAnyTemplate with additional chars at end',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/foo/{**}bar\n',
    },
    {
      name: 'unsupported path template - matchOneTemplate with file extension',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/foo/{*}.txt\n',
    },
    {
      name: 'unsupported path template - matchOneTemplate with unmatched open curly brace',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/foo/{temp\n',
    },
    {
      name: 'unsupported path template - matchOneTemplate with unmatched closed curly brace',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/foo/temp}/bar\n',
    },
    {
      name: 'unsupported path template - matchOneTemplate with unmatched closed curly brace and `*`',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/foo/temp}/*\n',
    },
    {
      name: 'unsupported path template - matchAnyTemplate is not the last operator in the template',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{**}/foo/temp/{*}/bar\n',
    },
    {
      name: 'unsupported path template - simple multiple matchAnyTemplates',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{**}/{**}\n',
    },
    {
      name: 'unsupported path template - multiple matchAnyTemplates',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{**}/foo/temp/{**}/bar\n',
    },
    {
      name: 'unsupported path template - invalid literal in path template',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: paths\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/foo/?abc\n',
    },
  ],
};
