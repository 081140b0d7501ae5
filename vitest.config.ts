import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    // Building ResNet-50 on the CPU backend takes a few seconds on two cores.
    testTimeout: 60_000,
  },
});
