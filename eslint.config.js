// ESLint, run by `npm test` right after Prettier: Prettier owns the layout, so only rules about
// what code does are on. TypeScript's own checks come first (tsc, astro check); these catch what
// they let through: promises nobody waits for, promises where a callback's result is ignored,
// switches that miss a case, `any` leaking in.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The no-unsafe family, off where values are `any` by nature (each use below says why). */
const UNTYPED = {
  '@typescript-eslint/no-unsafe-assignment': 'off',
  '@typescript-eslint/no-unsafe-member-access': 'off',
  '@typescript-eslint/no-unsafe-call': 'off',
  '@typescript-eslint/no-unsafe-return': 'off',
  '@typescript-eslint/no-unsafe-argument': 'off',
};

export default tseslint.config(
  {
    // Built, downloaded or generated: not ours to lint (as in .prettierignore).
    ignores: [
      'dist/',
      'dist-base/',
      '.astro/',
      'public/data/',
      'public/wasm/',
      'public/pyodide/',
      'node_modules/',
      'bench/',
      'test-results/',
      'playwright-report/',
      'src/lib/engine/wasm/*-wasm.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // The project service reads tsconfig.json, so the rules see the types tsc sees.
      parserOptions: {
        // The .mjs files beside a .d.mts are typed by it, so TypeScript's project leaves them out.
        projectService: { allowDefaultProject: ['src/lib/train/*.mjs', 'src/lessons.mjs', 'scripts/wasm-sources.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Numbers in messages are the common case here (shapes, counts, milliseconds).
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // An async function without await is how these files meet a Promise-returning contract
      // (startBackend, yieldToPage); rewriting each as Promise.resolve would say nothing more.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore, or a rest sibling, names what a destructuring leaves out on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Most of its findings are `tf.tidy(() => …) as T`, which it would have written tf.tidy<T>:
      // the same type either way; it adds nothing the issue asked for.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Plain JavaScript (the scripts, the configs) carries no types here (no checkJs), so every
    // value is any and the no-unsafe family would flag each use; the promise rules still apply.
    files: ['**/*.js', '**/*.mjs'],
    rules: {
      ...UNTYPED,
    },
  },
  {
    // Pyodide's proxies index as any and cells log any value: these files narrow at each boundary.
    files: ['src/lib/keras/runtime.ts', 'src/lib/kernel/display.ts'],
    rules: {
      ...UNTYPED,
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: ['tests/**'],
    rules: {
      // Tests keep the methods they wrap (fetch, history, runKernel) to put them back.
      '@typescript-eslint/unbound-method': 'off',
      // Tests read JSON and Pyodide proxies, which are any, and assert on what they find.
      ...UNTYPED,
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  ...astro.configs['flat/recommended'],
  {
    // TypeScript's project has no .astro files (astro check type-checks them), so the type-aware
    // rules cannot run on their frontmatter or scripts; their logic lives in .ts files that they do.
    files: ['**/*.astro', '**/*.astro/*.ts', '**/*.astro/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
