import type { ConformanceSuite } from '../conformanceCase';

// Translated from TestValidateRequestAuthentication: each case's resource as a manifest, with the upstream verdict
// (an error or not from the admission webhook's validation; its warnings are not errors).
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/validation/validation_test.go TestValidateRequestAuthentication',
  cases: [
    {
      name: 'empty spec',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec: {}\n',
    },
    {
      name: 'another empty spec',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  selector: {}\n',
    },
    {
      name: 'empty spec with non default name',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec: {}\n',
    },
    {
      name: 'dry run annotation not supported',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\n  annotations:\n    istio.io/dry-run: 'true'\nspec: {}\n",
    },
    {
      name: 'default name with non empty selector',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n',
    },
    {
      name: 'empty jwt rule',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  jwtRules:\n  - {}\n',
    },
    {
      name: 'empty issuer and jwksUri',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  jwtRules:\n  - {}\n',
    },
    {
      name: 'empty issuer and set jwksUri',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  jwtRules:\n  - jwksUri: https://foo.com/cert\n',
    },
    {
      name: 'bad JwksUri - no protocol',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: foo.com\n',
    },
    {
      name: 'bad JwksUri - invalid port',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com:not-a-number\n',
    },
    {
      name: 'empty value',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n      version: ''\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com/cert\n",
    },
    {
      name: 'bad workload selector - empty key',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n      ? ''\n      : v1\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com/cert\n",
    },
    {
      name: 'good targetRef',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  targetRef:\n    group: gateway.networking.k8s.io\n    kind: Gateway\n    name: foo\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com/cert\n',
    },
    {
      name: 'bad targetRef - empty name',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  targetRef:\n    group: gateway.networking.k8s.io\n    kind: Gateway\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com/cert\n',
    },
    {
      name: 'bad targetRef - non-empty namespace',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  targetRef:\n    group: gateway.networking.k8s.io\n    kind: Gateway\n    name: foo\n    namespace: bar\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com/cert\n',
    },
    {
      name: 'bad targetRef - wrong group',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  targetRef:\n    group: wrong-group\n    kind: Gateway\n    name: foo\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com/cert\n',
    },
    {
      name: 'bad targetRef - wrong kind',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  targetRef:\n    group: gateway.networking.k8s.io\n    kind: wrong-kind\n    name: foo\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com/cert\n',
    },
    {
      name: 'targetRef and selector cannot both be set',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  targetRef:\n    group: gateway.networking.k8s.io\n    kind: Gateway\n    name: foo\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com/cert\n  selector:\n    matchLabels:\n      app: httpbin\n',
    },
    {
      name: 'bad header location',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com\n    fromHeaders:\n    - prefix: 'Bearer '\n",
    },
    {
      name: 'bad param location',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com\n    fromParams:\n    - ''\n",
    },
    {
      name: 'good',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com\n    fromHeaders:\n    - name: x-foo\n      prefix: 'Bearer '\n",
    },
    {
      name: 'bad cookie location',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com\n    fromCookies:\n    - ''\n    - foo\n",
    },
    {
      name: 'jwks ok',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  jwtRules:\n  - issuer: foo.com\n    jwks: \'{ "keys":[ {"e":"AQAB","kid":"DHFbpoIUqrY8t2zpA2qXfCmr5VO5ZEr4RzHU_-envvQ","kty":"RSA","n":"xAE7eB6qugXyCAG3yhh7pkDkT65pHymX-P7KfIupjf59vsdo91bSP9C8H07pSAGQO1MV_xFj9VswgsCg4R6otmg5PV2He95lZdHtOcU5DXIg_pbhLdKXbi66GlVeK6ABZOUW3WYtnNHD-91gVuoeJT_DwtGGcp4ignkgXfkiEm4sw-4sfb4qdt5oLbyVpmW6x9cfa7vs2WTfURiCrBoUqgBo_-4WTiULmmHSGZHOjzwa8WtrtOQGsAFjIbno85jp6MnGGGZPYZbDAa_b3y5u-YpW7ypZrvD8BgtKVjgtQgZhLAGezMt0ua3DRrWnKqTZ0BJ_EyxOGuHJrLsn00fnMQ"}]}\'\n    fromHeaders:\n    - name: x-foo\n      prefix: \'Bearer \'\n',
    },
    {
      name: 'jwks error',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  jwtRules:\n  - issuer: foo.com\n    jwks: foo\n    fromHeaders:\n    - name: x-foo\n      prefix: 'Bearer '\n",
    },
    {
      name: 'jwks with private RSA key warns',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  jwtRules:\n  - issuer: foo.com\n    jwks: \'{"keys":[{"kty":"RSA","e":"AQAB","kid":"private","n":"xAE7eB6qugXyCAG3yhh7pkDkT65pHymX-P7KfIupjf59vsdo91bSP9C8H07pSAGQO1MV_xFj9VswgsCg4R6otmg5PV2He95lZdHtOcU5DXIg_pbhLdKXbi66GlVeK6ABZOUW3WYtnNHD-91gVuoeJT_DwtGGcp4ignkgXfkiEm4sw-4sfb4qdt5oLbyVpmW6x9cfa7vs2WTfURiCrBoUqgBo_-4WTiULmmHSGZHOjzwa8WtrtOQGsAFjIbno85jp6MnGGGZPYZbDAa_b3y5u-YpW7ypZrvD8BgtKVjgtQgZhLAGezMt0ua3DRrWnKqTZ0BJ_EyxOGuHJrLsn00fnMQ","d":"jJVKLOMXjlSnICzfP_eWshwR_DQp1U_GBLn-bL2qf90U5GMRDg5fT7Df3M2zL3DhMzdLDIeBmh-ujMTPjU0PWyVN5JX9LBhAOgsX3DKAdR2KMlEsBM4HE6VV1JhqQozqAcSPwhBHJM_pBM21S94EZf_RbA0PvyLcjeLP4WqAOY-J4OXVR3rzKwAH02NjLBR-Tnoiv-WlPZbE9SmYJL0G3xRFVELYwf4l7t-PSrZxk6V_xrTLpsScA-WICTaXmRGyDOSBuiBfHfDQyiTfQEUjcc6aQ7slLAwfmU2AeYJqHk1zwZpDJpgEf9G3eYi09Q2MLpzSjMxWVqV5L7TtcoGv5Q"}]}\'\n',
    },
    {
      name: 'null outputClaimToHeader',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com\n    outputClaimToHeaders:\n    - {}\n',
    },
    {
      name: 'null claim value in outputClaimToHeader ',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com\n    outputClaimToHeaders:\n    - header: x-jwt-claim\n',
    },
    {
      name: 'null header value in outputClaimToHeader ',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com\n    outputClaimToHeaders:\n    - claim: sub\n',
    },
    {
      name: 'invalid header value in outputClaimToHeader ',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  jwtRules:\n  - issuer: foo.com\n    jwksUri: https://foo.com\n    outputClaimToHeaders:\n    - header: abc%123\n      claim: sub\n',
    },
  ],
};
