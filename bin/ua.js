#!/usr/bin/env node
// The `ua` command. Everything else is in the build (`npm run build` writes dist/): main() runs
// the command line and answers with the exit code; nothing else sets it or exits.
import { main, processWorld } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2), processWorld());
