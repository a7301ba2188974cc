import { join } from 'node:path';
import { stateDir } from '../../io/paths.js';
import type { Context } from '../context.js';

export interface ServeOptions {
  /** The UAs of the evening; none: every open one. */
  ids: string[];
  /** Listen towards the room, not on this machine only. */
  lan: boolean;
  /** --host: the address to listen on (one of this machine's). */
  host?: string;
  /** --port; 0: a free one. */
  port: number;
  close: boolean;
  /** With --close: the attendees' letters stay on disk. */
  keepData: boolean;
  /** With --close: end an evening whose letters were neither printed nor sent. */
  discard: boolean;
}

/** Where the evening lives while it lasts (the attendees' letters), and its lock. */
export const eveningFolder = (ctx: Context): string => join(stateDir(ctx.world.env), 'serve');
export const eveningLock = (ctx: Context): string => join(stateDir(ctx.world.env), 'serve.lock');
/** Where `ua serve --close` leaves what it asks of the running server (io/close-request.ts). */
export const closeRequestFile = (ctx: Context): string => join(stateDir(ctx.world.env), 'serve.close');
