import { describe, expect, it } from 'vitest';
import { chooseListenAddress, defaultRouteInterface, type InterfaceAddress, lanCandidates } from '../../src/core/lan.js';

// Where `ua serve --lan` listens, from what the system says of its network (as Node's
// os.networkInterfaces() and Linux's /proc/net/route give it): a laptop's usual interfaces.

const v4 = (address: string, internal = false): InterfaceAddress => ({ address, family: 'IPv4', internal });
const v6 = (address: string, internal = false): InterfaceAddress => ({ address, family: 'IPv6', internal });

const LAPTOP = {
  lo: [v4('127.0.0.1', true), v6('::1', true)],
  docker0: [v4('172.17.0.1')],
  wlp2s0: [v4('192.168.1.20'), v6('fe80::1c2b:3aff:fe4d:5e6f'), v6('2001:db8::20')],
  enx00: [v4('169.254.12.7')],
};

const ROUTE_HEADER = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT';
const route = (...rows: string[]) => [ROUTE_HEADER, ...rows, ''].join('\n');

describe('the addresses a phone in the room could reach', () => {
  it("lists every IPv4 address that is not loopback, the default route's interface first and link-local last", () => {
    expect(lanCandidates(LAPTOP, 'wlp2s0')).toEqual([
      { address: '192.168.1.20', iface: 'wlp2s0', defaultRoute: true },
      { address: '172.17.0.1', iface: 'docker0', defaultRoute: false },
      { address: '169.254.12.7', iface: 'enx00', defaultRoute: false },
    ]);
  });

  it("keeps the system's order when no interface has the default route (not Linux, or no network)", () => {
    expect(lanCandidates(LAPTOP, undefined).map((c) => c.address)).toEqual(['172.17.0.1', '192.168.1.20', '169.254.12.7']);
  });

  it('puts a link-local address after the others even on the default route (no DHCP server answered there)', () => {
    const interfaces = { eth0: [v4('169.254.3.4')], wlan0: [v4('10.0.0.5')] };
    expect(lanCandidates(interfaces, 'eth0').map((c) => c.address)).toEqual(['10.0.0.5', '169.254.3.4']);
  });

  it('leaves out IPv6 (a phone would need the address in brackets, or a zone for a link-local one) and loopback', () => {
    const interfaces = { lo: [v4('127.0.0.1', true)], wlan0: [v6('fe80::1'), v6('2001:db8::5')], none: undefined };
    expect(lanCandidates(interfaces, 'wlan0')).toEqual([]);
  });

  it('reads the family as the older Node gave it, a number', () => {
    const interfaces = { wlan0: [{ address: '10.1.2.3', family: 4, internal: false }] };
    expect(lanCandidates(interfaces, 'wlan0')).toEqual([{ address: '10.1.2.3', iface: 'wlan0', defaultRoute: true }]);
  });
});

describe("the default route's interface, from /proc/net/route", () => {
  it.each([
    [
      'one default route',
      route('wlp2s0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0', 'wlp2s0\t0001A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0'),
      'wlp2s0',
    ],
    [
      'two: the one with the lower metric',
      route('wlp2s0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0', 'eth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0'),
      'eth0',
    ],
    ['a route that is down is not taken', route('eth0\t00000000\t0100000A\t0002\t0\t0\t100\t00000000\t0\t0\t0'), undefined],
    ['no default route', route('docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0'), undefined],
    ['an empty file', '', undefined],
  ])('%s', (_name, text, iface) => {
    expect(defaultRouteInterface(text)).toBe(iface);
  });
});

describe('the address ua serve listens on', () => {
  const candidates = lanCandidates(LAPTOP, 'wlp2s0');

  it('is 127.0.0.1 without --lan, whatever the network', () => {
    expect(chooseListenAddress(candidates, { lan: false })).toEqual({ host: '127.0.0.1', others: [] });
  });

  it("is the first candidate with --lan (the default route's), the others named", () => {
    expect(chooseListenAddress(candidates, { lan: true })).toEqual({ host: '192.168.1.20', others: candidates.slice(1) });
  });

  it('is the one --host names when it is a candidate, or 127.0.0.1 (to try it on this machine)', () => {
    expect(chooseListenAddress(candidates, { lan: true, host: '172.17.0.1' })).toEqual({ host: '172.17.0.1', others: [] });
    expect(chooseListenAddress(candidates, { lan: true, host: '127.0.0.1' })).toEqual({ host: '127.0.0.1', others: [] });
  });

  it.each([
    ['an address of another machine', '192.168.1.21', 'notOurs'],
    ['a name', 'laptop.local', 'notOurs'],
    ['an IPv6 address of this machine', '2001:db8::20', 'notIpv4'],
    ['IPv6 loopback', '::1', 'notIpv4'],
  ])('refuses --host as %s', (_name, host, refused) => {
    expect(chooseListenAddress(candidates, { lan: true, host })).toEqual({ refused, candidates });
  });

  it('has none to give when the machine is on no network', () => {
    expect(chooseListenAddress([], { lan: true })).toEqual({ none: true });
  });
});
