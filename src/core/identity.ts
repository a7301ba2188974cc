import { domainToASCII } from 'node:url';
import { sha256Hex } from './digest.js';
import type { Sender } from './fields.js';

/**
 * Who a letter is from, as the journal and the sheet check see it: the signer as written on the
 * letter — the name and the email address, else the name and the city. Two people who share an
 * address (a family, an office) are two signers; case, accents written two ways and extra spaces
 * do not make a new one.
 */
export function signerIdentity(sender: Pick<Sender, 'name' | 'city' | 'email'>): string {
  if (sender.email) return `signer:${normalise(sender.name)}|${normaliseAddress(sender.email)}`;
  return `name:${normalise(sender.name)}|${normalise(sender.city)}`;
}

/** A name as identities compare it (see signerIdentity). */
export function signerName(name: string): string {
  return normalise(name);
}

/**
 * The identity of one letter: this UA, this target, this signer. The recipient addresses are
 * not part of it (a UA update that adds an address is the same letter, owed to one more
 * address), nor is the language (one person, one letter per official). A rehearsal
 * (`--test-to`) is a letter of its own: it never counts as the real one.
 */
export function letterKey(ua: string, targetId: string, sender: Pick<Sender, 'name' | 'city' | 'email'>, testTo?: string): string {
  return letterKeyOf(ua, targetId, signerIdentity(sender), testTo);
}

/** The same, from the signer's identity (signerIdentity): a signer's letters to several targets work it out once. */
export function letterKeyOf(ua: string, targetId: string, identity: string, testTo?: string): string {
  const parts = [ua, targetId, identity, testTo ? `rehearsal:${normaliseAddress(testTo)}` : ''];
  return sha256Hex(parts.join('\u0000')).slice(0, 32);
}

/** How version 1 keyed a letter: its exact recipients, the sender's name and email. */
export function legacyKey(ua: string, targetId: string, to: readonly string[], name: string, email: string | undefined): string {
  const parts = [ua, targetId, ...[...to].sort(), name, email ?? '', 'email'];
  return sha256Hex(parts.join('\u0000')).slice(0, 32);
}

/**
 * An address as the journal keys it: case does not make a new mailbox in practice, and neither
 * does the spelling of an IDN domain (`correo.españa.es` and `correo.xn--espaa-rta.es` are one
 * domain, keyed by its A-labels). An ASCII address keys as it always did, so the letters of
 * journals written before keep their keys.
 */
export function normaliseAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = at > 0 ? domainToASCII(address.slice(at + 1).trim()) : '';
  return domain ? `${normalise(address.slice(0, at))}@${domain}` : normalise(address);
}

function normalise(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
