import { isMap, isScalar, type Node } from 'yaml';
import { parseGoDuration } from '../../../../common/src/time/goDuration';
import type { ResourceView } from './resourceView';

// istiod's checks of the settings a DestinationRule traffic policy carries (validateConnectionPool,
// validateOutlierDetection, validateLoadBalancer in pkg/config/validation/validation.go, and the
// locality checks in pkg/config/validation/agent/validation.go).

const POOL = 'istio-traffic-policy';
const LB = 'istio-load-balancer';

/** A number written at a path, or undefined (absent, templated, not a number). */
function num(r: ResourceView, path: string[], from: Node): number | undefined {
  const value = r.value(path, from);
  return typeof value === 'number' ? value : undefined;
}

/**
 * istiod keeps durations to whole milliseconds of at least 1ms. The CRD's own rule already refuses
 * durations under 1ms on most fields; `floor` asks for that check here too, where it has none.
 */
function checkDuration(r: ResourceView, path: string[], from: Node, floor = false): void {
  const text = r.value(path, from);
  if (typeof text !== 'string') return;
  const ms = parseGoDuration(text);
  if (ms === undefined) return;
  if (ms < 1) {
    if (floor) r.ctx.error(r.rangeOf(path, from), POOL, `${path.join('.')}: the duration must be at least 1ms.`);
  } else if (Math.round(ms * 1e6) % 1e6 !== 0)
    r.ctx.error(r.rangeOf(path, from), POOL, `${path.join('.')}: istiod only takes durations in whole milliseconds, and "${text}" is not one.`);
}

function checkNonNegative(r: ResourceView, fields: string[], from: Node, where: string): void {
  for (const field of fields) {
    const value = num(r, [field], from);
    if (value !== undefined && value < 0) r.ctx.error(r.rangeOf([field], from), POOL, `${where}.${field} must not be negative.`);
  }
}

function checkPercent(r: ResourceView, fields: string[], from: Node): void {
  for (const field of fields) {
    const value = num(r, [field], from);
    if (value !== undefined && (value < 0 || value > 100))
      r.ctx.error(r.rangeOf([field], from), POOL, `outlierDetection.${field} is a percentage: it must lie between 0 and 100.`);
  }
}

export function checkConnectionPool(r: ResourceView, pool: Node): void {
  if (!isMap(pool)) return;
  const http = r.node(['http'], pool);
  const tcp = r.node(['tcp'], pool);
  if (!http && !tcp) {
    r.ctx.error(r.valueRange(pool), POOL, 'connectionPool needs tcp or http settings: istiod refuses an empty one.');
    return;
  }
  if (http) {
    checkNonNegative(
      r,
      ['http1MaxPendingRequests', 'http2MaxRequests', 'maxRequestsPerConnection', 'maxRetries', 'maxConcurrentStreams'],
      http,
      'connectionPool.http',
    );
    checkDuration(r, ['idleTimeout'], http);
    if (r.value(['h2UpgradePolicy'], http) === 'UPGRADE' && r.value(['useClientProtocol'], http) === true) {
      r.ctx.error(r.rangeOf(['useClientProtocol'], http), POOL, 'useClientProtocol: true cannot be combined with h2UpgradePolicy: UPGRADE.');
    }
    const keepalive = r.node(['http2KeepAlive'], http);
    if (keepalive) {
      for (const field of ['interval', 'timeout']) {
        if (!r.has([field], keepalive)) r.ctx.error(r.rangeOf(['http2KeepAlive'], http), POOL, `http2KeepAlive needs ${field}.`);
        else checkDuration(r, [field], keepalive);
      }
    }
  }
  if (tcp) {
    checkNonNegative(r, ['maxConnections'], tcp, 'connectionPool.tcp');
    checkDuration(r, ['connectTimeout'], tcp);
    checkDuration(r, ['maxConnectionDuration'], tcp);
    // 0s turns the idle timeout off, so istiod lets it through; the CRD has no rule for this field.
    if (r.value(['idleTimeout'], tcp) !== '0s' && r.value(['idleTimeout'], tcp) !== '0') checkDuration(r, ['idleTimeout'], tcp, true);
    const keepalive = r.node(['tcpKeepalive'], tcp);
    if (keepalive) for (const field of ['time', 'interval']) checkDuration(r, [field], keepalive);
  }
}

export function checkOutlierDetection(r: ResourceView, outlier: Node): void {
  if (!isMap(outlier)) return;
  checkDuration(r, ['baseEjectionTime'], outlier);
  checkDuration(r, ['interval'], outlier);
  if ((num(r, ['consecutiveErrors'], outlier) ?? 0) !== 0) {
    r.ctx.warning(
      r.rangeOf(['consecutiveErrors'], outlier),
      POOL,
      'consecutiveErrors is deprecated: use consecutiveGatewayErrors or consecutive5xxErrors.',
      undefined,
    );
  }
  if ((num(r, ['consecutiveLocalOriginFailures'], outlier) ?? 0) > 0 && r.value(['splitExternalLocalOriginErrors'], outlier) !== true) {
    r.ctx.error(
      r.rangeOf(['consecutiveLocalOriginFailures'], outlier),
      POOL,
      'consecutiveLocalOriginFailures only counts when splitExternalLocalOriginErrors is true: istiod refuses it otherwise.',
    );
  }
  checkPercent(r, ['maxEjectionPercent', 'minHealthPercent'], outlier);
}

