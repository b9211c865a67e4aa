import type { ConformanceSuite } from '../conformanceCase';
import { basicCertificate as basic } from '../certManagerManifest';

// The upstream durations, written as Go prints them.
const SECOND = '1s';
const TEN_MINUTES = '10m0s';
const HALF_HOUR = '30m0s';
const MONTH = '720h0m0s';
const HALF_YEAR = '4320h0m0s';
const YEAR = '8760h0m0s';
const TEN_YEARS = '87600h0m0s';
const ONLY_PERCENTAGE =
  'the webhook runs ValidateDuration only when duration or renewBefore is set, so a manifest with renewBeforePercentage alone is accepted; we warn instead';

export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/certificate_test.go TestValidateDuration',
  cases: [
    { name: 'default duration and renewBefore', valid: true, yaml: basic({}) },
    { name: 'valid duration and renewBefore', valid: true, yaml: basic({ duration: YEAR, renewBefore: HALF_YEAR }) },
    { name: 'unset duration, valid renewBefore for default', valid: true, yaml: basic({ renewBefore: MONTH }) },
    { name: 'unset renewBefore, valid duration for default', valid: true, yaml: basic({ duration: YEAR }) },
    { name: 'renewBefore is bigger than the default duration', valid: false, yaml: basic({ renewBefore: TEN_YEARS }) },
    { name: 'renewBefore is bigger than the duration', valid: false, yaml: basic({ duration: MONTH, renewBefore: YEAR }) },
    { name: 'renewBefore is less than the minimum permitted value', valid: false, yaml: basic({ renewBefore: SECOND }) },
    { name: 'renewBefore and renewBeforePercentage both set', valid: false, yaml: basic({ renewBefore: MONTH, renewBeforePercentage: 95 }) },
    { name: 'valid duration and renewBeforePercentage', valid: true, yaml: basic({ duration: YEAR, renewBeforePercentage: 95 }) },
    { name: 'unset duration, valid renewBeforePercentage for default', valid: true, yaml: basic({ renewBeforePercentage: 95 }) },
    { name: 'renewBeforePercentage is equal to duration', valid: false, differs: ONLY_PERCENTAGE, yaml: basic({ renewBeforePercentage: 0 }) },
    {
      name: 'renewBeforePercentage results in less than the minimum permitted value',
      valid: false,
      differs: ONLY_PERCENTAGE,
      yaml: basic({ renewBeforePercentage: 100 }),
    },
    { name: 'duration is less than the minimum permitted value', valid: false, yaml: basic({ duration: HALF_HOUR, renewBefore: TEN_MINUTES }) },
    {
      name: 'renewBeforePercentage=1 with 10-year duration does not overflow int64',
      valid: true,
      yaml: basic({ duration: TEN_YEARS, renewBeforePercentage: 1 }),
    },
    {
      name: 'renewBeforePercentage=1 with 3-year duration does not overflow int64',
      valid: true,
      yaml: basic({ duration: '26280h0m0s', renewBeforePercentage: 1 }),
    },
  ],
};
