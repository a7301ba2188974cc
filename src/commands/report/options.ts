import { Option } from 'commander';
import type { CsvSeparator } from '../../core/csv.js';
import { usageError } from '../../errors.js';
import { csvSepOption } from '../common/csv-separator.js';
import { type Declare, placeholder } from '../declare.js';
import type { ForgetOptions } from './forget.js';
import type { ReportOptions } from './report.js';
import type { SubmitOptions } from './submit.js';

interface ReportFlags {
  json?: boolean;
  csv?: boolean;
  csvSep?: CsvSeparator;
  submit?: boolean;
  dryRun?: boolean;
  to?: string;
  open?: boolean;
  resend?: boolean;
  smtp?: string;
  from?: string;
  forget?: boolean;
  yes?: boolean;
}

/** The options that only mean something with --submit, as the command line names them. */
const SUBMIT_ONLY = [
  ['dryRun', '--dry-run'],
  ['to', '--to'],
  ['open', '--open'],
  ['resend', '--resend'],
  ['smtp', '--smtp'],
  ['from', '--from'],
] as const;

export const declare: Declare = (command, { t, run }) => {
  command
    .addOption(new Option('--json', t('cli.json')).conflicts(['csv', 'submit']))
    .addOption(new Option('--csv', t('cli.report.csv')).conflicts('submit'))
    .addOption(csvSepOption(t))
    .option('--submit', t('cli.report.submit'))
    .option('--dry-run', t('cli.report.dryRun'))
    .option(`--to ${placeholder(t, 'address')}`, t('cli.report.to'))
    .option('--open', t('cli.report.open'))
    .option('--resend', t('cli.report.resend'))
    .option(`--smtp ${placeholder(t, 'url')}`, t('cli.report.smtp'))
    .option(`--from ${placeholder(t, 'address')}`, t('cli.report.from'))
    .addOption(new Option('--forget', t('cli.report.forget')).conflicts(['json', 'csv', 'submit']))
    .option('--yes', t('cli.report.yes'))
    .action((id: string | undefined, flags: ReportFlags) => {
      if (flags.yes && !flags.forget) throw usageError(t('forget.onlyWithForget'));
      if (flags.forget) {
        if (id === undefined) throw usageError(t('forget.needsId'));
        const options: ForgetOptions = { yes: flags.yes === true, wait: 30 };
        run(async (ctx) => (await import('./forget.js')).forget(id, options, ctx));
        return;
      }
      if (!flags.submit) {
        const stray = SUBMIT_ONLY.find(([key]) => flags[key] !== undefined);
        if (stray) throw usageError(t('submit.onlyWithSubmit', { option: stray[1] }));
        const options: ReportOptions = { json: flags.json === true, csv: flags.csv === true, csvSep: flags.csvSep };
        run(async (ctx) => (await import('./report.js')).report(id, options, ctx));
        return;
      }
      if (id === undefined) throw usageError(t('submit.needsId'));
      const options: SubmitOptions = {
        dryRun: flags.dryRun === true,
        to: flags.to,
        open: flags.open === true,
        resend: flags.resend === true,
        smtp: flags.smtp,
        from: flags.from,
        wait: 30,
      };
      run(async (ctx) => (await import('./submit.js')).submit(id, options, ctx));
    });
};
