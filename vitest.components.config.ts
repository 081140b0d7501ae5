/**
 * The component tests (tests/components/): Astro's Vite setup compiles the .astro files they
 * render, which the unit tests (vitest.config.ts) need not pay for. `npm run test:unit` runs both.
 */
import { getViteConfig } from 'astro/config';

export default getViteConfig({
  test: {
    include: ['tests/components/**/*.test.ts'],
  },
});
