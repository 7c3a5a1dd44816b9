import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share their worker process instead of each starting a fresh one: starting a
    // process per file cost more time than the tests themselves. Tests therefore must not rely on
    // module state left by another file; a test that needs a module mocked loads its own copy of
    // the modules that use it and removes the mock at once (test/sim/policy-override.ts).
    isolate: false,
  },
});
