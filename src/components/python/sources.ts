/**
 * The Python package as text, bundled with the code that installs it: Vite inlines every .py
 * file under src/lib/keras/python/ at build time, so the worker needs no request of its own to
 * get them. Keys are paths under python/, such as `keras/layers.py`. A Vite-only import, so it
 * lives here rather than in src/lib: the runtime there takes these sources as an argument.
 */
const files = import.meta.glob<string>('../../lib/keras/python/**/*.py', { query: '?raw', import: 'default', eager: true });

export const PYTHON_SOURCES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(files).map(([path, text]) => [path.replace(/^\.\.\/\.\.\/lib\/keras\/python\//, ''), text])),
);
