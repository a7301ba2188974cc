import type { Translate } from './i18n.js';
import type { JournalEntry } from './journal-entries.js';
import { ADDRESS_STATES, CHANNELS } from './outcomes.js';

// One line of the journal as read back: an entry, a line to pass over, or what is wrong with it.
// The journal is written by ua, but a file can be edited, cut short or be something else.

const STATES = new Set<string>(['attempt', 'transferring', 'partly sent', ...ADDRESS_STATES]);

export type ParsedLine = { entry: JournalEntry } | { skip: true } | { problem: string };

/** One line of the file: an entry, a line to pass over (version 1's "attempt"), or a problem. */
export function parseLine(t: Translate, text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: t('journal.notJson') };
  }
  const entry = value as Partial<JournalEntry> & { state?: string };
  const missing = (['at', 'ua', 'key', 'target', 'lang', 'sender'] as const).filter((field) => typeof entry?.[field] !== 'string');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: t('journal.notEntry') };
  if (missing.length > 0) return { problem: t('journal.notEntryMissing', { fields: missing.join(', ') }) };
  if (!STATES.has(entry.state ?? '')) return { problem: t('journal.unknownState', { state: JSON.stringify(String(entry.state)).slice(0, 40) }) };
  if (!Array.isArray(entry.to) || entry.to.some((address) => typeof address !== 'string')) return { problem: t('journal.noTo') };
  if (entry.channel !== undefined && !(CHANNELS as readonly string[]).includes(entry.channel))
    return { problem: t('journal.unknownChannel', { channel: JSON.stringify(String(entry.channel)).slice(0, 40) }) };
  const odd = oddField(t, entry);
  if (odd) return { problem: odd };
  if ((entry.state as string) === 'attempt') return { skip: true };
  return { entry: { ...entry, channel: entry.channel ?? 'email' } as JournalEntry };
}

/** A field of the wrong type, in a line that is otherwise an entry (edited by hand, or by another program). */
function oddField(t: Translate, entry: Partial<JournalEntry>): string | undefined {
  const strings = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (entry.v !== undefined && entry.v !== 2 && entry.v !== 3) return t('journal.oddVersion', { version: JSON.stringify(entry.v).slice(0, 20) });
  if (entry.refused !== undefined && !strings(entry.refused)) return t('journal.refusedNotList');
  if (entry.addresses !== undefined) {
    const states = entry.addresses as unknown;
    if (typeof states !== 'object' || states === null || Array.isArray(states)) return t('journal.addressesNotMapping');
    if (Object.values(states).some((state) => !(ADDRESS_STATES as readonly unknown[]).includes(state))) return t('journal.addressesUnknown');
  }
  for (const field of ['test_to', 'target_name', 'from', 'message_id', 'reason', 'pack', 'evening', 'name_key'] as const) {
    if (entry[field] !== undefined && typeof entry[field] !== 'string') return t('journal.fieldNotText', { field });
  }
  return undefined;
}
