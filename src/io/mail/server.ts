import type { Translate } from '../../core/i18n.js';
import { usageError } from '../../errors.js';
import type { SmtpSettings } from '../../world.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/**
 * Reads `smtp://user@host:port` or `smtps://…`. A password in the URL is refused: URLs end
 * up in shell history, process lists and logs. The error never repeats the URL.
 */
export function parseSmtpUrl(t: Translate, text: string, where: string): Omit<SmtpSettings, 'password' | 'timeoutSeconds'> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(t('smtp.notUrl', { where }), t('smtp.urlHint'));
  }
  if (url.password) throw usageError(t('smtp.passwordInUrl', { where }), t('smtp.passwordInUrlHint'));
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw usageError(t('smtp.scheme', { where }));
  if (!url.hostname) throw usageError(t('smtp.noHost', { where }));
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    // Without TLS the password and the letters cross the network in clear; a relay on this
    // machine is the one exception.
    requireTLS: !secure && !LOOPBACK.test(url.hostname),
    user: url.username ? decodeURIComponent(url.username) : undefined,
  };
}

export function describeServer(t: Translate, settings: SmtpSettings): string {
  const security = settings.secure ? 'TLS' : settings.requireTLS ? 'STARTTLS' : t('smtp.starttlsIfOffered');
  return `${settings.host}:${settings.port} (${security}${settings.user ? `, ${t('smtp.as', { user: settings.user })}` : ''})`;
}
