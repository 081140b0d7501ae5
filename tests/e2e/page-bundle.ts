/**
 * A test page's own script, bundled with TF.js and our kernels at test time (esbuild, as Vite
 * uses it), for the specs that check kernels no page of the site runs here (WebGL without a GPU).
 */
import { build } from 'esbuild';

/** The file at `url` (a module beside the spec) bundled as one script, to add to an empty page. */
export async function bundlePage(url: URL): Promise<string> {
  const result = await build({
    entryPoints: [url.pathname],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
