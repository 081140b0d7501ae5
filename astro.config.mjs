// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { baseLinks } from './src/integrations/base-links';
import { isolationWorker, isolationWorkerEnabled } from './src/integrations/isolation-worker';
import { CONTENT_SECURITY_POLICY } from './scripts/csp.mjs';
import { sidebarLessons } from './src/lessons.mjs';

// The course is a static site: `astro build` writes dist/, which any static host serves.
export default defineConfig({
  site: 'http://localhost:4321',
  integrations: [
    starlight({
      title: 'ResNet, live',
      description: 'An interactive course on residual networks: build every block with TF.js in your browser and watch the tensor shapes.',
      customCss: ['./src/styles/course.css', './src/styles/diagrams.css', './src/styles/live.css'],
      // The sidebar marks lessons whose exercise the reader has finished; under the page title,
      // a notice says when saved progress could not be used and was reset; the search button's
      // accessible name holds the shortcut it shows.
      components: {
        Sidebar: './src/components/overrides/Sidebar.astro',
        PageTitle: './src/components/overrides/PageTitle.astro',
        Search: './src/components/overrides/Search.astro',
      },
      sidebar: [
        { label: 'Course home', link: '/' },
        {
          label: 'Lessons',
          items: sidebarLessons(),
        },
        // The lab of lesson 6 at full width (src/pages/lab.astro), for readers who come back to experiment.
        { label: 'Training lab', link: '/lab/' },
      ],
      // Every page carries the site's Content-Security-Policy, so the grader's worker, started from
      // a blob: URL, inherits it on any host (scripts/csp.mjs says why).
      head: [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY } }],
      lastUpdated: false,
      pagination: true,
    }),
    // Lessons link by site path (`/lessons/…`); under a base path those links need the base too.
    baseLinks(),
    // Cross-origin isolation where the host cannot send COOP/COEP: a service worker adds them, and
    // a script early in every page's <head> registers it (src/integrations/isolation-worker.ts says
    // why it is on by default). An integration rather than a Starlight `head` entry, because the
    // script's URL needs the base, which `npm run build:base` gives only on the command line.
    isolationWorker({ enabled: isolationWorkerEnabled(process.env.COI_SERVICE_WORKER) }),
  ],
  vite: {
    // TF.js is large; split it into its own chunk so only pages with live components load it.
    build: { chunkSizeWarningLimit: 4000 },
    // The training worker loads its backends on demand (dynamic imports), which needs ES-module workers.
    worker: { format: 'es' },
  },
});
