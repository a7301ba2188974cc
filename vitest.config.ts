import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One temporary folder for the whole run, removed at its end (see the file).
    globalSetup: ['test/helpers/temp-root.ts'],
    setupFiles: ['test/helpers/setup.ts'],
    // A safety net for a hang, never a measure of speed: a busy machine may take many times the usual.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // The end-to-end tests spawn the CLI; two workers match the two cores here.
    maxWorkers: 2,
  },
});
