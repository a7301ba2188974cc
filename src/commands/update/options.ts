import type { Declare } from '../declare.js';

export const declare: Declare = (command, { run }) => {
  command.action(() => run(async (ctx) => (await import('./update.js')).update(ctx)));
};
