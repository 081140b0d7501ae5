/**
 * Pyodide with only the course's numpy installed, loaded as src/lib/keras/runtime.ts loads it
 * (same bridge registration, same package folder on sys.path), so numpy can be tested on its own.
 */
import * as tf from '@tensorflow/tfjs';
import type { loadPyodide as LoadPyodide, PyodideAPI } from 'pyodide';
import { createNumpyBridge } from '../../src/lib/keras/numpy-bridge';
import { PYTHON_SOURCES } from '../../src/components/python/sources';
import { INDEX_URL } from './keras-helpers';

const PACKAGE_DIR = '/lib/resnet_live';

/** Names the numpy tests' tables share: run it before a table that uses X, M or v. */
export const SETUP = `
X = np.arange(24).reshape(2, 3, 4)
M = np.array([[1., 2., 3.], [4., 5., 6.]])
v = np.array([10, 20, 30])
`;

export interface NumpyPython {
  pyodide: PyodideAPI;
  /** Runs `code` (after `import numpy as np`) and returns its last expression, converted to JS. */
  run(code: string): unknown;
  /** Runs `code` and returns the str() of its last expression. */
  text(code: string): string;
  /** repr() of an expression. */
  repr(code: string): string;
  /** Runs `code` and returns what it raised: "TypeName: message", or null if nothing. */
  error(code: string): string | null;
  /** What the code printed since the last call. */
  printed(): string[];
}

export async function loadNumpy(): Promise<NumpyPython> {
  const entry = new URL('pyodide.mjs', new URL(INDEX_URL, `file://${process.cwd()}/`)).href;
  const { loadPyodide } = (await import(/* @vite-ignore */ entry)) as { loadPyodide: typeof LoadPyodide };
  let output: string[] = [];
  const pyodide = await loadPyodide({ indexURL: INDEX_URL, stdout: (line) => output.push(line), stderr: (line) => output.push(line) });
  pyodide.registerJsModule('_resnet_live_np', createNumpyBridge(tf));
  const fs = pyodide.FS as unknown as { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
  for (const [path, text] of Object.entries(PYTHON_SOURCES)) {
    if (!path.startsWith('numpy/')) continue;
    const file = `${PACKAGE_DIR}/${path}`;
    fs.mkdirTree(file.slice(0, file.lastIndexOf('/')));
    fs.writeFile(file, text);
  }
  pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(PACKAGE_DIR)})\nimport numpy as np`);
  const globals = pyodide.globals;
  const toJs = (value: unknown) => {
    if (value && typeof value === 'object' && 'toJs' in value) {
      const proxy = value as { toJs(options: object): unknown; destroy(): void };
      const converted = proxy.toJs({ dict_converter: Object.fromEntries });
      proxy.destroy();
      return converted;
    }
    return value;
  };
  const text = (code: string) => {
    globals.set('__code', code);
    return String(pyodide.runPython('str(eval(compile(__code, "<cell>", "eval")))', { globals }));
  };
  return {
    pyodide,
    run: (code) => toJs(pyodide.runPython(code, { globals })),
    text,
    repr: (code) => text(`repr(${code})`),
    error(code) {
      globals.set('__code', code);
      return pyodide.runPython(
        `
def __catch():
    try:
        exec(__code, globals())
    except BaseException as error:
        return f"{type(error).__name__}: {error}"
    return None
__catch()`,
        { globals },
      ) as string | null;
    },
    printed() {
      const lines = output;
      output = [];
      return lines;
    },
  };
}
