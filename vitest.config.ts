import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // The end-to-end tests spawn the CLI; two workers match the two cores here.
    maxWorkers: 2,
  },
});
