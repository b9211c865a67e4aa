import type { ConformanceSuite } from '../conformanceCase';
import { VALID_ISSUER_REF } from '../certManagerManifest';
import { stringify } from 'yaml';

// Upstream generates each CSR in the test (gen.CSRForCertificate); these are CSRs made once with
// openssl for the same content: an ECDSA P-256 key, CN=test, a DNS SAN example.com, and the key
// usage, extended key usage and CA extensions each case encodes. Base64 of the PEM, as in spec.request.
const CSR = {
  default:
    'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQkFEQ0Jwd0lCQURBUE1RMHdDd1lEVlFRRERBUjBaWE4wTUZrd0V3WUhLb1pJemowQ0FRWUlLb1pJemowRApBUWNEUWdBRVo4TVFrNFVndzNqbWVYUU05aUVwVmtKeE4xc3pUd0t4N0NKRzB4ckNBaG84Y21XTnNJOC9vQjRMCmNZblhWNEtoZFEzSzRTUzFpYXFIZEEvQkI4blFLNkEyTURRR0NTcUdTSWIzRFFFSkRqRW5NQ1V3RmdZRFZSMFIKQkE4d0RZSUxaWGhoYlhCc1pTNWpiMjB3Q3dZRFZSMFBCQVFEQWdXZ01Bb0dDQ3FHU000OUJBTUNBMGdBTUVVQwpJSEhaaTdmMVh2RjdFRmRCcGZLbDlhMzdiTW55aXhSaDA4THAwendGaW94TkFpRUErVEtGY05RNFRRaWRnSDEzCmtScTFVU3k4emhWS3h2Z3Btejd3b3IrL1Ftbz0KLS0tLS1FTkQgQ0VSVElGSUNBVEUgUkVRVUVTVC0tLS0tCg==',
  default_eku_sc:
    'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQkh6Q0J4Z0lCQURBUE1RMHdDd1lEVlFRRERBUjBaWE4wTUZrd0V3WUhLb1pJemowQ0FRWUlLb1pJemowRApBUWNEUWdBRVo4TVFrNFVndzNqbWVYUU05aUVwVmtKeE4xc3pUd0t4N0NKRzB4ckNBaG84Y21XTnNJOC9vQjRMCmNZblhWNEtoZFEzSzRTUzFpYXFIZEEvQkI4blFLNkJWTUZNR0NTcUdTSWIzRFFFSkRqRkdNRVF3RmdZRFZSMFIKQkE4d0RZSUxaWGhoYlhCc1pTNWpiMjB3Q3dZRFZSMFBCQVFEQWdXZ01CMEdBMVVkSlFRV01CUUdDQ3NHQVFVRgpCd01CQmdnckJnRUZCUWNEQWpBS0JnZ3Foa2pPUFFRREFnTklBREJGQWlFQWprbXNWN0ZONFh4Y3JaVWVPWEkvCnk3b1VZSGpScXMyV1NNcGJtWjVtUE5zQ0lFMDJNbm9qdms2RlBIZG10YXN4Q3FXdDNncHBITWJXVXVZeFNyQ1QKRnNrTAotLS0tLUVORCBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K',
  ca_any_certsign:
    'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQklUQ0J5UUlCQURBUE1RMHdDd1lEVlFRRERBUjBaWE4wTUZrd0V3WUhLb1pJemowQ0FRWUlLb1pJemowRApBUWNEUWdBRVo4TVFrNFVndzNqbWVYUU05aUVwVmtKeE4xc3pUd0t4N0NKRzB4ckNBaG84Y21XTnNJOC9vQjRMCmNZblhWNEtoZFEzSzRTUzFpYXFIZEEvQkI4blFLNkJZTUZZR0NTcUdTSWIzRFFFSkRqRkpNRWN3RmdZRFZSMFIKQkE4d0RZSUxaWGhoYlhCc1pTNWpiMjB3Q3dZRFZSMFBCQVFEQWdLa01BOEdBMVVkSlFRSU1BWUdCRlVkSlFBdwpEd1lEVlIwVEFRSC9CQVV3QXdFQi96QUtCZ2dxaGtqT1BRUURBZ05IQURCRUFpQkRscCtZVHVSL1FtWm0wNHBBCnpSYUlEQTJmakpvTjJUM0Z5NnFlYW5NY2lBSWdBYnVBa3hEVEJpdG1KZFB3UWF4am5PNG52Y3V5OVhDdlhMbDQKNjRmVFBOcz0KLS0tLS1FTkQgQ0VSVElGSUNBVEUgUkVRVUVTVC0tLS0tCg==',
  ca_any_cs:
    'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQk5qQ0IzUUlCQURBUE1RMHdDd1lEVlFRRERBUjBaWE4wTUZrd0V3WUhLb1pJemowQ0FRWUlLb1pJemowRApBUWNEUWdBRVo4TVFrNFVndzNqbWVYUU05aUVwVmtKeE4xc3pUd0t4N0NKRzB4ckNBaG84Y21XTnNJOC9vQjRMCmNZblhWNEtoZFEzSzRTUzFpYXFIZEEvQkI4blFLNkJzTUdvR0NTcUdTSWIzRFFFSkRqRmRNRnN3RmdZRFZSMFIKQkE4d0RZSUxaWGhoYlhCc1pTNWpiMjB3Q3dZRFZSMFBCQVFEQWdLa01DTUdBMVVkSlFRY01Cb0dCRlVkSlFBRwpDQ3NHQVFVRkJ3TUNCZ2dyQmdFRkJRY0RBVEFQQmdOVkhSTUJBZjhFQlRBREFRSC9NQW9HQ0NxR1NNNDlCQU1DCkEwZ0FNRVVDSUFqd1I0dXlwQlU2RWYzQ0RjcVg2R2o0Yzh6RFVpMW9lNFRoN1pCTjRLOU9BaUVBOGd0Mnd4VUEKanRMdWtqMDdoOHVqQzk0MnFTNGVwck1ocE92UnFQU1ZXY0k9Ci0tLS0tRU5EIENFUlRJRklDQVRFIFJFUVVFU1QtLS0tLQo=',
  ca_default:
    'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQkVUQ0J1QUlCQURBUE1RMHdDd1lEVlFRRERBUjBaWE4wTUZrd0V3WUhLb1pJemowQ0FRWUlLb1pJemowRApBUWNEUWdBRVo4TVFrNFVndzNqbWVYUU05aUVwVmtKeE4xc3pUd0t4N0NKRzB4ckNBaG84Y21XTnNJOC9vQjRMCmNZblhWNEtoZFEzSzRTUzFpYXFIZEEvQkI4blFLNkJITUVVR0NTcUdTSWIzRFFFSkRqRTRNRFl3RmdZRFZSMFIKQkE4d0RZSUxaWGhoYlhCc1pTNWpiMjB3Q3dZRFZSMFBCQVFEQWdLa01BOEdBMVVkRXdFQi93UUZNQU1CQWY4dwpDZ1lJS29aSXpqMEVBd0lEU0FBd1JRSWhBUE1DQklHLzlnMlF0TzkrajlUeVQvcmR3K240YktHYVVaSWpjclJHCm5xNEdBaUJFeHA0UEo5Q2w5VC9WQnlhMFoyL0ZDVkRUSXU5Q1pFMEhMTkZYR3JpQXl3PT0KLS0tLS1FTkQgQ0VSVElGSUNBVEUgUkVRVUVTVC0tLS0tCg==',
  none: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIME1JR2FBZ0VBTUE4eERUQUxCZ05WQkFNTUJIUmxjM1F3V1RBVEJnY3Foa2pPUFFJQkJnZ3Foa2pPUFFNQgpCd05DQUFSbnd4Q1RoU0REZU9aNWRBejJJU2xXUW5FM1d6TlBBckhzSWtiVEdzSUNHanh5Wlkyd2p6K2dIZ3R4CmlkZFhncUYxRGNyaEpMV0pxb2QwRDhFSHlkQXJvQ2t3SndZSktvWklodmNOQVFrT01Sb3dHREFXQmdOVkhSRUUKRHpBTmdndGxlR0Z0Y0d4bExtTnZiVEFLQmdncWhrak9QUVFEQWdOSkFEQkdBaUVBbDI4YXBpRjN2RXMwYURFQQpraVZOWjNySnowdlRYYVhJNjBwbXpKT3dqWlFDSVFERFVxNiszVzBqaE5QNm5kNXdHcDNtcW5yRkpWTmhnSTgxCjAzLzFjNGp3TkE9PQotLS0tLUVORCBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K',
  empty_ku:
    'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIK01JR21BZ0VBTUE4eERUQUxCZ05WQkFNTUJIUmxjM1F3V1RBVEJnY3Foa2pPUFFJQkJnZ3Foa2pPUFFNQgpCd05DQUFSbnd4Q1RoU0REZU9aNWRBejJJU2xXUW5FM1d6TlBBckhzSWtiVEdzSUNHanh5Wlkyd2p6K2dIZ3R4CmlkZFhncUYxRGNyaEpMV0pxb2QwRDhFSHlkQXJvRFV3TXdZSktvWklodmNOQVFrT01TWXdKREFXQmdOVkhSRUUKRHpBTmdndGxlR0Z0Y0d4bExtTnZiVEFLQmdOVkhROEVBd01CQURBS0JnZ3Foa2pPUFFRREFnTkhBREJFQWlBNgpZZjRiWTlFeThVS3QxT3hZTzI4WnlmOXA1cFJ1MzArZlNGR1UyN3IyNEFJZ0R1c1F0K2ZUNDlVMDRPdVViS0diCjB5Sm4wdXFiQitzdHRDOXlhM1BITzFRPQotLS0tLUVORCBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K',
  default_eku_s:
    'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQkZUQ0J2QUlCQURBUE1RMHdDd1lEVlFRRERBUjBaWE4wTUZrd0V3WUhLb1pJemowQ0FRWUlLb1pJemowRApBUWNEUWdBRVo4TVFrNFVndzNqbWVYUU05aUVwVmtKeE4xc3pUd0t4N0NKRzB4ckNBaG84Y21XTnNJOC9vQjRMCmNZblhWNEtoZFEzSzRTUzFpYXFIZEEvQkI4blFLNkJMTUVrR0NTcUdTSWIzRFFFSkRqRThNRG93RmdZRFZSMFIKQkE4d0RZSUxaWGhoYlhCc1pTNWpiMjB3Q3dZRFZSMFBCQVFEQWdXZ01CTUdBMVVkSlFRTU1Bb0dDQ3NHQVFVRgpCd01CTUFvR0NDcUdTTTQ5QkFNQ0EwZ0FNRVVDSVFDS2JNdnhZZlNnRENMZ3REaENuaGxuQlJpUEh2SzdMMXVzCnFHYlNKcUkvbWdJZ1FUZEttRTBGN2RqalQxdTJmMU5EdTFNbW9UTk4yTzUwZFZvSzBUWHJWcGM9Ci0tLS0tRU5EIENFUlRJRklDQVRFIFJFUVVFU1QtLS0tLQo=',
  ca_any_only:
    'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQkl6Q0J5UUlCQURBUE1RMHdDd1lEVlFRRERBUjBaWE4wTUZrd0V3WUhLb1pJemowQ0FRWUlLb1pJemowRApBUWNEUWdBRVo4TVFrNFVndzNqbWVYUU05aUVwVmtKeE4xc3pUd0t4N0NKRzB4ckNBaG84Y21XTnNJOC9vQjRMCmNZblhWNEtoZFEzSzRTUzFpYXFIZEEvQkI4blFLNkJZTUZZR0NTcUdTSWIzRFFFSkRqRkpNRWN3RmdZRFZSMFIKQkE4d0RZSUxaWGhoYlhCc1pTNWpiMjB3Q3dZRFZSMFBCQVFEQWdJRU1BOEdBMVVkSlFRSU1BWUdCRlVkSlFBdwpEd1lEVlIwVEFRSC9CQVV3QXdFQi96QUtCZ2dxaGtqT1BRUURBZ05KQURCR0FpRUE4ZmRpdm04V1NTeVI3endHCmtvTk1oNVFDZ2hMVFVZQktjMWpUSHpLUWIrRUNJUUR6bkhLVG9tR2VGY3MrT0djS04ya1VlN0JNS1hqVzJzR2EKYWJ4Q01neEhmdz09Ci0tLS0tRU5EIENFUlRJRklDQVRFIFJFUVVFU1QtLS0tLQo=',
};