/** Envoy's primality test for Maglev table sizes, which istiod repeats. */
function isPrime(x: number): boolean {
  if (x !== 0 && x < 4) return true;
  if (x % 2 === 0) return false;
  for (let factor = 3; factor * factor <= x; factor += 2) if (x % factor === 0) return false;
  return true;
}

/** `outlier` is the outlier detection of the same policy: failover needs it to notice failures. */
export function checkLoadBalancer(r: ResourceView, lb: Node, outlier: Node | undefined): void {
  if (!isMap(lb)) return;
  const hash = r.node(['consistentHash'], lb);
  if (hash) checkConsistentHash(r, hash);
  const locality = r.node(['localityLbSetting'], lb);
  const zoneAware = r.node(['zoneAwareLbSetting'], lb);
  if (locality && zoneAware) r.ctx.error(r.rangeOf(['zoneAwareLbSetting'], lb), LB, 'localityLbSetting and zoneAwareLbSetting cannot both be set.');
  if (locality) checkLocality(r, locality, outlier);
  if (zoneAware) checkFailover(r, zoneAware, outlier, 'zoneAwareLbSetting');
  const warmup = r.node(['warmup'], lb);
  if (isMap(warmup)) {
    if (!r.has(['duration'], warmup)) r.ctx.error(r.rangeOf(['warmup'], lb), LB, 'warmup needs a duration.');
    else checkDuration(r, ['duration'], warmup);
    // Negative values already break the CRD's minimum; istiod refuses zero too.
    if (num(r, ['aggression'], warmup) === 0) r.ctx.error(r.rangeOf(['aggression'], warmup), LB, 'warmup.aggression must be greater than 0.');
  }
}

function checkConsistentHash(r: ResourceView, hash: Node): void {
  const cookie = r.node(['httpCookie'], hash);
  if (cookie) {
    if (!r.has(['name'], cookie) || r.value(['name'], cookie) === '')
      r.ctx.error(r.rangeOf(['httpCookie'], hash), LB, 'httpCookie needs a name: the cookie that carries the hash key.');
    const seen = new Set<string>();
    for (const attribute of r.items(['attributes'], cookie)) {
      const name = r.value(['name'], attribute);
      if (name === undefined && r.has(['name'], attribute)) continue;
      if (typeof name !== 'string' || name === '') r.ctx.error(r.valueRange(attribute), LB, 'A cookie attribute needs a name.');
      else if (seen.has(name)) r.ctx.error(r.rangeOf(['name'], attribute), LB, `The cookie attribute "${name}" is set twice.`);
      else seen.add(name);
    }
  }
  const ringSize = num(r, ['minimumRingSize'], hash) ?? 0;
  if (ringSize !== 0) {
    r.ctx.warning(r.rangeOf(['minimumRingSize'], hash), LB, 'consistentHash.minimumRingSize is deprecated: use ringHash.minimumRingSize.', undefined);
    if (r.has(['ringHash'], hash) || r.has(['maglev'], hash))
      r.ctx.error(r.rangeOf(['minimumRingSize'], hash), LB, 'consistentHash.minimumRingSize cannot be combined with ringHash or maglev.');
  }
  const maglev = r.node(['maglev'], hash);
  if (maglev) {
    const size = num(r, ['tableSize'], maglev) ?? (r.has(['tableSize'], maglev) ? undefined : 0);
    if (size === 0) r.ctx.error(r.rangeOf(['maglev'], hash), LB, 'maglev needs a tableSize: a prime number below 5000011.');
    else if (size !== undefined && (size >= 5000011 || !isPrime(size)))
      r.ctx.error(r.rangeOf(['tableSize'], maglev), LB, `maglev.tableSize must be a prime number below 5000011 (${size} is not).`);
  }
}

const TOPOLOGY_LABELS = ['topology.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.istio.io/subzone'];

