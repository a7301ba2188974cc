import { Option } from 'commander';
import type { CsvSeparator } from '../../core/csv.js';
import { BATCH_FORMATS } from '../../core/formats.js';
import type { Translate } from '../../core/i18n.js';
import { quoted } from '../../core/shown.js';
import { usageError } from '../../errors.js';
import type { Rate } from '../../io/mail/rate.js';
import type { Paper } from '../../io/pdf.js';
import { csvSepOption } from '../common/csv-separator.js';
import { type Declare, examples, langOption, parsedOption, placeholder } from '../declare.js';
import { declareSending, type SendingFlags, sendingOptions } from '../send/options.js';
import type { BatchFormat, BatchOptions } from './batch.js';

type BatchFlags = SendingFlags & {
  signers?: string;
  copies?: number;
  lang?: string;
  target?: string[];
  skipInvalid?: boolean;
  format?: BatchFormat;
  out?: string;
  force?: boolean;
  paper?: Paper;
  labels?: boolean;
  envelopes?: boolean;
  rate?: Rate;
  connections?: number;
  csvSep?: CsvSeparator;
  now?: boolean;
  submit?: boolean;
};

export const declare: Declare = (command, { t, run }) => {
  command
    .option(`--signers ${placeholder(t, 'file')}`, t('cli.batch.signers'))
    .addOption(parsedOption(`--copies ${placeholder(t, 'n')}`, t('cli.batch.copies'), (text) => parseCount(t, text)))
    .addOption(langOption(t, `-l, --lang ${placeholder(t, 'codes')}`, t('cli.batch.lang')))
    .option(`-t, --target ${placeholder(t, 'id', 'many')}`, t('cli.batch.target'))
    .option('--skip-invalid', t('cli.batch.skipInvalid'))
    .addOption(new Option(`-f, --format ${placeholder(t, 'format')}`, t('cli.batch.format')).choices(BATCH_FORMATS))
    .option(`-o, --out ${placeholder(t, 'folder')}`, t('cli.batch.out'))
    .option('--force', t('cli.batch.force'))
    .addOption(new Option(`--paper ${placeholder(t, 'size')}`, t('cli.batch.paper')).choices(['a4', 'letter']))
    .option('--no-labels', t('cli.batch.noLabels'))
    .option('--no-envelopes', t('cli.batch.noEnvelopes'));
  declareSending(command, t, 'batch', (sending) =>
    sending
      .addOption(parsedOption(`--rate ${placeholder(t, 'rate')}`, t('cli.batch.rate'), (text) => parseRate(t, text)))
      .addOption(parsedOption(`--connections ${placeholder(t, 'n')}`, t('cli.batch.connections'), (text) => parseConnections(t, text)))
      .option('--now', t('cli.batch.now')),
  );
  command
    .addOption(new Option('--submit', t('cli.batch.submit')).conflicts(['dryRun', 'testTo']))
    .addOption(csvSepOption(t))
    .addHelpText(
      'after',
      examples(t, [
        ['ua batch 105.22 --signers signups.csv --out letters/', t('cli.ex.batchPrint')],
        ['ua batch 105.22 --signers signups.csv --format text --out txt/', t('cli.ex.batchText')],
        ['ua batch 105.22 --copies 5 --lang es,en --out walk-ins/', t('cli.ex.batchCopies')],
        ['ua batch 105.22 --signers signups.csv --send --from org@example.org --rate 100/min --yes'],
      ]),
    )
    .action((id: string, flags: BatchFlags) => {
      const options = batchOptions(flags);
      run(async (ctx) => (await import('./batch.js')).batch(id, options, ctx));
    });
};

function batchOptions(flags: BatchFlags): BatchOptions {
  return {
    ...sendingOptions(flags),
    signers: flags.signers,
    copies: flags.copies ?? 0,
    langs: (flags.lang ?? '')
      .split(',')
      .map((code) => code.trim().toLowerCase())
      .filter(Boolean),
    target: flags.target,
    skipInvalid: flags.skipInvalid === true,
    format: flags.format ?? 'pdf',
    out: flags.out,
    force: flags.force === true,
    paper: flags.paper ?? 'a4',
    labels: flags.labels !== false,
    envelopes: flags.envelopes !== false,
    rate: flags.rate,
    connections: flags.connections ?? 5,
    csvSep: flags.csvSep,
    now: flags.now === true,
    submit: flags.submit === true,
  };
}

function parseCount(t: Translate, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 10_000) throw usageError(t('batch.notACount', { value: quoted(text) }));
  return value;
}

/** Providers allow a few connections side by side; more than 50 would be refused or look like abuse. */
function parseConnections(t: Translate, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 50) throw usageError(t('batch.badConnections', { value: quoted(text) }));
  return value;
}

const UNITS: Readonly<Record<string, number>> = { s: 1000, sec: 1000, min: 60_000, m: 60_000, h: 3_600_000 };

/** "10/s", "100/min", "500/h": a provider's sending limit. */
export function parseRate(t: Translate, text: string): Rate {
  const match = /^(\d+)\s*\/\s*(s|sec|min|m|h)$/.exec(text.trim());
  const count = Number(match?.[1]);
  const perMs = UNITS[match?.[2] ?? ''];
  if (!match || !perMs || count < 1) throw usageError(t('batch.badRate', { value: quoted(text) }), t('batch.badRateHint'));
  return { count, perMs };
}
