import type { ConformanceSuite } from '../conformanceCase';

// Translated from TestIsValidLiteral: each literal as the segment after {*} in an AuthorizationPolicy path,
// where istiod applies it (CheckValidPathTemplate checks every segment of a templated path).
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/security/security_test.go TestIsValidLiteral',
  cases: [
    {
      name: 'valid - alphabet chars and nums',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/123abcABC\n',
    },
    {
      name: 'valid - unreserved chars',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/._~-\n',
    },
    {
      name: 'valid - equals',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/a=c\n',
    },
    {
      name: 'valid - mixed chars',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/-._~%20!$&'()+,;:@\n",
    },
    {
      name: 'invalid - mixed chars',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - '/{*}/`~!@#$%^&()-_+;:,<.>''\"\\| '\n",
    },
    {
      name: 'invalid - slash',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/abc/\n',
      differs:
        'a path splits at "/", so this literal cannot be written as one segment of a path template (in "/{*}/abc/" the trailing slash is trimmed and the path is valid)',
    },
    {
      name: 'invalid - star with other chars',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/ab*c\n',
    },
    {
      name: 'invalid - star',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/*\n',
    },
    {
      name: 'invalid - double star with other chars',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/ab**c\n',
    },
    {
      name: 'invalid - double star',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/**\n',
    },
    {
      name: 'invalid - question mark',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/?abc\n',
    },
    {
      name: 'invalid - question mark with equals',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/?a=c\n',
    },
    {
      name: 'invalid - left curly brace',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/{abc\n',
    },
    {
      name: 'invalid - right curly brace',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/abc}\n',
    },
    {
      name: 'invalid - curly brace set',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: literal\n  namespace: foo\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /{*}/{abc}\n',
    },
  ],
};
