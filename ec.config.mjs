// @ts-check
import { defineEcConfig } from '@astrojs/starlight/expressive-code';
import { select } from '@astrojs/starlight/expressive-code/hast';

/**
 * Code blocks whose long lines scroll sideways must be reachable from the keyboard. Expressive
 * Code's own script makes them so (tabindex="0", role="region"), but only a moment after the page
 * has loaded, and never where scripts do not run. So every block starts out that way in the HTML;
 * the same script still takes both away from the blocks that fit on the screen.
 */
/** @type {import('@astrojs/starlight/expressive-code').ExpressiveCodePlugin} */
const scrollableBlocksFocusable = {
  name: 'Code blocks focusable before scripts run',
  hooks: {
    postprocessRenderedBlock: ({ renderData }) => {
      const pre = select('pre', renderData.blockAst);
      if (pre) Object.assign(pre.properties, { tabIndex: 0, role: 'region' });
    },
  },
};

export default defineEcConfig({ plugins: [scrollableBlocksFocusable] });
