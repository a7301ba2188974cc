import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

/** An address of this machine on a network, and the interface it is on. */
export interface LanAddress {
  address: string;
  iface: string;
  /** The interface of the default route: the network towards the room. */
  defaultRoute: boolean;
}

/**
 * The IPv4 addresses a phone in the room could reach (not loopback), the default route's first.
 * Linux says which interface has the default route in /proc/net/route; elsewhere every
 * candidate is listed and the first is taken (`--host` chooses another).
 */
export function lanAddresses(): LanAddress[] {
  const routed = defaultRouteInterface();
  const found: LanAddress[] = [];
  for (const [iface, entries] of Object.entries(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv4' && !entry.internal) found.push({ address: entry.address, iface, defaultRoute: iface === routed });
    }
  }
  return found.sort((a, b) => Number(b.defaultRoute) - Number(a.defaultRoute));
}

function defaultRouteInterface(): string | undefined {
  try {
    const lines = readFileSync('/proc/net/route', 'utf8').split('\n').slice(1);
    return lines.map((line) => line.trim().split(/\s+/)).find((cells) => cells[1] === '00000000')?.[0];
  } catch {
    return undefined;
  }
}
