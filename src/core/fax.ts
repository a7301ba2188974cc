import { type Action, localize, type Target } from './action.js';
import type { Letter } from './compose.js';
import { type EmailPlan, planEmail } from './email.js';
import type { Sender } from './fields.js';
import type { Translate } from './i18n.js';
import { letterKey } from './identity.js';
import { type PhoneNumber, phoneNumber } from './phone.js';
import { targetCountry } from './time-zones.js';

/**
 * A fax's cover page, in the letter's language: who it is for and from, how many pages to
 * expect (a fax that arrives short is asked for again), the date and the UA it is about.
 */
export interface FaxCover {
  /** "FAX", "FAX", "TÉLÉCOPIE": the heading. */
  heading: string;
  /** Label and value, top to bottom. */
  rows: { label: string; value: string }[];
  /** The pages row, once the letter is laid out: "Pages (this one included)", "3". */
  pages: { label: string; value: (count: number) => string };
  /** "Urgent Action 105.22: …": also the foot of every page. */
  reference: string;
}

/** The target's fax number that can be dialled from abroad, read in its country; undefined when it has none. */
export function faxNumber(action: Action, target: Target): PhoneNumber | undefined {
  const country = targetCountry(action, target);
  return (target.fax ?? []).map((written) => phoneNumber(written, country)).find((number) => number.e164);
}

/**
 * The cover of one fax. `words` speaks the letter's language (not the interface's: the cover
 * goes with the letter); `date` is the day written out as the letter writes it.
 */
export function faxCover(words: Translate, action: Action, target: Target, letter: Letter, sender: Sender | null, date: string): FaxCover {
  const organisation = localize(target.organisation, letter.lang);
  const number = faxNumber(action, target);
  const from = sender ? [sender.name, sender.city, sender.email].filter(Boolean).join(' · ') : '';
  // The letter's own subject names the UA in the letter's language; the UA's title may be English only.
  const reference = letter.subject || words('fax.cover.reference', { id: action.id, title: action.title });
  return {
    heading: words('fax.cover.heading'),
    rows: [
      { label: words('fax.cover.to'), value: [target.name, organisation].filter(Boolean).join(', ') },
      { label: words('fax.cover.number'), value: number?.international ?? '' },
      { label: words('fax.cover.from'), value: from },
      { label: words('fax.cover.date'), value: date },
      { label: words('fax.cover.about'), value: reference },
    ],
    pages: { label: words('fax.cover.pages'), value: (count) => String(count) },
    reference,
  };
}

/** What a fax through a gateway needs besides its letter: where it goes, its PDF, the message's words. */
export interface FaxSend {
  /** The gateway's address for the target's number (core/fax-gateway.ts). */
  address: string;
  pdf: Uint8Array;
  cover: FaxCover;
  /** The message's short text, in the letter's language: which UA, to whom. */
  body: string;
  from: string;
  testTo?: string;
  /** An evening's fax (`ua batch`): the run's local day. */
  evening?: string;
}

/**
 * The email that carries a fax to the gateway: the PDF attached, a short text naming the UA, and
 * a key of its own (":fax"): a fax is a letter to the target apart from an email to them, with the
 * journal's guarantees of one.
 */
export function planFax(t: Translate, letter: Letter, sender: Sender, fax: FaxSend): EmailPlan {
  const plan = planEmail(t, { ...letter, to: [fax.address], subject: fax.cover.reference }, sender, {
    from: fax.from,
    testTo: fax.testTo,
    evening: fax.evening,
  });
  return {
    ...plan,
    key: `${letterKey(letter.actionId, letter.targetId, sender, plan.testTo)}:fax`,
    text: `${fax.body}\n`,
    attachments: [{ filename: `${letter.actionId}-${letter.targetId}-${letter.lang}.pdf`, content: fax.pdf, contentType: 'application/pdf' }],
    channel: 'fax',
  };
}
