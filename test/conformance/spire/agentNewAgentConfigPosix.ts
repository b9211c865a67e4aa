import type { ConformanceSuite } from '../conformanceCase';
import { agentCase as c, SPIRE_AT } from '../spireConfig';

const brokerSocket =
  'experimental {\n  broker {\n    socket_path = "/tmp/broker.sock"\n    brokers = [\n      {\n        id = "spiffe://example.org/broker"\n        allowed_reference_types = [{ type_url = "type.googleapis.com/spiffe.broker.WorkloadPIDReference" }]\n      },\n    ]\n  }\n}';

export const suite: ConformanceSuite = {
  project: 'spire',
  source: `${SPIRE_AT} cmd/spire-agent/cli/run/run_posix_test.go newAgentConfigCasesOS`,
  cases: [
    c('socket_path should be correctly configured', true, 'socket_path = "/foo"'),
    c('admin_socket_path should be correctly configured', true, 'admin_socket_path = "/foo"'),
    c(
      'admin_socket_path can share disabled public endpoint socket directory',
      true,
      'socket_path = "/tmp/workload.sock"\ndisable_workload_api = true\ndisable_sds_api = true\nadmin_socket_path = "/tmp/admin.sock"',
    ),
    c(
      'admin_socket_path configured with similar folder that socket_path',
      true,
      'socket_path = "/tmp/workload/workload.sock"\nadmin_socket_path = "/tmp/workload-admin/admin.sock"',
    ),
    c(
      'admin_socket_path should be correctly configured in different folder',
      true,
      'socket_path = "/tmp/workload/workload.sock"\nadmin_socket_path = "/tmp/admin.sock"',
    ),
    c('admin_socket_path same folder as socket_path', false, 'socket_path = "/tmp/workload.sock"\nadmin_socket_path = "/tmp/admin.sock"'),
    c(
      'admin_socket_path same folder as socket_path when only workload API is disabled',
      false,
      'socket_path = "/tmp/workload.sock"\ndisable_workload_api = true\nadmin_socket_path = "/tmp/admin.sock"',
    ),
    c('admin_socket_path configured with subfolder socket_path', false, 'socket_path = "/tmp/workload.sock"\nadmin_socket_path = "/tmp/admin/admin.sock"'),
    c('admin_socket_path relative folder', false, 'socket_path = "./sock/workload.sock"\nadmin_socket_path = "./sock/admin.sock"'),
    c(
      'broker socket can share disabled public endpoint socket directory',
      true,
      `socket_path = "/tmp/workload.sock"\ndisable_workload_api = true\ndisable_sds_api = true\n${brokerSocket}`,
    ),
    c('admin_socket_path not provided', true, 'admin_socket_path = ""'),
    c('log_file allows to reopen', true, 'log_file = "/tmp/spire-test/foo"'),
  ],
};
