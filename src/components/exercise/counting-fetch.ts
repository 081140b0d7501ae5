/**
 * A `fetch` that counts the bytes of every response body as it is read, for a progress bar over
 * downloads someone else starts (Pyodide fetches its own files). The body is passed through
 * unchanged, with the response's status and headers, so `WebAssembly.instantiateStreaming` still
 * takes it.
 */

/** Bytes received so far, over every response; `total` sums the Content-Length headers seen. */
export interface Downloads {
  loaded: number;
  total: number;
}

export function countingFetch(inner: typeof fetch, onBytes: (downloads: Downloads) => void): typeof fetch {
  const files: Downloads[] = [];
  const sum = (): Downloads => {
    let loaded = 0;
    let total = 0;
    // A file without a length (compressed on the fly) counts what has arrived.
    for (const file of files) {
      loaded += file.loaded;
      total += Math.max(file.total, file.loaded);
    }
    return { loaded, total };
  };
  return async (input, init) => {
    const response = await inner(input, init);
    if (!response.body) return response;
    const file = { loaded: 0, total: Number(response.headers.get('Content-Length')) || 0 };
    files.push(file);
    onBytes(sum());
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          file.loaded += chunk.byteLength;
          onBytes(sum());
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