const request = (csr: string, spec: Record<string, unknown>, status?: Record<string, unknown>) =>
  stringify({
    apiVersion: 'cert-manager.io/v1',
    kind: 'CertificateRequest',
    metadata: { name: 'test', namespace: 'default' },
    spec: { request: csr, issuerRef: VALID_ISSUER_REF, ...spec },
    ...(status ? { status } : {}),
  });
const caAny = (conditions: Array<Record<string, string>>) => request(CSR.ca_any_only, { isCA: true, usages: ['any'] }, { conditions });
const STATUS = 'status conditions are set by approvers through the status subresource; kubectl apply drops status, and we leave it unchecked';

export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/certificaterequest_test.go TestValidateCertificateRequest',
  cases: [
    { name: 'Test csr with no usages', valid: true, yaml: request(CSR.default, {}) },
    { name: 'Test csr with double signature usages', valid: true, yaml: request(CSR.default, { usages: ['signing', 'key encipherment'] }) },
    {
      name: 'Test csr with double extended usages',
      valid: true,
      yaml: request(CSR.default_eku_sc, { usages: ['signing', 'key encipherment', 'server auth', 'client auth'] }),
    },
    {
      name: 'Test csr with reordered usages',
      valid: true,
      yaml: request(CSR.default_eku_sc, { usages: ['server auth', 'client auth', 'key encipherment', 'digital signature'] }),
    },
    {
      name: 'Test csr that is CA with usages set',
      valid: true,
      yaml: request(CSR.ca_any_certsign, { isCA: true, usages: ['any', 'digital signature', 'key encipherment', 'cert sign'] }),
    },
    {
      name: 'Test csr that is CA but no cert sign in usages',
      valid: true,
      yaml: request(CSR.ca_any_cs, { isCA: true, usages: ['any', 'digital signature', 'key encipherment', 'client auth', 'server auth'] }),
    },
    { name: 'Test csr with default usages and isCA', valid: true, yaml: request(CSR.ca_default, { isCA: true }) },
    { name: 'Test cr with default usages', valid: true, yaml: request(CSR.default, { usages: ['key encipherment', 'digital signature'] }) },
    {
      name: 'Test cr with default usages, without any encoded in csr',
      valid: true,
      yaml: request(CSR.none, { usages: ['key encipherment', 'digital signature'] }),
    },
    {
      name: 'Test cr with default usages, with empty set encoded in csr',
      valid: false,
      yaml: request(CSR.empty_ku, { usages: ['key encipherment', 'digital signature'] }),
    },
    {
      name: 'Error on csr not having all usages',
      valid: false,
      yaml: request(CSR.default_eku_s, { usages: ['signing', 'key encipherment', 'server auth', 'client auth'] }),
    },
    { name: 'Error on cr not having all usages', valid: false, yaml: request(CSR.default_eku_sc, { usages: ['signing', 'key encipherment'] }) },
    {
      name: 'Test csr with any, signing, digital signature, key encipherment, server and client auth',
      valid: true,
      yaml: request(CSR.ca_any_cs, { isCA: true, usages: ['any', 'signing', 'key encipherment', 'client auth', 'server auth'] }),
    },
    { name: "CertificateRequest with single Approved=true condition, shouldn't error", valid: true, yaml: caAny([{ type: 'Approved', status: 'True' }]) },
    { name: "CertificateRequest with single Denied=true condition, shouldn't error", valid: true, yaml: caAny([{ type: 'Denied', status: 'True' }]) },
    {
      name: 'CertificateRequest with single Approved=false condition, should error',
      valid: false,
      differs: STATUS,
      yaml: caAny([{ type: 'Approved', status: 'False', reason: 'cert-manager.io' }]),
    },
    {
      name: 'CertificateRequest with single Denied=false condition, should error',
      valid: false,
      differs: STATUS,
      yaml: caAny([{ type: 'Denied', status: 'False', reason: 'Foo' }]),
    },
    {
      name: 'CertificateRequest with both Denied=false and Approved=false conditions, should error',
      valid: false,
      differs: STATUS,
      yaml: caAny([
        { type: 'Approved', status: 'False', reason: 'cert-manager.io' },
        { type: 'Denied', status: 'False', reason: 'Foo' },
      ]),
    },
    {
      name: 'CertificateRequest with both Denied=true and Approved=true conditions, should error',
      valid: false,
      differs: STATUS,
      yaml: caAny([
        { type: 'Approved', status: 'True', reason: 'cert-manager.io' },
        { type: 'Denied', status: 'True', reason: 'Foo' },
      ]),
    },
    {
      name: 'CertificateRequest with multiple Approved conditions, should error',
      valid: false,
      differs: STATUS,
      yaml: caAny([
        { type: 'Approved', status: 'True', reason: 'cert-manager.io' },
        { type: 'Approved', status: 'False', reason: 'foo' },
      ]),
    },
    {
      name: 'CertificateRequest with multiple Denied conditions, should error',
      valid: false,
      differs: STATUS,
      yaml: caAny([
        { type: 'Denied', status: 'True', reason: 'Foo' },
        { type: 'Denied', status: 'False', reason: 'Foo' },
      ]),
    },
  ],
};
