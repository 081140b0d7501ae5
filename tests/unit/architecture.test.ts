/**
 * The shape of the code: src/lib is pure (no page, no browser, no Vite, no components), its
 * folders depend on each other one way only, src/components' imports run from its subfolders to
 * its top and never back down, and no source file grows past 300 lines. Read from the files
 * themselves.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

const LIB = 'src/lib';
const COMPONENTS = 'src/components';

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

const libFiles = filesUnder(LIB, /\.(ts|mts|mjs)$/);
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => resolve(dirname(file), m[1]!));
/** A file's code without its comments, so that a comment may name what the code must not use. */
const codeOf = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
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

test('src/lib runs outside a browser: no navigator (browser checks live in src/components)', () => {
  expect(libFiles.filter((file) => /\bnavigator\b/.test(codeOf(file)))).toEqual([]);
});

test('src/lib runs outside Vite: no ?raw, ?url or ?worker imports, no import.meta.glob or import.meta.env', () => {
  const vite = /(?:from|import)\s*\(?\s*'[^']*\?(?:raw|url|worker)\b[^']*'|import\.meta\.(?:glob|env)\b/;
  expect(libFiles.filter((file) => vite.test(codeOf(file)))).toEqual([]);
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

test('src/components imports run up from its subfolders, never down from its top', () => {
  const top = readdirSync(COMPONENTS)
    .map((name) => join(COMPONENTS, name))
    .filter((path) => statSync(path).isFile() && /\.(ts|astro)$/.test(path));
  // The top holds what every feature folder shares (the engine's starter, the base URL, …);
  // a top file that reached into one folder would tie the others to it, and close a loop.
  const downward = top.flatMap((file) =>
    importsOf(file)
      .filter((target) => {
        const path = relative(resolve(COMPONENTS), target);
        return !path.startsWith('..') && path.includes('/');
      })
      .map((target) => `${file} → ${relative('.', target)}`),
  );
  expect(downward).toEqual([]);
  expect(top).toContain(join(COMPONENTS, 'engine.ts'));
});

test('no source, test or script file is over 300 lines', () => {
  // The WebAssembly modules that scripts/build-wasm.mjs writes: one long line of bytes each.
  const generated = /^src\/lib\/engine\/wasm\/[^/]+-wasm\.ts$/;
  const files = ['src', 'tests', 'scripts'].flatMap((dir) => filesUnder(dir, /\.(ts|mts|mjs|astro|mdx|css|py|wat)$/)).filter((file) => !generated.test(file));
  const long = files.map((file) => [file, readFileSync(file, 'utf8').split('\n').length - 1] as const).filter(([, lines]) => lines > 300);
  expect(long).toEqual([]);
});
