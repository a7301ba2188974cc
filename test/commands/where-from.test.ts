import { describe, expect, it } from 'vitest';
import { ago } from '../../src/commands/common/where-from.js';
import { wordsIn } from '../helpers/words.js';

// How long ago a feed was last updated, as `ua list` and `ua feed list` say it.

const NOW = new Date('2026-11-28T12:00:00Z');
const secondsAgo = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();

describe('ago: how long ago, in the interface’s language', () => {
  it.each([
    ['en', 'Feed section: last updated just now.', 'Feed section: last updated 3 hours ago.'],
    ['es', 'Canal section: última actualización hace un momento.', 'Canal section: última actualización hace 3 horas.'],
    ['fr', "Flux section : dernière mise à jour à l'instant.", 'Flux section : dernière mise à jour il y a 3 heures.'],
  ])('%s: under a minute is "just now" (not "now"), then minutes, hours, days', (lang, justNow, hours) => {
    const t = wordsIn(lang);
    for (const seconds of [0, 1, 59]) expect(t('list.feedChecked', { name: 'section', when: ago(t, secondsAgo(seconds), NOW) })).toBe(justNow);
    expect(t('list.feedChecked', { name: 'section', when: ago(t, secondsAgo(3 * 3600), NOW) })).toBe(hours);
  });

  it('a minute and more is counted: 1 minute, 2 hours, yesterday', () => {
    const t = wordsIn('en');
    expect(ago(t, secondsAgo(60), NOW)).toBe('1 minute ago');
    expect(ago(t, secondsAgo(2 * 3600 + 100), NOW)).toBe('2 hours ago');
    expect(ago(t, secondsAgo(86_400), NOW)).toBe('yesterday');
    // A clock a little ahead of the server's is not "in 5 seconds".
    expect(ago(t, new Date(NOW.getTime() + 5000).toISOString(), NOW)).toBe('just now');
  });
});
