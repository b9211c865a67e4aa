import type { ConformanceSuite } from '../conformanceCase';
import { serverCase, SPIRE_AT } from '../spireConfig';

// hasCompatibleTTL decides SPIRE's TTL warning. A TTL of 0 means SPIRE's default (ca 24h, X509
// 1h, JWT 5m), so it is left out of the file. Every case is a valid configuration; the ones where
// upstream expects an incompatible TTL must get our spire-ttl warning.
function c(name: string, ca: string, x509: string, jwt: string, compatible: boolean) {
  const lines = [ca && `ca_ttl = "${ca}"`, x509 && `default_x509_svid_ttl = "${x509}"`, jwt && `default_jwt_svid_ttl = "${jwt}"`].filter(Boolean).join('\n');
  return serverCase(name, true, lines, compatible ? {} : { warning: 'spire-ttl' });
}

const FOUR_WEEKS_TIMES_SIX = `${24 * 7 * 4 * 6}h`;
const TWO_WEEKS = `${24 * 7 * 2}h`;

export const suite: ConformanceSuite = {
  project: 'spire',
  source: `${SPIRE_AT} cmd/spire-server/cli/run/run_test.go TestHasCompatibleTTLs`,
  cases: [
    c('All values are default values', '', '', '', true),
    c('ca_ttl is large enough for all default SVID TTL', '7h', '', '', true),
    c('ca_ttl is not large enough for the default SVID TTL', '1m', '', '', false),
    c('default_x509_svid_ttl is small enough for the default CA TTL', '', '3h', '', true),
    c('default_x509_svid_ttl is not small enough for the default CA TTL', '', '24h', '', false),
    c('default_x509_svid_ttl is small enough for the configured CA TTL', '24h', '1h', '', true),
    c('default_x509_svid_ttl is not small enough for the configured CA TTL', '24h', '23h', '', false),
    c('default_x509_svid_ttl is larger than the configured CA TTL', '24h', '25h', '', false),
    c('default_x509_svid_ttl is small enough for the configured CA TTL but larger than the max', FOUR_WEEKS_TIMES_SIX, TWO_WEEKS, '', false),
    c('default_jwt_svid_ttl is small enough for the default CA TTL', '', '', '3h', true),
    c('default_jwt_svid_ttl is not small enough for the default CA TTL', '', '', '24h', false),
    c('default_jwt_svid_ttl is small enough for the configured CA TTL', '24h', '', '1h', true),
    c('default_jwt_svid_ttl is not small enough for the configured CA TTL', '24h', '', '23h', false),
    c('default_jwt_svid_ttl is larger than the configured CA TTL', '24h', '', '25h', false),
    c('default_jwt_svid_ttl is small enough for the configured CA TTL but larger than the max', FOUR_WEEKS_TIMES_SIX, '', TWO_WEEKS, false),
    c('all default svid_ttls are small enough for the configured CA TTL', '24h', '1h', '1h', true),
  ],
};
