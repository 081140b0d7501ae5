/**
 * The site's own URLs, under whatever base path it is published at (`astro build --base /x`,
 * e.g. GitHub Pages' `https://user.github.io/resnet-live/`). Every URL the code builds (data,
 * WebAssembly binaries, links) goes through `withBase`; a bare `/data/…` would reach the host's
 * root instead, where the site is not.
 *
 * Vite replaces `import.meta.env.BASE_URL` at build time, in workers too, so this works on the
 * page and in the training and grading workers alike. Astro gives it with or without a trailing
 * slash (`/`, `/resnet-live`, `/resnet-live/`), depending on the `base` and `trailingSlash` set.
 */

/** Joins `base` and a site path: `joinBase('/x', '/data/')` and `joinBase('/x/', 'data/')` are `/x/data/`. */
export function joinBase(base: string, path: string): string {
  return `${base.replace(/\/*$/, '/')}${path.replace(/^\/+/, '')}`;
}

/** A path of this site (`lessons/training/`, `/wasm/`) as a URL under the site's base. */
export function withBase(path: string): string {
  return joinBase(import.meta.env.BASE_URL, path);
}

/**
 * A path of this site as an absolute URL. Needed where relative URLs do not resolve against the
 * site: in a worker started from a `blob:` URL (exercise/sandbox-worker.ts), whose own URL is the blob.
 */
export function siteUrl(path: string): string {
  return new URL(withBase(path), globalThis.location.origin).href;
}
