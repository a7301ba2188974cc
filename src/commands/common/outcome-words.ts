import type { PlainKey, PluralKey } from '../../core/i18n.js';

// The words of the channels and outcomes, as `ua report` counts them and as `ua report
// --submit` and `ua tally` say what a submission holds: one table, three commands.

/** "email/es" as the volunteer says it: "e-mail/es", "correo postal/es". */
export const CHANNEL_NAMES: Readonly<Record<string, PlainKey>> = {
  email: 'report.channel.email',
  eml: 'report.channel.eml',
  mailto: 'report.channel.mailto',
  post: 'report.channel.post',
  fax: 'report.channel.fax',
  call: 'report.channel.call',
  social: 'report.channel.social',
};

/** "2 answered, 1 voicemail": each outcome of an action, counted. */
export const OUTCOME_KEYS: Readonly<Record<string, PluralKey>> = {
  sent: 'report.outcome.sent',
  'partly sent': 'report.outcome.sent',
  prepared: 'report.outcome.prepared',
  spoke: 'report.outcome.spoke',
  voicemail: 'report.outcome.voicemail',
  posted: 'report.outcome.posted',
  'no-answer': 'report.outcome.noAnswer',
  'wrong-number': 'report.outcome.wrongNumber',
  failing: 'report.outcome.failing',
  refused: 'report.outcome.refused',
  deferred: 'report.outcome.deferred',
  unknown: 'report.outcome.unknown',
};

/** What a submission may hold besides: a letter sent to some of its addresses, and how an official replied. */
export const SUBMITTED_OUTCOME_KEYS: Readonly<Record<string, PluralKey>> = {
  ...OUTCOME_KEYS,
  'partly sent': 'tally.outcome.partlySent',
  reply: 'tally.outcome.reply',
  acknowledged: 'tally.outcome.acknowledged',
  'no-reply': 'tally.outcome.noReply',
  'not-expected': 'tally.outcome.notExpected',
};
