/**
 * The page's query string, made safe for every reader of it before any runs.
 *
 * The query is input from whoever wrote the link. Our own codec (fields.ts) reads it leniently,
 * but TF.js reads it too, as soon as it is imported: it looks for `tfjsflags` (engine settings,
 * such as debug mode or the WebGL version) and decodes every pair with decodeURIComponent, which
 * throws on a broken escape such as `%E0%A4%A`, so one bad character in a pasted link would stop
 * TF.js, and every live component with it, from loading. So the page rewrites such a query once,
 * before anything else reads it: every key and value kept as the lenient decoder reads it, only
 * re-encoded, and without `tfjsflags`, since a link must not reconfigure the engine.
 */

/** The query key TF.js reads its engine flags from. */
export const TFJS_FLAGS_KEY = 'tfjsflags';

/** Whether decodeURIComponent can read every key and value of the query, as TF.js will. */
function decodable(search: string): boolean {
  try {
    for (const pair of search.replace(/^\?/, '').split('&')) for (const part of pair.split('=')) decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}

/** The query to put in place of `search` (`?…` or ''), or null when it is safe as it is. */
export function repairQuery(search: string): string | null {
  const params = new URLSearchParams(search);
  const flags = params.has(TFJS_FLAGS_KEY);
  if (!flags && decodable(search)) return null;
  params.delete(TFJS_FLAGS_KEY);
  const text = params.toString();
  return text ? `?${text}` : '';
}
