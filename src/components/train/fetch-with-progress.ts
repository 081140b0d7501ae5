/**
 * The browser's `fetchBytes` for `loadDataset` (src/lib/train/data.ts): fetches a URL as bytes
 * and reports bytes received as they stream in, so the lab can show a download progress bar.
 */
/**
 * Fetches `url` and resolves with its body. `onProgress(loaded)` gets the bytes received so far
 * after each chunk. Rejects on an HTTP error status, naming the URL and status; `signal` aborts.
 */
export async function fetchWithProgress(url: string, onProgress?: (loaded: number) => void, signal?: AbortSignal): Promise<Uint8Array> {
  const response = await fetch(url, { signal });
  if (!response.ok) {
    throw new Error(`Could not load ${url}: the server answered ${response.status} ${response.statusText}.`);
  }
  // Without a readable body (rare), fall back to reading it whole.
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onProgress?.(bytes.length);
    return bytes;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress?.(loaded);
  }
  // One copy at the end, rather than growing a buffer: Content-Length may be missing or be the
  // compressed size, so the final length is only known here.
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
