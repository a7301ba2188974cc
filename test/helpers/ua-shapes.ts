import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { DOCUMENTS } from './paths.js';

export type Facts = Record<string, unknown> & { targets?: Record<string, unknown>[]; letters?: Record<string, { body: string }> };

/**
 * The shapes real documents come in (issue 25), each as a made-up document with the UA file it
 * must give: exact on the targets (as many, and each one's name, title, salutations, emails and
 * copy flag), the deadline and the country; the letter's body starts as the expected one does.
 */
export function expectShape(data: Record<string, unknown>, facts: Facts): void {
  const { letters, targets = [], ...rest } = facts;
  expect(data).toMatchObject(rest);
  expect(data.country, 'country').toBe(rest.country);
  expect(data.deadline, 'deadline').toBe(rest.deadline);
  const found = (data.targets ?? []) as Record<string, unknown>[];
  expect(found.map((target) => target.name)).toEqual(targets.map((target) => target.name));
  for (const [i, target] of targets.entries()) {
    expect(found[i], `targets[${i}]`).toMatchObject(target);
    for (const key of ['title', 'salutation', 'email', 'copy']) expect(found[i]?.[key], `targets[${i}].${key}`).toEqual(target[key]);
  }
  const bodies = (data.letters ?? {}) as Record<string, { body: string }>;
  expect(Object.keys(bodies)).toEqual(Object.keys(letters ?? {}));
  for (const [lang, letter] of Object.entries(letters ?? {})) expect(bodies[lang]?.body.startsWith(letter.body.trim()), `letters.${lang}.body`).toBe(true);
}

export const expectedFacts = (name: string): Facts => parse(readFileSync(join(DOCUMENTS, 'expected', `${name}.yaml`), 'utf8'));
