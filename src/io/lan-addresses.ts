import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { defaultRouteInterface, type LanAddress, lanCandidates } from '../core/lan.js';

/**
 * This machine's addresses a phone in the room could reach, as the system says now (the choice
 * among them is core/lan.ts's). Linux says which interface has the default route in
 * /proc/net/route; elsewhere every candidate is listed in the system's order.
 */
export function lanAddresses(): LanAddress[] {
  return lanCandidates(networkInterfaces(), defaultRouteInterface(routeTable()));
}

function routeTable(): string {
  try {
    return readFileSync('/proc/net/route', 'utf8');
  } catch {
    // Not Linux: no table, no default route known.
    return '';
  }
}
