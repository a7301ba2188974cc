import type { Command } from 'commander';
import { type Declare, parsedOption, placeholder } from '../declare.js';
import type { BuildOptions, KeygenOptions } from './publish.js';
import type { AddOptions, FeedListOptions } from './subscribe.js';
import { talliedOnOption } from './tallies.js';

type BuildFlags = {
  key?: string;
  out?: string;
  name?: string;
  tallies?: string;
  talliedOn?: string;
  reportEmail?: string;
  reportUrl?: string;
  force?: boolean;
};

/** `ua feed keygen|build|add|list|remove`: a command of commands. */
export const declare: Declare = (feed, { t, run }) => {
  const publish = async () => import('./publish.js');
  const subscribe = async () => import('./subscribe.js');
  feed.helpCommand(`help [${t('cli.arg.command')}]`, t('cli.helpCommand'));
  const sub = (name: string): Command => feed.command(name).helpOption('-h, --help', t('cli.help'));
  sub('keygen')
    .description(t('cli.feed.keygen'))
    .option(`-o, --out ${placeholder(t, 'file')}`, t('cli.feed.keygenOut'))
    .option('--force', t('cli.feed.force'))
    .action((flags: { out?: string; force?: boolean }) => {
      const options: KeygenOptions = { out: flags.out, force: flags.force === true };
      run(async (ctx) => (await publish()).feedKeygen(options, ctx));
    });
  sub('build')
    .description(t('cli.feed.build'))
    .argument(placeholder(t, 'folder'), t('cli.feed.buildFolder'))
    .option(`--key ${placeholder(t, 'file')}`, t('cli.feed.buildKey'))
    .option(`-o, --out ${placeholder(t, 'folder')}`, t('cli.feed.buildOut'))
    .option(`--name ${placeholder(t, 'name')}`, t('cli.feed.buildName'))
    .option(`--tallies ${placeholder(t, 'file')}`, t('cli.feed.buildTallies'))
    .addOption(parsedOption(`--tallied-on ${placeholder(t, 'date')}`, t('cli.feed.buildTalliedOn'), (text) => talliedOnOption(t, text)))
    .option(`--report-email ${placeholder(t, 'address')}`, t('cli.feed.buildReportEmail'))
    .option(`--report-url ${placeholder(t, 'url')}`, t('cli.feed.buildReportUrl'))
    .option('--force', t('cli.feed.force'))
    .action((folder: string, flags: BuildFlags) => {
      const { key, out, name, tallies, talliedOn, reportEmail, reportUrl } = flags;
      const options: BuildOptions = { key, out, name, tallies, talliedOn, reportEmail, reportUrl, force: flags.force === true };
      run(async (ctx) => (await publish()).feedBuild(folder, options, ctx));
    });
  sub('add')
    .description(t('cli.feed.add'))
    .argument(placeholder(t, 'name'), t('cli.feed.addName'))
    .argument(placeholder(t, 'url'), t('cli.feed.addUrl'))
    .option(`--key ${placeholder(t, 'key')}`, t('cli.feed.addKey'))
    .action((name: string, url: string, flags: { key?: string }) => {
      const options: AddOptions = { key: flags.key };
      run(async (ctx) => (await subscribe()).feedAdd(name, url, options, ctx));
    });
  sub('list')
    .description(t('cli.feed.list'))
    .option('--json', t('cli.json'))
    .action((flags: { json?: boolean }) => {
      const options: FeedListOptions = { json: flags.json === true };
      run(async (ctx) => (await subscribe()).feedList(options, ctx));
    });
  sub('remove')
    .description(t('cli.feed.remove'))
    .argument(placeholder(t, 'name'), t('cli.feed.removeName'))
    .action((name: string) => run(async (ctx) => (await subscribe()).feedRemove(name, ctx)));
};
