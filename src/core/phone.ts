import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A phone or fax number as a UA file writes it ("202 833 9860", the way the country writes
 * it), read in the target's country: the form a volunteer abroad dials (+1 202 833 9860) and
 * the one a fax gateway takes (+12028339860). Google's metadata, through libphonenumber-js:
 * numbering plans change every month somewhere, and a table of our own would go stale.
 */
export interface PhoneNumber {
  /** As the UA file writes it. */
  written: string;
  /** For people: "+1 202 833 9860". Undefined when the number cannot be read as one. */
  international?: string;
  /** For machines: "+12028339860". */
  e164?: string;
}

export function phoneNumber(written: string, country: string | undefined): PhoneNumber {
  // The smallest metadata: it parses and formats every country; only the kind of line (mobile,
  // fixed) needs more, and ua does not ask.
  const parsed = parsePhoneNumberFromString(written, country as Parameters<typeof parsePhoneNumberFromString>[1]);
  if (!parsed?.isValid()) return { written };
  return { written, international: parsed.formatInternational(), e164: parsed.number };
}
