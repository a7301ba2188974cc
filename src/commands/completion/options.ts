import { Option } from 'commander';
import type { Shell } from '../../core/completion.js';
import { type Declare, examples } from '../declare.js';
import type { CompletionOptions } from './completion.js';

export const declare: Declare = (command, { t, run }) => {
  command
    .addOption(new Option('--ids').hideHelp())
    .addHelpText(
      'after',
      examples(t, [
        ['ua completion bash > ~/.local/share/bash-completion/completions/ua', t('cli.ex.completionBash')],
        ['ua completion zsh > ~/.zfunc/_ua', t('cli.ex.completionZsh')],
        ['ua completion fish > ~/.config/fish/completions/ua.fish', t('cli.ex.completionFish')],
      ]),
    )
    .action((shell: Shell | undefined, flags: { ids?: boolean }) => {
      const options: CompletionOptions = { ids: flags.ids === true };
      // The whole command line, every command declared (cli.ts does so for this command).
      const program = command.parent ?? command;
      run(async (ctx) => (await import('./completion.js')).completion(shell, options, program, ctx));
    });
};
