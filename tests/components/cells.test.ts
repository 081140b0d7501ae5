/**
 * The cells' markup has every part their code finds (src/components/exercise/markup.ts,
 * src/components/notebook/markup.ts): each .astro file rendered by Astro's container, each
 * selector of its table matched in the HTML.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import CodeCell from '../../src/components/exercise/CodeCell.astro';
import NotebookCell from '../../src/components/notebook/NotebookCell.astro';
import { CODE_CELL_PARTS, PYTHON_LOADING_PARTS } from '../../src/components/exercise/markup';
import { CELL_RUNNER_PARTS, NOTEBOOK_CELL_PARTS } from '../../src/components/notebook/markup';
import { missingParts, query, rootOf } from './markup';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

describe('the graded code cell', () => {
  test.each(['identity-block', 'resnet50'] as const)('%s has every part of CODE_CELL_PARTS and CELL_RUNNER_PARTS', async (exercise) => {
    const cell = rootOf(await container.renderToString(CodeCell, { props: { exercise } }));
    expect(cell.tagName).toBe('resnet-code-cell');
    expect(missingParts(cell, CODE_CELL_PARTS, '<resnet-code-cell>')).toEqual([]);
    expect(missingParts(cell, CELL_RUNNER_PARTS, '<resnet-code-cell>')).toEqual([]);
  });

  test('has the Keras loading bar with its parts', async () => {
    const cell = rootOf(await container.renderToString(CodeCell, { props: { exercise: 'identity-block' } }));
    const python = query(cell, CODE_CELL_PARTS.python[0]);
    expect(python?.tagName).toBe('div');
    expect(missingParts(python ?? cell, PYTHON_LOADING_PARTS, '[data-python]')).toEqual([]);
  });
});

describe('the notebook cell', () => {
  const props = { name: 'test', title: 'Test identity_block', tfjs: 'print(1)', keras: 'print(1)' };

  test('has every part of NOTEBOOK_CELL_PARTS and CELL_RUNNER_PARTS, the expected output with `expect`', async () => {
    const cell = rootOf(await container.renderToString(NotebookCell, { props: { ...props, expect: 'identity-block' } }));
    expect(cell.tagName).toBe('resnet-notebook-cell');
    expect(missingParts(cell, NOTEBOOK_CELL_PARTS, '<resnet-notebook-cell>')).toEqual([]);
    expect(missingParts(cell, CELL_RUNNER_PARTS, '<resnet-notebook-cell>')).toEqual([]);
    expect(query(cell, NOTEBOOK_CELL_PARTS.expectedBox[0])).not.toBeNull();
    expect(query(cell, NOTEBOOK_CELL_PARTS.expected[0])).not.toBeNull();
  });

  test('without `expect`, lacks only the optional expected output', async () => {
    const cell = rootOf(await container.renderToString(NotebookCell, { props }));
    expect(missingParts(cell, NOTEBOOK_CELL_PARTS, '<resnet-notebook-cell>')).toEqual([]);
    expect(query(cell, NOTEBOOK_CELL_PARTS.expectedBox[0])).toBeNull();
    const required = Object.entries(NOTEBOOK_CELL_PARTS).filter(([, spec]) => spec.length === 2);
    expect(required.map(([name]) => name)).toEqual(['title', 'editor', 'run', 'runAbove', 'stop', 'restart', 'status']);
  });
});
