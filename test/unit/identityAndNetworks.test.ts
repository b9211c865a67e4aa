import * as assert from 'node:assert/strict';
import { spiffeIdProblem } from '../../common/src/identity/spiffe';
import { cidrContains, parseCidr } from '../../common/src/net/cidr';

describe('SPIFFE IDs', () => {
  it('accepts IDs of the specification', () => {
    for (const id of ['spiffe://cluster.local/ns/default/sa/web', 'spiffe://example.org', 'spiffe://a_b-c.d/x.y/z-1_2'])
      assert.equal(spiffeIdProblem(id), undefined, id);
  });

  it('says what is wrong with an invalid one', () => {
    const cases: Array<[string, RegExp]> = [
      ['cluster.local/ns/a/sa/b', /must start with spiffe:\/\//],
      ['SPIFFE://cluster.local/x', /lower case: spiffe:\/\//],
      ['spiffe://', /trust domain is empty/],
      ['spiffe://Cluster.Local/x', /trust domain must be lower case/],
      ['spiffe://td:8080/x', /must not carry a port/],
      ['spiffe://td/a//b', /empty segment/],
      ['spiffe://td/a/', /must not end with "\/"/],
      ['spiffe://td/a/../b', /must not contain "\.\." segments/],
      ['spiffe://td/a b', /segment "a b"/],
    ];
    for (const [id, reason] of cases) assert.match(spiffeIdProblem(id) ?? '', reason, id);
  });
});

describe('CIDRs', () => {
  it('parses IPv4, IPv6 and bare addresses', () => {
    assert.deepEqual(parseCidr('10.0.0.0/8')?.prefix, 8);
    assert.deepEqual(parseCidr('192.168.1.7')?.prefix, 32);
    assert.deepEqual(parseCidr('fd00::/8')?.family, 6);
    for (const bad of ['10.0.0.0/33', '300.1.1.1/8', '10.0.0/8', 'abc', '10.0.0.0/8/1', '::/129']) assert.equal(parseCidr(bad), undefined, bad);
  });

  it('tells whether one network lies inside another', () => {
    const outer = parseCidr('10.0.0.0/8')!;
    assert.equal(cidrContains(outer, parseCidr('10.1.2.0/24')!), true);
    assert.equal(cidrContains(outer, parseCidr('11.0.0.0/24')!), false);
    assert.equal(cidrContains(parseCidr('10.1.0.0/16')!, outer), false);
    assert.equal(cidrContains(parseCidr('fd00::/8')!, parseCidr('fd12:3456::1')!), true);
    assert.equal(cidrContains(parseCidr('fd00::/8')!, parseCidr('fe80::1')!), false);
    assert.equal(cidrContains(outer, parseCidr('fd00::/8')!), false);
  });
});
