import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:quick`, for the edit–test loop: the unit and command tests, which run the
 * sources in this process, in about half a minute. Left to `npm test` (which runs everything,
 * after a build), measured with `npx vitest run --reporter=verbose` on 2 cores, seconds per file:
 */
const SLOW = [
  // Every end-to-end test runs the built bundle (bin/ua.js → dist/; packed by install.test.ts, made a
  // single executable by sea.test.ts): without the build in front, they would test the last one.
  // Slowest: send-promise 59, mutations 40, files-interrupts 15, feeds 14, spreadsheet 13 (LibreOffice).
  'test/e2e/**',
  // Real clocks: a server that closes idle connections after 2 s, another that trickles a byte a second (31).
  'test/commands/send-reruns.test.ts',
  // dependency-cruiser over src/ and a probe per rule, a process each (22); npm test also runs depcruise src.
  'test/architecture.test.ts',
];

export default mergeConfig(base, defineConfig({ test: { exclude: [...configDefaults.exclude, ...SLOW] } }));
