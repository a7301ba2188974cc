#!/usr/bin/env node
// The `ua` command: the bundle's entry (dist/ua.js), one file for Node to load before it can answer.
import { main, processWorld } from './main.js';

process.exitCode = await main(process.argv.slice(2), processWorld());
