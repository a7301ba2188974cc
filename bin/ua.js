#!/usr/bin/env node
import { main, processWorld } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2), processWorld());
