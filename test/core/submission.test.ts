import { describe, expect, it } from 'vitest';
import { parseSubmission, SUBMISSION_LIMITS } from '../../src/core/submission.js';

const good = {
  format: 'ua-letters/report',
  version: 1,
  submission: '3f2a7c1e-9b4d-4e2a-8c1f-0a1b2c3d4e5f',
  sequence: 1,
  ua: '105.22',
  tool: 'ua 0.1.0',
  counts: [{ day: '2026-12-07', channel: 'call', lang: 'es', outcome: 'spoke', count: 2 }],
};

describe('a submission as the tally reads it', () => {
  it('counts only: the known fields, and nothing a sender added', () => {
    const result = parseSubmission(JSON.stringify({ ...good, name: 'Ana Pérez', counts: [{ ...good.counts[0], email: 'ana@example.org' }] }));
    expect(result).toEqual({ submission: good });
    expect(JSON.stringify(result)).not.toMatch(/Ana|example\.org/);
  });

  it.each([
    ['not JSON', '{', 'not-json'],
    ['another format', JSON.stringify({ ...good, format: 'x' }), 'not-a-submission'],
    ['a submission id that is not random', JSON.stringify({ ...good, submission: 'ana' }), 'bad-field'],
    ['an unknown channel', JSON.stringify({ ...good, counts: [{ ...good.counts[0], channel: 'pigeon' }] }), 'bad-field'],
    ['an absurd count', JSON.stringify({ ...good, counts: [{ ...good.counts[0], count: 1_000_000 }] }), 'absurd-count'],
    // Rows each under the day's limit, adding up to more than any volunteer does.
    ['absurd in sum', JSON.stringify({ ...good, counts: Array(5).fill({ ...good.counts[0], count: SUBMISSION_LIMITS.perDay }) }), 'absurd-count'],
    ['too many rows', JSON.stringify({ ...good, counts: Array(SUBMISSION_LIMITS.rows + 1).fill(good.counts[0]) }), 'too-many-rows'],
    ['too large', JSON.stringify({ ...good, tool: 'x'.repeat(SUBMISSION_LIMITS.bytes) }), 'too-large'],
    // The same count twice: 5,000 and 5,000 more emails on one day, past the day's limit.
    ['a count said twice', JSON.stringify({ ...good, counts: [good.counts[0], good.counts[0]] }), 'bad-field'],
    ['evenings that are not a number', JSON.stringify({ ...good, evenings: '1' }), 'bad-field'],
    ['evenings not whole', JSON.stringify({ ...good, evenings: 1.5 }), 'bad-field'],
    ['no evening (0 is left out, never written)', JSON.stringify({ ...good, evenings: 0 }), 'bad-field'],
    ['more evenings than actions', JSON.stringify({ ...good, evenings: 3 }), 'absurd-count'],
    ['more evenings than a year has', JSON.stringify({ ...good, evenings: 400, counts: [{ ...good.counts[0], count: 1000 }] }), 'absurd-count'],
  ])('%s: set aside', (_, text, problem) => {
    expect(parseSubmission(text)).toMatchObject({ problem });
  });

  it('evenings, when given, are kept: an optional field of version 1', () => {
    const evening = { ...good, evenings: 1 };
    expect(parseSubmission(JSON.stringify(evening))).toEqual({ submission: evening });
    expect(parseSubmission(JSON.stringify({ ...good, evenings: 2 }))).toMatchObject({ submission: { evenings: 2 } });
    expect(parseSubmission(JSON.stringify(good))).not.toHaveProperty('submission.evenings');
  });
});
