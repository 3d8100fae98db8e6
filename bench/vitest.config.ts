import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['support/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: '.reports/vitest.json' }]],
  },
});
