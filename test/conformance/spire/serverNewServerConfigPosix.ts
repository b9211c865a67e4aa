import type { ConformanceSuite } from '../conformanceCase';
import { serverCase as c, SPIRE_AT } from '../spireConfig';

export const suite: ConformanceSuite = {
  project: 'spire',
  source: `${SPIRE_AT} cmd/spire-server/cli/run/run_posix_test.go newServerConfigCasesOS`,
  cases: [
    c('socket_path should be correctly configured', true, 'socket_path = "/foo"'),
    c('log_file allows to reopen', true, 'log_file = "/tmp/spire-test/foo"'),
  ],
};
