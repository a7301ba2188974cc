import { describe, expect, it } from 'vitest';
import { gatewayAddress, parseGateway } from '../../src/core/fax-gateway.js';
import { faxRetry, faxTime, gapAfter, MAX_FAX_TRIES } from '../../src/core/fax-schedule.js';
import type { JournalEntry } from '../../src/core/journal-entries.js';
import { ua105 } from '../helpers/action.js';
import { journalEntry } from '../helpers/journal.js';
import { t } from '../helpers/words.js';

const gateway = (template: string) => {
  const parsed = parseGateway(t, template);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.gateway;
};

describe('the fax gateway template', () => {
  it('puts the E.164 number in the place of {number} (without "+") or {+number} (with it)', () => {
    expect(gatewayAddress(gateway('{number}@fax.example.net'), '+12026598124')).toBe('12026598124@fax.example.net');
    expect(gatewayAddress(gateway('{+number}@Fax.Example.NET'), '+12026598124')).toBe('+12026598124@fax.example.net');
    expect(gatewayAddress(gateway('fax.{number}.x@gw.example.org'), '+5113113900')).toBe('fax.5113113900.x@gw.example.org');
  });

  it.each([
    ['fax@example.net', 'must hold {number} (or {+number}) once'],
    ['{number}{number}@example.net', 'must hold {number} (or {+number}) once'],
    ['{number}@{number}.example.net', 'must hold {number} (or {+number}) once'],
    ['{number}', 'is not a domain name'],
    ['{number}@localhost', 'is not a domain name'],
    ['{number}@fax.example.net@evil.example', 'part before the @'],
    ['{number}@-fax.example.net', 'is not a domain name'],
    ['a b{number}@fax.example.net', 'part before the @'],
    ['{number}..x@fax.example.net', 'part before the @'],
  ])('refuses %s', (template, message) => {
    const parsed = parseGateway(t, template);
    expect('problem' in parsed && parsed.problem).toContain(message);
  });

  it('never takes anything but a number: the domain cannot change', () => {
    const gw = gateway('{number}@fax.example.net');
    for (const bad of ['+1@evil.example', '12026598124', '+1 202 659 8124', '+1>x']) expect(() => gatewayAddress(gw, bad)).toThrow(/not an E\.164 number/);
  });
});

describe('when a fax may go', () => {
  const rivero = () => {
    const action = ua105();
    return { action, target: action.targets.find((target) => target.id === 'rivero') ?? (undefined as never) };
  };

  it('not at 23:00 on a Sunday in Washington: at 08:00 there on Monday', () => {
    const { action, target } = rivero();
    const when = faxTime(t, action, target, new Date('2026-12-07T04:00:00Z'));
    expect(when).toEqual({ ok: false, why: 'night', zone: 'America/New_York', next: new Date('2026-12-07T13:00:00Z') });
  });

  it('at 10:40 on a Monday in Washington, and at 19:59', () => {
    const { action, target } = rivero();
    expect(faxTime(t, action, target, new Date('2026-12-07T15:40:00Z'))).toEqual({ ok: true });
    expect(faxTime(t, action, target, new Date('2026-12-08T00:59:00Z'))).toEqual({ ok: true });
    expect(faxTime(t, action, target, new Date('2026-12-08T01:00:00Z'))).toMatchObject({ ok: false, why: 'night' });
  });
});

describe('a number the gateway keeps refusing', () => {
  const KEY = 'k:fax';
  const NUMBER = '12026598124@fax.example.net';
  const refused = (at: string): JournalEntry =>
    journalEntry({ key: KEY, channel: 'fax', state: 'refused', at, to: [NUMBER], addresses: { [NUMBER]: 'refused' } });
  const hour = 3_600_000;

  it('waits 1 h, 2 h, 4 h … at most a day after each refusal', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((n) => gapAfter(n) / hour)).toEqual([1, 2, 4, 8, 16, 24, 24]);
    const start = Date.parse('2026-12-07T15:00:00Z');
    const entries = [refused(new Date(start).toISOString()), refused(new Date(start + 2 * hour).toISOString())];
    expect(faxRetry(entries, KEY, NUMBER, new Date(start + 3 * hour))).toEqual({ ok: false, why: 'wait', tries: 2, next: new Date(start + 4 * hour) });
    expect(faxRetry(entries, KEY, NUMBER, new Date(start + 4 * hour))).toEqual({ ok: true, tries: 2 });
    expect(faxRetry([], KEY, NUMBER, new Date(start))).toEqual({ ok: true, tries: 0 });
  });

  it('after ten refusals, or once recorded as failing, is not tried again', () => {
    const entries = Array.from({ length: MAX_FAX_TRIES }, (_, n) => refused(new Date(Date.UTC(2026, 11, 1 + n)).toISOString()));
    expect(faxRetry(entries, KEY, NUMBER, new Date('2027-01-01T00:00:00Z'))).toEqual({ ok: false, why: 'failing', tries: 10 });
    expect(faxRetry(entries.slice(0, 9), KEY, NUMBER, new Date('2027-01-01T00:00:00Z'))).toEqual({ ok: true, tries: 9 });
    const failing = journalEntry({ key: KEY, channel: 'fax', state: 'failing', to: [NUMBER], addresses: { [NUMBER]: 'failing' } });
    expect(faxRetry([failing], KEY, NUMBER, new Date('2027-01-01T00:00:00Z'))).toMatchObject({ ok: false, why: 'failing' });
  });
});

describe('fax.gateway in the config file', () => {
  it('is read when it is a gateway, and refused with its line otherwise', async () => {
    const { checkConfigText } = await import('../../src/core/settings.js');
    expect(checkConfigText(t, 'fax:\n  gateway: "{number}@fax.example.net"\n', 'config.yaml').fax).toEqual({ gateway: '{number}@fax.example.net' });
    const bad = checkConfigText(t, 'fax:\n  gateway: "fax@example.net"\n  speed: 9600\n', 'config.yaml');
    expect(bad.problems.map((problem) => [problem.line, problem.path])).toEqual([
      [3, 'fax.speed'],
      [2, 'fax.gateway'],
    ]);
  });
});
