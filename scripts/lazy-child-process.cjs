// Stands in for node:child_process inside commander (see scripts/build.mjs): the real module
// loads on first use, which in ua is never, as ua has no stand-alone executable subcommands.
let real;
module.exports = new Proxy(
  {},
  {
    get(_, key) {
      real ??= require('node:child_process');
      return real[key];
    },
  },
);
