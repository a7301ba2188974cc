import { describe, expect, it } from 'vitest';
import { PooledConnection } from '../../../src/io/mail/pool.js';
import type { MailSession } from '../../../src/world.js';

/** Sessions that record what was asked of them; `alive` and `answersProbe` play the server. */
function fakeServer() {
  const opened: (MailSession & { alive: boolean; answersProbe: boolean; probes: number; closed: boolean })[] = [];
  const open = async () => {
    const session = {
      alive: true,
      answersProbe: true,
      probes: 0,
      closed: false,
      get usable() {
        return this.alive;
      },
      smtpUtf8: true,
      send: async () => ({ accepted: [], rejected: [], response: '250' }),
      async probe() {
        this.probes++;
        return this.answersProbe;
      },
      close() {
        this.closed = true;
      },
    };
    opened.push(session);
    return session;
  };
  return { open, opened };
}

describe('a pooled connection', () => {
  it('opens on first use and keeps one session while it works', async () => {
    const server = fakeServer();
    const slot = new PooledConnection(server.open, 5000, () => 0);
    expect(slot.state).toBe('closed');
    await slot.take();
    expect(slot.state).toBe('busy');
    slot.release();
    expect(slot.state).toBe('idle');
    await slot.take();
    expect(server.opened).toHaveLength(1);
  });

  it('reopens a connection the server closed while it was idle', async () => {
    const server = fakeServer();
    const slot = new PooledConnection(server.open, 5000, () => 0);
    await slot.take();
    slot.release();
    (server.opened[0] as { alive: boolean }).alive = false;
    await slot.take();
    expect(server.opened).toHaveLength(2);
    expect(server.opened[0]?.closed).toBe(true);
  });

  it('asks (RSET) after a long idle, and reopens when there is no answer', async () => {
    const server = fakeServer();
    let now = 0;
    const slot = new PooledConnection(server.open, 5000, () => now);
    await slot.take();
    slot.release();
    now = 4000;
    await slot.take();
    expect(server.opened[0]?.probes).toBe(0);
    slot.release();
    now = 10_000;
    (server.opened[0] as { answersProbe: boolean }).answersProbe = false;
    await slot.take();
    expect(server.opened[0]?.probes).toBe(1);
    expect(server.opened).toHaveLength(2);
  });

  it('a connection that cannot be opened leaves the slot closed, and says why', async () => {
    const slot = new PooledConnection(async () => Promise.reject(new Error('ECONNREFUSED')), 5000);
    await expect(slot.take()).rejects.toThrow('ECONNREFUSED');
    expect(slot.state).toBe('closed');
  });
});
