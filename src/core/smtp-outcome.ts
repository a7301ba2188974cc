import type { Translate } from './i18n.js';
import type { AddressState } from './outcomes.js';
import { forTerminal } from './shown.js';

/** What a server's refusal or a connection's failure says, as sending reads it. */
export interface SmtpFailure {
  code?: string;
  responseCode?: number;
  message: string;
  /** When every recipient was refused: each one with its reply code. */
  rejected?: { address: string; code?: number }[];
  /** It failed before the whole message had gone (no final dot): the server cannot have taken it. */
  beforeEnd?: boolean;
}

/** One try at sending a letter to some of its addresses, and how it ended. */
export interface Attempt {
  to: readonly string[];
  receipt?: { accepted: readonly string[]; rejected: readonly { address: string; code?: number }[] };
  failure?: SmtpFailure;
  /** The message had started to go to the server when it failed. */
  transferStarted: boolean;
}

/**
 * What an attempt means for each address, told truthfully. A 5xx is final; a 4xx, or a
 * connection that failed before the whole message had gone, can be retried (a server takes a
 * message only at its final dot); a connection that failed after the whole message went leaves
 * the server's answer unknown, and a retry could deliver twice.
 */
export function addressOutcomes({ to, receipt, failure, transferStarted }: Attempt): Record<string, AddressState> {
  const byCode = (code: number | undefined): AddressState => ((code ?? 0) >= 500 ? 'refused' : 'deferred');
  const outcomes: Record<string, AddressState> = {};
  const refusals = new Map((receipt?.rejected ?? failure?.rejected ?? []).map((r) => [r.address.toLowerCase(), r.code]));
  const accepted = new Set((receipt?.accepted ?? []).map((address) => address.toLowerCase()));
  for (const address of to) {
    const key = address.toLowerCase();
    if (accepted.has(key)) outcomes[address] = 'sent';
    else if (refusals.has(key)) outcomes[address] = byCode(refusals.get(key));
    else if (receipt) outcomes[address] = 'unknown';
    else if (failure?.responseCode) outcomes[address] = byCode(failure.responseCode);
    else outcomes[address] = transferStarted && !failure?.beforeEnd ? 'unknown' : 'deferred';
  }
  return outcomes;
}

/** A plain, one-line reason for people (never the server's whole multi-line reply). */
export function describeFailure(t: Translate, failure: SmtpFailure): string {
  if (failure.code === 'EAUTH') return t('smtp.loginRefused');
  if (/certificate|self[- ]signed/i.test(failure.message)) return t('smtp.untrusted', { reason: firstLine(failure.message) });
  if (/ECONNREFUSED/.test(failure.message)) return t('smtp.connectionRefused');
  if (/ENOTFOUND|EDNS/.test(failure.message + (failure.code ?? ''))) return t('smtp.hostNotFound');
  return firstLine(failure.message);
}

/** A server's words, shown and journaled: one line, no control characters (a greeting could hold ESC sequences). */
function firstLine(text: string): string {
  return forTerminal((text.split('\n')[0] ?? '').slice(0, 200));
}
