import type { Evening } from '../../io/evening.js';
import { colored } from '../../io/style.js';
import type { Context } from '../context.js';

/**
 * The attendees' address on a line of its own and as a QR code for their phones; the
 * organiser's below it, printed only here (it is the key to every letter of the evening).
 */
export async function announce(urls: { attendee: string; organiser: string }, evening: Evening, ctx: Context): Promise<void> {
  const { world, t } = ctx;
  const QRCode = (await import('qrcode')).default;
  // In colour (black on a white background, whatever the terminal's) only where the run colours
  // its output; into a pipe, a file or with NO_COLOR, block characters alone: dark modules in
  // the text's colour, as a page printed from a file shows them.
  const type = colored(world.stdout, ctx.globals.color) ? 'terminal' : 'utf8';
  const qr = await QRCode.toString(urls.attendee, { type, small: true, errorCorrectionLevel: 'M' });
  const count = evening.letters().length;
  if (count > 0) ctx.tell(t('serve.continued', { count }));
  world.stdout.write(`${t('serve.forAttendees')}\n${urls.attendee}\n${qr}\n${t('serve.forOrganiser')}\n${urls.organiser}\n\n`);
  ctx.tell(t('serve.howToStop'));
}
