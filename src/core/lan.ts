// Which address of this machine `ua serve --lan` listens on, from what the system says of its
// network (io/lan-addresses.ts asks it): pure, so that every case is a line of a test.

/** One address of a network interface, as Node's os.networkInterfaces() gives it. */
export interface InterfaceAddress {
  address: string;
  /** 'IPv4' or 'IPv6'; a number (4, 6) in the Node versions that briefly gave one. */
  family: string | number;
  /** Loopback: no phone reaches it. */
  internal: boolean;
}

/** An address of this machine on a network, and the interface it is on. */
export interface LanAddress {
  address: string;
  iface: string;
  /** The interface of the default route: the network towards the room. */
  defaultRoute: boolean;
}

/** Where to listen; or why --host was refused (with the addresses it could have been); or nowhere. */
export type ListenChoice = { host: string; others: LanAddress[] } | { refused: 'notOurs' | 'notIpv4'; candidates: LanAddress[] } | { none: true };

/** What this machine answers on without --lan, and what --host may always name, to try it here. */
export const LOOPBACK = '127.0.0.1';

/** 169.254/16: what a machine gives itself when no DHCP server answered; phones seldom share it. */
const isLinkLocal = (address: string): boolean => address.startsWith('169.254.');

/**
 * The IPv4 addresses a phone in the room could reach: not loopback, the default route's
 * interface first, link-local ones last, else in the system's order. IPv6 is left out: a phone
 * would need the address in brackets, and a link-local one its zone, which no QR code carries.
 */
export function lanCandidates(interfaces: Readonly<Record<string, readonly InterfaceAddress[] | undefined>>, routed: string | undefined): LanAddress[] {
  const found: LanAddress[] = [];
  for (const [iface, entries] of Object.entries(interfaces)) {
    for (const entry of entries ?? []) {
      if ((entry.family === 'IPv4' || entry.family === 4) && !entry.internal) found.push({ address: entry.address, iface, defaultRoute: iface === routed });
    }
  }
  const rank = (candidate: LanAddress) => (isLinkLocal(candidate.address) ? 2 : 0) + (candidate.defaultRoute ? 0 : 1);
  return found.sort((a, b) => rank(a) - rank(b));
}

/**
 * The interface of the default route in Linux's /proc/net/route (destination and mask 0, up):
 * of several, the one with the lowest metric, as the kernel chooses.
 */
export function defaultRouteInterface(routeTable: string): string | undefined {
  const RTF_UP = 0x1;
  const defaults = routeTable
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells[1] === '00000000' && cells[7] === '00000000' && (Number.parseInt(cells[3] ?? '0', 16) & RTF_UP) !== 0)
    .sort((a, b) => Number(a[6]) - Number(b[6]));
  return defaults[0]?.[0];
}

/**
 * This machine only (127.0.0.1) without --lan; else the address --host names (one of the
 * candidates, or 127.0.0.1), or the first candidate, the others named so that the organiser can
 * choose another.
 */
export function chooseListenAddress(candidates: readonly LanAddress[], options: { lan: boolean; host?: string }): ListenChoice {
  if (!options.lan) return { host: LOOPBACK, others: [] };
  const { host } = options;
  if (host !== undefined) {
    if (host === LOOPBACK || candidates.some((candidate) => candidate.address === host)) return { host, others: [] };
    return { refused: host.includes(':') ? 'notIpv4' : 'notOurs', candidates: [...candidates] };
  }
  const [chosen, ...others] = candidates;
  return chosen ? { host: chosen.address, others } : { none: true };
}
