import type { ConformanceSuite } from '../conformanceCase';
import { dns01Issuer } from '../certManagerManifest';

// Upstream tests the helper alone; here each nameserver is an RFC 2136 solver's, where the webhook uses it.
const rfc2136 = (nameserver: string) => dns01Issuer({ rfc2136: { nameserver } });

export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/util/nameserver_test.go TestValidNameserver',
  cases: [
    { name: 'IPv4 with no port should return port 53', valid: true, yaml: rfc2136('8.8.8.8') },
    { name: 'IPv4 with : but no port number should return port 53', valid: true, yaml: rfc2136('8.8.8.8:') },
    { name: 'IPv4 with port number should return the same', valid: true, yaml: rfc2136('8.8.8.8:5353') },
    { name: 'IPv6 with no port should return port 53', valid: true, yaml: rfc2136('[2001:db8::1]') },
    { name: 'IPv6 with : but no port number should return port 53', valid: true, yaml: rfc2136('[2001:db8::1]:') },
    { name: 'IPv6 with port number should return the same', valid: true, yaml: rfc2136('[2001:db8::1]:5353') },
    { name: 'DNS name with no port should return port 53', valid: true, yaml: rfc2136('nameserver.com') },
    { name: 'DNS name with : but no port number should return port 53', valid: true, yaml: rfc2136('nameserver.com:') },
    { name: 'DNS name with port number should return the same', valid: true, yaml: rfc2136('nameserver.com:5353') },
    { name: 'Non unenclosed IPv6 should error', valid: false, yaml: rfc2136('2001:db8::1:5353') },
    { name: 'Port only should error', valid: false, yaml: rfc2136(':53') },
    { name: 'Empty nameserver should error', valid: false, yaml: rfc2136('') },
  ],
};
