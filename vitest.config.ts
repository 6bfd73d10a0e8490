import { defineConfig } from 'vitest/config';

// Many tests drive the built CLI as a child process, several runs each: on a loaded
// 2-core CI machine one test can take tens of seconds. Time limits here are a backstop
// against hangs, not a performance check (performance is measured by `npm run bench`).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
