import { describe, expect, it } from 'vitest';
import type { Letter } from '../../src/core/compose.js';
import { planEmail, readableMessage, UnsafeHeaderError } from '../../src/core/email.js';
import { type Attempt, addressOutcomes } from '../../src/core/smtp-outcome.js';
import { composeMessage } from '../../src/io/mail/message.js';
import { aLetter } from '../helpers/letter.js';
import { t } from '../helpers/words.js';

const letter = (to: string[]): Letter => aLetter({ to, sender: ['Ana Pérez'], signature: ['Ana Pérez'] });
const ana = { name: 'Ana Pérez', city: 'Leeds', country: 'Reino Unido', email: 'ana@correo.españa.es' };
const DATE = new Date('2026-11-28T10:00:00Z');

describe('planEmail with internationalised domains', () => {
  const plan = planEmail(t, letter(['ministra@justicia.españa.es']), ana, { from: ana.email });

  it('tells the server each domain in A-labels', () => {
    expect(plan.envelope).toEqual({ from: 'ana@correo.xn--espaa-rta.es', to: ['ministra@justicia.xn--espaa-rta.es'] });
  });

  it('keeps the addresses as written for people and the journal', () => {
    expect(plan.recipients).toEqual(['ministra@justicia.españa.es']);
    expect(readableMessage(t, plan, DATE)).toContain('To: Ministra Ñúñez <ministra@justicia.españa.es>');
    expect(readableMessage(t, plan, DATE)).toContain('Reply-To: Ana Pérez <ana@correo.españa.es>');
  });

  it('writes the headers in A-labels, so the message stays 7-bit in its headers', () => {
    const raw = composeMessage(plan, DATE).toString('utf8');
    const headers = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(headers).toContain('<ana@correo.xn--espaa-rta.es>');
    expect(headers).toContain('<ministra@justicia.xn--espaa-rta.es>');
    expect(headers).toMatch(/^Message-ID:\s+<[^>]*@correo\.xn--espaa-rta\.es>$/m);
    expect(/[^\x00-\x7f]/.test(headers)).toBe(false);
  });

  it('sends once to a mailbox the UA lists twice, spelt two ways', () => {
    const twice = planEmail(t, letter(['ministra@justicia.españa.es', 'Ministra@justicia.xn--espaa-rta.es']), ana, {});
    expect(twice.recipients).toEqual(['ministra@justicia.españa.es']);
  });

  it('still refuses what would change who receives the letter', () => {
    expect(() => planEmail(t, letter(['ministra@justicia.españa.es, otro@example.org']), ana, {})).toThrow(UnsafeHeaderError);
    expect(() => planEmail(t, letter(['ministra@justicia.españa.es>\r\nBcc: otro@example.org']), ana, {})).toThrow(UnsafeHeaderError);
    expect(() => planEmail(t, letter(['Ministra <ministra@justicia.españa.es>']), ana, {})).toThrow(UnsafeHeaderError);
    expect(() => planEmail(t, letter(['ministra@justicia.españa.es']), ana, { testTo: 'a@x.org b@y.org' })).toThrow(UnsafeHeaderError);
  });
});

describe('planEmail with a UTF-8 local part', () => {
  it('names every address that needs SMTPUTF8, in the envelope or only in a header', () => {
    expect(planEmail(t, letter(['zoë@example.org', 'ministra@justicia.example']), ana, {}).needsSmtpUtf8).toEqual(['zoë@example.org']);
    const fromZoe = planEmail(t, letter(['ministra@justicia.example']), { ...ana, email: 'zoë@example.org' }, { from: 'letters@example.org' });
    expect(fromZoe.envelope).toEqual({ from: 'letters@example.org', to: ['ministra@justicia.example'] });
    expect(fromZoe.needsSmtpUtf8).toEqual(['zoë@example.org']);
    expect(planEmail(t, letter(['ministra@justicia.españa.es']), ana, {}).needsSmtpUtf8).toEqual([]);
  });

  it('writes the address in UTF-8 in the headers (RFC 6532), the domain then in Unicode too, as nodemailer does', () => {
    const plan = planEmail(t, letter(['zoë@justicia.españa.es']), ana, { from: 'letters@example.org' });
    expect(plan.envelope.to).toEqual(['zoë@justicia.xn--espaa-rta.es']);
    const raw = composeMessage(plan, DATE).toString('utf8');
    expect(raw.slice(0, raw.indexOf('\r\n\r\n'))).toMatch(/^To: .*\r?\n? *<zoë@justicia\.españa\.es>$/m);
  });
});

describe('addressOutcomes: what a try means for each address', () => {
  const to = ['a@example.org'];
  const closed = { code: 'ECONNECTION', message: 'Connection closed unexpectedly' };
  it.each<[string, Omit<Attempt, 'to'>, string]>([
    ['accepted', { receipt: { accepted: to, rejected: [] }, transferStarted: true }, 'sent'],
    ['refused for good at the final dot', { failure: { code: 'EMESSAGE', responseCode: 554, message: 'no' }, transferStarted: true }, 'refused'],
    ['refused for now', { failure: { code: 'EMESSAGE', responseCode: 451, message: 'later' }, transferStarted: true }, 'deferred'],
    ['the connection ended before the message started', { failure: { ...closed, beforeEnd: true }, transferStarted: false }, 'deferred'],
    // A server takes a message only at its final dot.
    ['the connection ended mid-message, before the final dot', { failure: { ...closed, beforeEnd: true }, transferStarted: true }, 'deferred'],
    ['the connection ended after the whole message went, before the answer', { failure: closed, transferStarted: true }, 'unknown'],
  ])('%s: %s', (_, attempt, state) => {
    expect(addressOutcomes({ to, ...attempt })).toEqual({ 'a@example.org': state });
  });
});
