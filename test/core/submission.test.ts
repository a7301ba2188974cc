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
  ])('%s: set aside', (_, text, problem) => {
    expect(parseSubmission(text)).toMatchObject({ problem });
  });
});
