import type { ConformanceSuite } from '../conformanceCase';
import { issuer, VALID_SECRET_KEY_REF as ref } from '../certManagerManifest';

const auth = (config: Record<string, unknown>) => issuer({ vault: { server: 'something', path: 'a/b/c', auth: config } });
const appRole = { roleId: 'role-id', secretRef: { name: 'secret', key: 'key' }, path: 'path' };
const kubernetes = { mountPath: 'path', role: 'role', serviceAccountRef: { name: 'service-account' } };

export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/issuer_test.go TestValidateVaultIssuerAuth',
  cases: [
    { name: 'valid auth: all three auth types can be set simultaneously', valid: true, yaml: auth({ appRole, tokenSecretRef: ref, kubernetes }) },
    { name: 'valid auth.tokenSecretRef', valid: true, yaml: auth({ tokenSecretRef: { name: 'secret', key: 'key' } }) },
    { name: 'invalid auth.tokenSecretRef: key can be omitted', valid: true, yaml: auth({ tokenSecretRef: { name: 'secret' } }) },
    { name: 'valid auth.appRole', valid: true, yaml: auth({ appRole }) },
    {
      name: 'valid auth.appRole: key can be omitted',
      valid: true,
      yaml: auth({ appRole: { roleId: 'role-id', secretRef: { name: 'secret' }, path: 'path' } }),
    },
    { name: 'invalid auth.appRole: roleId is required', valid: false, yaml: auth({ appRole: { secretRef: { name: 'secret', key: 'key' }, path: 'path' } }) },
    { name: 'valid auth.clientCertificate: all fields can be empty', valid: true, yaml: auth({ clientCertificate: {} }) },
    {
      name: 'valid auth.kubernetes.secretRef: key can be left empty',
      valid: true,
      yaml: auth({ kubernetes: { secretRef: { name: 'secret' }, role: 'role' } }),
    },
    { name: 'valid auth.kubernetes.serviceAccountRef', valid: true, yaml: auth({ kubernetes }) },
    {
      name: 'invalid auth.kubernetes: role is required',
      valid: false,
      yaml: auth({ kubernetes: { mountPath: 'path', serviceAccountRef: { name: 'service-account' } } }),
    },
    {
      name: 'invalid auth.kubernetes: secretRef and serviceAccountRef mutually exclusive',
      valid: false,
      yaml: auth({ kubernetes: { secretRef: { name: 'secret' }, serviceAccountRef: { name: 'service-account' }, role: 'role' } }),
    },
    { name: 'valid auth.aws', valid: true, yaml: auth({ aws: { role: 'my-role' } }) },
    {
      name: 'valid auth.aws with serviceAccountRef',
      valid: true,
      yaml: auth({ aws: { role: 'my-role', serviceAccountRef: { name: 'service-account' }, iamRoleArn: 'arn:aws:iam::123456789012:role/my-role' } }),
    },
    { name: 'invalid auth.aws: role is required', valid: false, yaml: auth({ aws: {} }) },
    {
      name: 'invalid auth.aws: serviceAccountRef.name is required',
      valid: false,
      yaml: auth({ aws: { role: 'my-role', serviceAccountRef: {}, iamRoleArn: 'arn:aws:iam::123456789012:role/my-role' } }),
    },
    {
      name: 'invalid auth.aws: iamRoleArn is required when serviceAccountRef is set',
      valid: false,
      yaml: auth({ aws: { role: 'my-role', serviceAccountRef: { name: 'service-account' } } }),
    },
    { name: "invalid auth.appRole: path contains '..' segments", valid: false, yaml: auth({ appRole: { ...appRole, path: '../../sys/seal' } }) },
    { name: "invalid auth.clientCertificate: path contains '..' segments", valid: false, yaml: auth({ clientCertificate: { mountPath: '../other' } }) },
    { name: "invalid auth.kubernetes: path contains '..' segments", valid: false, yaml: auth({ kubernetes: { ...kubernetes, mountPath: '../other' } }) },
    { name: "invalid auth.aws: mountPath contains '..' segments", valid: false, yaml: auth({ aws: { role: 'my-role', mountPath: '../other' } }) },
    {
      name: 'valid auth: all five auth types can be set simultaneously',
      valid: true,
      yaml: auth({ appRole, tokenSecretRef: ref, kubernetes, aws: { role: 'aws-role' } }),
    },
  ],
};
