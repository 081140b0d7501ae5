/**
 * The shape of the code: src/lib is pure (no page, no components), its folders depend on each
 * other one way only, and no source file grows past 300 lines. Read from the files themselves.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

const LIB = 'src/lib';

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

const libFiles = filesUnder(LIB, /\.(ts|mts|mjs)$/);
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => resolve(dirname(file), m[1]!));
const folderOf = (path: string) => {
  const parts = relative(resolve(LIB), resolve(path)).split('/');
  return parts.length > 1 ? parts[0]! : '(root)';
};

test('src/lib touches no page: no document, window, HTMLElement or requestAnimationFrame, and no import from components', () => {
  const offenders = libFiles.filter((file) => /document\.|window\.|HTMLElement|requestAnimationFrame/.test(readFileSync(file, 'utf8')));
  expect(offenders).toEqual([]);
  const upward = libFiles.flatMap((file) =>
    importsOf(file)
      .filter((target) => relative(resolve(LIB), target).startsWith('..'))
      .map((target) => `${file} → ${relative('.', target)}`),
  );
  expect(upward).toEqual([]);
});

test('the folders of src/lib depend on each other one way only', () => {
  const edges = new Map<string, Set<string>>();
  for (const file of libFiles) {
    for (const target of importsOf(file)) {
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  // Depth-first search; a folder met again while still on the path closes a cycle.
  const cycles: string[] = [];
  const visit = (folder: string, path: string[]) => {
    if (path.includes(folder)) return void cycles.push([...path.slice(path.indexOf(folder)), folder].join(' → '));
    for (const next of edges.get(folder) ?? []) visit(next, [...path, folder]);
  };
  for (const folder of edges.keys()) visit(folder, []);
  expect(cycles).toEqual([]);
  // The graph is not empty: the search above had something to search.
  expect(edges.get('grading')?.has('resnet')).toBe(true);
});

test('no source, test or script file is over 300 lines', () => {
  const generated = /-wasm\.ts$/;
  const files = ['src', 'tests', 'scripts'].flatMap((dir) => filesUnder(dir, /\.(ts|mts|mjs|astro|mdx|css|py|wat)$/)).filter((file) => !generated.test(file));
  const long = files.map((file) => [file, readFileSync(file, 'utf8').split('\n').length - 1] as const).filter(([, lines]) => lines > 300);
  expect(long).toEqual([]);
});
