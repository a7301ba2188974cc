#!/usr/bin/env node
// The `ua` command. Everything else is in the build (`npm run build` writes dist/): the start
// picks the bundle of the command this run uses and calls its main(), which answers with the
// exit code; nothing else sets it or exits. CommonJS (bin/package.json): no ES module loader.
require('../dist/start.cjs');