function checkLocality(r: ResourceView, locality: Node, outlier: Node | undefined): void {
  const distribute = r.items(['distribute'], locality);
  const failover = r.items(['failover'], locality);
  if (distribute.length && failover.length) {
    r.ctx.error(r.rangeOf(['failover'], locality), LB, 'localityLbSetting cannot set both distribute and failover.');
    return;
  }
  const sources: Array<{ node: Node; value: string }> = [];
  for (const entry of distribute) {
    const from = r.node(['from'], entry);
    if (from && isScalar(from) && typeof from.value === 'string') sources.push({ node: from, value: from.value });
    const to = r.node(['to'], entry);
    if (!isMap(to)) continue;
    let total = 0;
    let known = true;
    let outOfRange = false;
    const targets: Array<{ node: Node; value: string }> = [];
    for (const pair of to.items) {
      const weight = isScalar(pair.value) && !r.ctx.isTemplated(pair.value) ? pair.value.value : undefined;
      if (isScalar(pair.key) && typeof pair.key.value === 'string') targets.push({ node: pair.key, value: pair.key.value });
      if (typeof weight !== 'number') known = false;
      else if (weight <= 0 || weight > 100) {
        outOfRange = true;
        r.ctx.error(r.valueRange(pair.value as Node), LB, 'A locality weight must lie between 1 and 100.');
      } else total += weight;
    }
    if (known && !outOfRange && total !== 100) {
      r.ctx.error(r.rangeOf(['to'], entry), LB, `The weights of distribute[].to must add up to 100 (these add up to ${total}).`);
    }
    // istiod stops at the first weight problem, before comparing localities.
    if (outOfRange || (known && total !== 100)) return;
    checkLocalities(r, targets);
  }
  checkLocalities(r, sources);
  if (failover.length) {
    const topology = r.items(['failoverPriority'], locality).find((item) => isScalar(item) && TOPOLOGY_LABELS.includes(String(item.value)));
    if (topology)
      r.ctx.error(
        r.valueRange(topology),
        LB,
        'failoverPriority cannot hold the region, zone or subzone label when failover is set: failover already orders regions.',
      );
  }
  checkFailover(r, locality, outlier, 'localityLbSetting');
}

function checkFailover(r: ResourceView, setting: Node, outlier: Node | undefined, where: string): void {
  if (where === 'zoneAwareLbSetting') {
    for (const item of r.items(['failoverPriority'], setting)) {
      if (isScalar(item) && TOPOLOGY_LABELS.includes(String(item.value)))
        r.ctx.error(
          r.valueRange(item),
          LB,
          'zoneAwareLbSetting.failoverPriority cannot hold the region, zone or subzone label: zone-aware balancing orders those itself.',
        );
    }
  }
  const failover = r.items(['failover'], setting);
  if ((failover.length || r.items(['failoverPriority'], setting).length) && !outlier) {
    r.ctx.warning(
      r.rangeOf([failover.length ? 'failover' : 'failoverPriority'], setting),
      LB,
      `${where} failover only happens with outlierDetection set on the same traffic policy: without it no endpoint is ever marked unhealthy.`,
      undefined,
    );
  }
  for (const entry of failover) {
    const from = r.string(['from'], entry);
    const to = r.string(['to'], entry);
    if (from === undefined || to === undefined) continue;
    if (from === to) r.ctx.error(r.valueRange(entry), LB, `A failover entry must name two different regions (both are "${from}").`);
    if (from.includes('/') || to.includes('/')) r.ctx.error(r.valueRange(entry), LB, 'failover takes regions only, without zone or subzone ("/").');
    if (from.includes('*') || to.includes('*')) r.ctx.error(r.valueRange(entry), LB, 'A failover region cannot contain the * wildcard.');
  }
}

/** istiod's overlap check of localities ("region/zone/subzone", a trailing * standing for the rest). */
function checkLocalities(r: ResourceView, localities: Array<{ node: Node; value: string }>): void {
  const regions = new Map<string, Map<string, Set<string>>>();
  for (const { node, value } of localities) {
    const stars = value.split('*').length - 1;
    const fail = (why: string) => r.ctx.error(r.valueRange(node), LB, `The locality "${value}" ${why}.`);
    if (stars > 1 || (stars === 1 && !value.endsWith('*'))) return fail('may only hold one *, at its end');
    if (regions.has('*')) return fail('overlaps one written before it');
    const parts = value.split('/');
    const [region, zone, subzone] = parts.length > 3 ? [parts[0], parts[1], parts.slice(2).join('/')] : parts;
    if ([region, zone, subzone].some((part) => part === '')) return fail('has an empty region, zone or subzone');
    const zones = regions.get(region);
    if (zone === undefined) {
      if (zones) return fail('overlaps one written before it');
      regions.set(region, new Map([['*', new Set(['*'])]]));
    } else if (subzone === undefined) {
      if (zones?.has('*') || zones?.has(zone)) return fail('overlaps one written before it');
      if (zones) zones.set(zone, new Set(['*']));
      else regions.set(region, new Map([[zone, new Set(['*'])]]));
    } else {
      if (zones?.has('*')) return fail('overlaps one written before it');
      const subzones = zones?.get(zone);
      if (subzones?.has('*') || subzones?.has(subzone)) return fail('overlaps one written before it');
      if (subzones) subzones.add(subzone);
      else if (zones) zones.set(zone, new Set([subzone]));
      else regions.set(region, new Map([[zone, new Set([subzone])]]));
    }
  }
}
