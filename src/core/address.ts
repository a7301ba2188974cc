/**
 * Email addresses as mail systems accept them: RFC 5321's mailbox, with the UTF-8 that RFC 6531
 * (SMTPUTF8) adds. The local part is a dot-atom; the domain is a host name, written in any
 * script, that IDNA turns into A-labels (node:url's domainToASCII, the same UTS 46 processing
 * browsers apply).
 *
 * Written by hand rather than taken from a library: what `ua` needs is stricter than the RFCs
 * in two ways no validator offers together (a quoted local part or an address literal is
 * refused, and so is every invisible character the RFCs would let through), and it needs the
 * parts back (the A-label domain for the envelope), where the validators only say yes or no.
 */

import { domainToASCII } from 'node:url';
import type { Translate } from './i18n.js';

export interface EmailAddress {
  /** As the person wrote it: what a dry run, a summary or a report shows. */
  written: string;
  /** As the envelope and the headers carry it: the local part in NFC, the domain in A-labels. */
  wire: string;
  /** The local part is not ASCII: only a server that offers SMTPUTF8 can carry the address. */
  utf8: boolean;
}

// RFC 5321 atext, plus RFC 6531's UTF8-non-ascii less what does not show: controls, format
// characters (bidi overrides, zero-width joiners), spaces and line separators, unassigned and
// private-use code points. Those make an address look like another, or break a header.
const ATOM = /^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|[^\p{ASCII}\p{C}\p{Z}])+$/u;
// What a domain may be written with before IDNA maps it: letters, marks and digits of any script,
// hyphens, and the full stops IDNA reads as dots (。．｡). Percent signs, underscores and
// invisible characters, which domainToASCII would quietly decode or drop, are refused.
const DOMAIN_TEXT = /^[\p{L}\p{M}\p{N}.\u3002\uff0e\uff61-]+$/u;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// RFC 5321's limits are in octets: 64 for the local part, 256 for the path with its brackets.
const MAX_LOCAL = 64;
const MAX_ADDRESS = 254;

/** One plain address (`name@example.org`): no display name, no list, no comments, no quoting. */
export function parseEmail(t: Translate, value: string): EmailAddress | { problem: string } {
  const invalid = () => ({ problem: /[,;]/.test(value) ? t('check.oneEmail') : t('check.email') });
  if (value.length > MAX_ADDRESS) return { problem: t('check.emailTooLong') };
  const at = value.lastIndexOf('@');
  if (at < 1) return invalid();
  // RFC 6532 asks for NFC: "zoë" typed as e + a combining diaeresis is the same mailbox.
  const local = value.slice(0, at).normalize('NFC');
  const domain = asciiDomain(value.slice(at + 1));
  if (domain === undefined || !local.split('.').every((atom) => ATOM.test(atom))) return invalid();
  const wire = `${local}@${domain}`;
  if (octets(local) > MAX_LOCAL || octets(wire) > MAX_ADDRESS) return { problem: t('check.emailTooLong') };
  return { written: value, wire, utf8: /[^\x00-\x7f]/.test(local) };
}

/** Undefined when the value is one address a mail system accepts, else why not. */
export function checkEmail(t: Translate, value: string): string | undefined {
  const parsed = parseEmail(t, value);
  return 'problem' in parsed ? parsed.problem : undefined;
}

/** The domain in A-labels, when it is a host name with a top-level domain; else undefined. */
function asciiDomain(domain: string): string | undefined {
  if (!DOMAIN_TEXT.test(domain)) return undefined;
  const ascii = domainToASCII(domain);
  const labels = ascii.split('.');
  const top = labels[labels.length - 1] ?? '';
  // An all-digit top label is an IP address (domainToASCII reads "123" as 0.0.0.123); every
  // top-level domain has two characters or more, so one is a typo (ana@example.c).
  if (!ascii || labels.length < 2 || /^[0-9]+$/.test(top) || top.length < 2) return undefined;
  return labels.every((label) => LABEL.test(label)) ? ascii : undefined;
}

function octets(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
