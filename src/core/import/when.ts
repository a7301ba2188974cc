import type { Translate } from '../i18n.js';
import { findDate } from './dates.js';
import type { Line } from './normalise.js';
import type { Warning } from './targets.js';

/** The UA's dates (issued, deadline and its note) and what it follows. */

const FOLLOW_UP =
  /(further information on ua|this is the \w+ update of ua|urgent action update|\b(second|third|fourth|fifth) ua\b|informaci[oó]n complementaria sobre (la )?au|compl[ée]ment d'information sur l'au)/i;

export const DEADLINE = /(until|before|deadline|expires|hasta el|hasta|antes del|jusqu'au|avant le|nach dem|bis zum|after)\b/i;

export function findDates(
  t: Translate,
  lines: readonly Line[],
  data: Record<string, unknown>,
  warnings: Warning[],
  firstLine: number,
  id: string | undefined,
): number | undefined {
  const deadline = findDeadline(lines);
  if (deadline) data.deadline = deadline.date;
  else warnings.push({ line: firstLine, path: 'deadline', message: t('import.noDeadline') });
  const dateLine = lines.find((line) => /\b(Date|Fecha|Datum)\s*:/i.test(line.text));
  const issued = dateLine ? findDate(dateLine.text) : undefined;
  if (issued) data.issued = issued;
  const afterDeadline = lines.find((line) => /check with the amnesty office|after the deadline/i.test(line.text) && !DEADLINE.test(line.text.slice(0, 12)));
  if (afterDeadline && afterDeadline !== deadline?.line) data.deadline_note = afterDeadline.text;
  const followUp = lines.find((line) => FOLLOW_UP.test(line.text));
  data.update_of = followUp && id ? id : null;
  if (followUp && id) warnings.push({ line: followUp.n, path: 'update_of', message: t('import.followUp', { id }) });
  const previous = lines.find((line) => /^link to previous ua\s*:/i.test(line.text));
  if (previous) data.previous = { title: previous.text.replace(/^link to previous ua\s*:\s*/i, '') };
  return deadline?.line.n;
}

function findDeadline(lines: readonly Line[]): { date: string; line: Line } | undefined {
  for (const [i, line] of lines.entries()) {
    if (
      !DEADLINE.test(line.text) ||
      !/(action|appeal|llamamiento|appel|urgent|expire|apelaci|deadline|aktion|send|envoy|agir|actuar|handeln|schreiben)/i.test(line.text)
    )
      continue;
    const date = findDate(line.text) ?? findDate(lines[i + 1]?.text ?? '');
    if (date) return { date, line };
  }
  return undefined;
}
