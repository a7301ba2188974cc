import type { Translate } from '../../core/i18n.js';
import { quoted } from '../../core/shown.js';
import { usageError } from '../../errors.js';
import { type Declare, examples, parsedOption, placeholder } from '../declare.js';
import type { ServeOptions } from './setup.js';

interface ServeFlags {
  lan?: boolean;
  host?: string;
  port?: number;
  close?: boolean;
  keepData?: boolean;
  discard?: boolean;
}

export const declare: Declare = (command, { t, run }) => {
  command
    .option('--lan', t('cli.serve.lan'))
    .option(`--host ${placeholder(t, 'address')}`, t('cli.serve.host'))
    .addOption(parsedOption(`--port ${placeholder(t, 'n')}`, t('cli.serve.port'), (text) => parsePort(t, text)))
    .option('--close', t('cli.serve.close'))
    .option('--keep-data', t('cli.serve.keepData'))
    .option('--discard', t('cli.serve.discard'))
    .addHelpText(
      'after',
      examples(t, [
        ['ua serve 105.22', t('cli.ex.serveHere')],
        ['ua serve --lan', t('cli.ex.serveLan')],
        ['ua serve --close', t('cli.ex.serveClose')],
      ]),
    )
    .action((ids: string[], flags: ServeFlags) => {
      const options = serveOptions(t, ids, flags);
      run(async (ctx) => (await import('./serve.js')).serve(options, ctx));
    });
};

function serveOptions(t: Translate, ids: string[], flags: ServeFlags): ServeOptions {
  const goesWith = (option: string, given: unknown, partner: string, present: unknown) => {
    if (given && !present) throw usageError(t('compose.goesWith', { option, partner }));
  };
  goesWith('--keep-data', flags.keepData, '--close', flags.close);
  goesWith('--discard', flags.discard, '--close', flags.close);
  if (flags.close && (flags.lan || flags.host || flags.port !== undefined || ids.length > 0)) throw usageError(t('serve.closeAlone'));
  return {
    ids,
    lan: flags.lan === true || flags.host !== undefined,
    host: flags.host,
    port: flags.port ?? 0,
    close: flags.close === true,
    keepData: flags.keepData === true,
    discard: flags.discard === true,
  };
}

function parsePort(t: Translate, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw usageError(t('serve.badPort', { value: quoted(text) }));
  return value;
}
