/**
 * How a kernel reads the course's data files synchronously (Python's `load_dataset()` cannot
 * await): a synchronous XMLHttpRequest, which workers may make. Made before the worker's
 * lock-down removes XMLHttpRequest, and confined to the site's data folder, so learner code that
 * reaches it can read nothing else.
 */
export function dataReader(folder: string): (path: string) => Uint8Array {
  const Request = XMLHttpRequest;
  return (path: string) => {
    if (!/^[\w-]+(\/[\w.-]+)*$/.test(path) || path.includes('..')) throw new Error(`not a file of the course's data: ${path}`);
    const request = new Request();
    request.open('GET', `${folder}${path}`, false);
    request.responseType = 'arraybuffer';
    request.send();
    if (request.status !== 200) throw new Error(`the course's data file ${path} could not be read (HTTP ${request.status})`);
    return new Uint8Array(request.response as ArrayBuffer);
  };
}
