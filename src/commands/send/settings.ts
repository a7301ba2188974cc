import { checkEmail } from '../../core/address.js';
import type { Sender } from '../../core/fields.js';
import type { Translate } from '../../core/i18n.js';
import { quoted } from '../../core/shown.js';
import { usageError } from '../../errors.js';
import type { Config } from '../../io/config.js';
import { parseSmtpUrl } from '../../io/mail/server.js';

import type { Env, Prompter, SmtpSettings } from '../../world.js';
import type { SendingOptions } from './options.js';

/** Where to send from and through, as the flags say. */
export type SendFlags = Pick<SendingOptions, 'smtp' | 'from'>;

const DEFAULT_TIMEOUT_SECONDS = 20;

/** The server, from --smtp, UA_SMTP_URL or the config file (in that order); no password yet. */
export function smtpSettings(t: Translate, flags: SendFlags, env: Env, config: Config): SmtpSettings {
  const [text, where] = flags.smtp
    ? [flags.smtp, '--smtp']
    : env.UA_SMTP_URL
      ? [env.UA_SMTP_URL, 'UA_SMTP_URL']
      : config.smtp.url
        ? [config.smtp.url, t('settings.inConfig', { key: 'smtp.url', file: config.file })]
        : [undefined, ''];
  if (!text) throw usageError(t('settings.missingSmtp'), t('settings.missingSmtpHint'));
  const timeout = Number(env.UA_SMTP_TIMEOUT ?? config.smtp.timeout ?? DEFAULT_TIMEOUT_SECONDS);
  if (!(timeout > 0 && timeout <= 3600)) throw usageError(t('settings.badTimeout'));
  return { ...parseSmtpUrl(t, text, where), timeoutSeconds: timeout };
}

/** The sending address: --from, UA_FROM, the config file, else the sender's own --email. */
export function fromAddress(t: Translate, flags: SendFlags, env: Env, config: Config, sender: Pick<Sender, 'email'>): string {
  const [value, where] = flags.from
    ? [flags.from, '--from']
    : env.UA_FROM
      ? [env.UA_FROM, 'UA_FROM']
      : config.smtp.from
        ? [config.smtp.from, 'smtp.from']
        : [sender.email, '--email'];
  if (!value) throw usageError(t('settings.missingFrom'), t('settings.missingFromHint'));
  const problem = checkEmail(t, value);
  if (problem) throw usageError(t('punct.labelled', { label: `${where} ${quoted(value)}`, value: problem }));
  return value;
}

/**
 * The password, only when the server needs a login: UA_SMTP_PASSWORD, the config file, or a
 * hidden prompt at a terminal. Never from argv, and never printed.
 */
export async function withPassword(
  t: Translate,
  settings: SmtpSettings,
  env: Env,
  config: Config,
  prompter: (() => Promise<Prompter>) | undefined,
): Promise<SmtpSettings> {
  if (!settings.user) return settings;
  const known = env.UA_SMTP_PASSWORD ?? config.smtp.password;
  if (known !== undefined) return { ...settings, password: known };
  if (!prompter) throw usageError(t('settings.noPassword', { user: settings.user }), t('settings.noPasswordHint'));
  const password = await (await prompter()).password(t('settings.password', { user: settings.user }));
  return { ...settings, password };
}
