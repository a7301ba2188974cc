import { Option } from 'commander';
import type { Translate } from '../../core/i18n.js';
import { mastodonHost } from '../../core/post-links.js';
import { usageError } from '../../errors.js';
import { type Declare, examples, langOption, parsedOption, placeholder } from '../declare.js';
import type { PostOptions } from './post.js';

interface PostFlags {
  lang?: string;
  target?: string[];
  name?: string;
  city?: string;
  answers?: string;
  limit?: number;
  mastodonServer?: string;
  open?: boolean;
  posted?: boolean;
  format?: 'json' | 'text';
  interactive?: boolean;
}

export const declare: Declare = (command, { t, run }) => {
  command
    .addOption(langOption(t, `-l, --lang ${placeholder(t, 'code')}`, t('cli.post.lang')))
    .option(`-t, --target ${placeholder(t, 'id', 'many')}`, t('cli.post.target'))
    .option(`--name ${placeholder(t, 'name')}`, t('cli.post.name'))
    .option(`--city ${placeholder(t, 'city')}`, t('cli.post.city'))
    .option(`--answers ${placeholder(t, 'file')}`, t('cli.post.answers'))
    .addOption(parsedOption(`--limit ${placeholder(t, 'n')}`, t('cli.post.limit'), (text) => postLimit(t, text)))
    .addOption(parsedOption(`--mastodon-server ${placeholder(t, 'server')}`, t('cli.post.mastodonServer'), (text) => server(t, text)))
    .option('--open', t('cli.post.open'))
    .option('--posted', t('cli.post.posted'))
    .addOption(new Option(`-f, --format ${placeholder(t, 'format')}`, t('cli.post.format')).choices(['json', 'text']))
    .option('--interactive', t('cli.compose.interactive'))
    .option('--no-interactive', t('cli.compose.noInteractive'))
    .addHelpText(
      'after',
      examples(t, [
        ['ua post 105.22 --target rivero', t('cli.ex.post')],
        ['ua post 105.22 --mastodon-server mastodon.social --open'],
        ['ua post 105.22 --name "Ana Pérez" --city Leeds --posted'],
        ['ua post 105.22 --format json'],
      ]),
    )
    .action((id: string, flags: PostFlags) => {
      const options: PostOptions = { ...flags, open: flags.open === true, posted: flags.posted === true };
      run(async (ctx) => (await import('./post.js')).post(id, options, ctx));
    });
};

function postLimit(t: Translate, text: string): number {
  const limit = Number(text);
  if (!/^\d+$/.test(text.trim()) || limit < 100 || limit > 100_000)
    throw usageError(t('punct.labelled', { label: `--limit ${text}`, value: t('post.badLimit') }));
  return limit;
}

function server(t: Translate, text: string): string {
  const host = mastodonHost(text);
  if (!host) throw usageError(t('punct.labelled', { label: `--mastodon-server ${text}`, value: t('post.badServer') }));
  return host;
}
