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
    const session = await slot.take();
    expect(slot.state).toBe('busy');
    slot.release(session);
    expect(slot.state).toBe('idle');
    await slot.take();
    expect(server.opened).toHaveLength(1);
  });

  it('reopens a connection the server closed while it was idle', async () => {
    const server = fakeServer();
    const slot = new PooledConnection(server.open, 5000, () => 0);
    slot.release(await slot.take());
    (server.opened[0] as { alive: boolean }).alive = false;
    await slot.take();
    expect(server.opened).toHaveLength(2);
    expect(server.opened[0]?.closed).toBe(true);
  });

  it('asks (RSET) after a long idle, and reopens when there is no answer', async () => {
    const server = fakeServer();
    let now = 0;
    const slot = new PooledConnection(server.open, 5000, () => now);
    slot.release(await slot.take());
    now = 4000;
    slot.release(await slot.take());
    expect(server.opened[0]?.probes).toBe(0);
    now = 10_000;
    (server.opened[0] as { answersProbe: boolean }).answersProbe = false;
    await slot.take();
    expect(server.opened[0]?.probes).toBe(1);
    expect(server.opened).toHaveLength(2);
  });

  it('two letters at once share one connection: one opening, no RSET while a letter is on it', async () => {
    const server = fakeServer();
    let now = 0;
    const slot = new PooledConnection(server.open, 5000, () => now);
    const [first, second] = await Promise.all([slot.take(), slot.take()]);
    expect(first).toBe(second);
    expect(server.opened).toHaveLength(1);
    slot.release(first);
    now = 10_000;
    // The second letter is still on the connection: an RSET would cut into it.
    await slot.take();
    expect(server.opened[0]?.probes).toBe(0);
  });

  it('dropping a connection that already went leaves the new one alone', async () => {
    const server = fakeServer();
    const slot = new PooledConnection(server.open, 5000, () => 0);
    const old = await slot.take();
    (server.opened[0] as { alive: boolean }).alive = false;
    const fresh = await slot.take();
    // The letter on the old connection hears of its failure late, and drops the connection it had.
    slot.drop(old);
    expect(server.opened[1]?.closed).toBe(false);
    expect(await slot.take()).toBe(fresh);
  });

  it('a connection that cannot be opened leaves the slot closed, and says why', async () => {
    const slot = new PooledConnection(async () => Promise.reject(new Error('ECONNREFUSED')), 5000);
    await expect(slot.take()).rejects.toThrow('ECONNREFUSED');
    expect(slot.state).toBe('closed');
  });
});
