import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractAction } from '../../src/core/import/extract.js';
import { factsOf, reviewed } from '../../src/core/import/review.js';
import { DOCUMENTS } from '../helpers/paths.js';
import { t } from '../helpers/words.js';

const imported = (name: string) => extractAction(t, readFileSync(join(DOCUMENTS, name), 'utf8'));

describe('the facts a review asks about', () => {
  it('each with the line it was read from; the worked-out ones first, with why', () => {
    const facts = factsOf(imported('us-requests.txt'));
    const firstPlain = facts.findIndex((fact) => !fact.derived);
    expect(facts.slice(0, firstPlain).map((fact) => fact.path)).toEqual([
      'title',
      'country',
      'languages.preferred',
      'targets[0].salutation.en',
      'targets[1].salutation.en',
    ]);
    expect(facts.slice(firstPlain).every((fact) => !fact.derived)).toBe(true);
    expect(facts).toContainEqual({ path: 'targets[0].email[1]', value: 'secretario@segob.gob.mx', line: 18 });
    expect(facts).toContainEqual({ path: 'deadline', value: '2022-04-25', line: expect.any(Number) });
    expect(facts.map((fact) => fact.path)).toEqual(expect.arrayContaining(['id', 'targets[0].name', 'targets[0].address[0]', 'asks[0]', 'asks[1]']));
  });

  it("the letter's first and last paragraphs", () => {
    const facts = factsOf(imported('follow-up.txt'));
    expect(facts.find((fact) => fact.path === 'letters.en.body#first')?.value).toMatch(/^I am writing to express my concern/);
    expect(facts.find((fact) => fact.path === 'letters.en.body#last')?.line).toBeGreaterThan(0);
  });
});

describe('the decisions applied', () => {
  it('an edit set, a removal taken out, the rest as it was; what was checked is no longer marked', () => {
    const before = imported('us-requests.txt');
    const after = reviewed(before, [
      { path: 'targets[0].salutation.en', action: 'edit', value: 'Dear Secretary of the Interior,' },
      { path: 'targets[0].email[0]', action: 'remove' },
      { path: 'title', action: 'accept' },
    ]);
    const expected = structuredClone(before.data) as { targets: { salutation: Record<string, string>; email: string[] }[] };
    const [first] = expected.targets;
    if (first) {
      first.salutation.en = 'Dear Secretary of the Interior,';
      first.email.splice(0, 1);
    }
    expect(after.data).toEqual(expected);
    expect([...after.derived.keys()]).not.toContain('targets[0].salutation');
    expect([...after.derived.keys()]).not.toContain('title');
    expect([...after.derived.keys()]).toContain('country');
    expect(after.warnings.map((w) => w.path)).not.toContain('title');
    // The input is left as it was.
    expect((before.data.targets as { email: string[] }[])[0]?.email).toHaveLength(2);
  });

  it("an emptied list goes; the letter's paragraphs are edited or removed; a missing fact is added", () => {
    const before = imported('follow-up.txt');
    const after = reviewed(before, [
      { path: 'targets[0].email[0]', action: 'remove' },
      { path: 'letters.en.body#first', action: 'edit', value: 'I write to you about the threats.' },
      { path: 'letters.en.body#last', action: 'remove' },
      { path: 'index', action: 'edit', value: 'AMR 41/999/2010' },
    ]);
    const target = (after.data.targets as Record<string, unknown>[])[0];
    expect(target).not.toHaveProperty('email');
    const body = (after.data.letters as Record<string, { body: string }>).en?.body ?? '';
    const paragraphs = ((before.data.letters as Record<string, { body: string }>).en?.body ?? '').trim().split(/\n\s*\n/);
    expect(body.startsWith('I write to you about the threats.')).toBe(true);
    expect(body.trim().split(/\n\s*\n/)).toHaveLength(paragraphs.length - 1);
    expect(after.data.index).toBe('AMR 41/999/2010');
  });
});
