/**
 * Lessons link to each other by site path: `[the next lesson](/lessons/residual-networks/)` in
 * Markdown, `href="/lessons/identity-block/"` on a LinkCard or LinkButton. Astro leaves such
 * links as written, so a site built with `--base /resnet-live` would send readers to the host's
 * root, where the course is not. This integration puts the base in front of every root-relative
 * `href` in Markdown and MDX at build time, so authors keep writing plain site paths.
 *
 * It reads the base from the final config, which includes `astro build --base …` from the command
 * line, and hands a rehype plugin to the Markdown config, which Starlight's MDX extends.
 */
import type { AstroIntegration } from 'astro';
import { joinBase } from '../components/base-url';

/** The few fields of hast and MDX JSX nodes the plugin reads; the tree holds more. */
interface TreeNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: TreeNode[];
}

/**
 * `href` under `base` when it is a path of this site (`/…`); anything else (`https:`, `#id`,
 * `../x/`, protocol-relative `//host/…`) as it is.
 */
export function hrefWithBase(href: string, base: string): string {
  return href.startsWith('/') && !href.startsWith('//') ? joinBase(base, href) : href;
}

function visit(node: TreeNode, base: string): void {
  const href = node.properties?.href;
  if (node.type === 'element' && node.tagName === 'a' && typeof href === 'string') {
    node.properties!.href = hrefWithBase(href, base);
  }
  if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
    for (const attribute of node.attributes ?? []) {
      // An `{expression}` value is code, not a path: only plain strings are rewritten.
      if (attribute.type === 'mdxJsxAttribute' && attribute.name === 'href' && typeof attribute.value === 'string') {
        attribute.value = hrefWithBase(attribute.value, base);
      }
    }
  }
  for (const child of node.children ?? []) visit(child, base);
}

/** The rehype plugin: rewrites links in one page's tree. */
export function rehypeBaseLinks({ base }: { base: string }) {
  return (tree: TreeNode) => visit(tree, base);
}

export function baseLinks(): AstroIntegration {
  return {
    name: 'resnet-live:base-links',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        if (config.base === '/' || config.base === '') return;
        updateConfig({ markdown: { rehypePlugins: [[rehypeBaseLinks, { base: config.base }]] } });
      },
    },
  };
}
