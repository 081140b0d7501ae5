import { describe, expect, test } from 'vitest';
import { controls, INITIAL, isRunning, transition, type LabEvent, type LabPhase, type LabState } from '../../src/lib/train/lab-state';

const run = (events: LabEvent['type'][], from: LabState = INITIAL): LabState =>
  events.reduce((state, type) => transition(state, (type === 'finished' ? { type, stopped: false } : { type }) as LabEvent), from);

describe('a run, event by event', () => {
  test.each<[string, LabEvent['type'][], LabPhase, boolean]>([
    ['Train downloads first', ['start'], 'loading', false],
    ['then trains', ['start', 'training'], 'training', false],
    ['Pause holds it', ['start', 'training', 'pause'], 'paused', false],
    ['Resume carries on', ['start', 'training', 'pause', 'resume'], 'training', false],
    ['the end of training tests', ['start', 'training', 'testing'], 'testing', false],
    ['and a full run is done', ['start', 'training', 'testing', 'finished'], 'done', false],
    ['Stop asks the run to end', ['start', 'training', 'stop'], 'training', true],
    ['Stop while paused ends the pause', ['start', 'training', 'pause', 'stop'], 'training', true],
    ['a stopped run is still tested', ['start', 'training', 'stop', 'testing'], 'testing', true],
    ['and ends stopped', ['start', 'training', 'stop', 'testing', 'finished'], 'stopped', false],
    ['Stop while downloading', ['start', 'stop', 'finished'], 'stopped', false],
    ['a failure ends any running phase', ['start', 'training', 'failed'], 'failed', false],
    ['Train again after a failure', ['start', 'failed', 'start'], 'loading', false],
    ['Train again after a run', ['start', 'training', 'testing', 'finished', 'start'], 'loading', false],
  ])('%s', (_, events, phase, stopping) => {
    expect(run(events)).toEqual({ phase, stopping });
  });

  test('a run that ends early on its own (the loss diverged) ends stopped', () => {
    expect(transition(run(['start', 'training']), { type: 'finished', stopped: true }).phase).toBe('stopped');
  });
});

describe('events that do not apply change nothing', () => {
  test.each<[LabEvent['type'][], LabEvent['type']]>([
    [[], 'pause'],
    [[], 'resume'],
    [[], 'stop'],
    [[], 'finished'],
    [['start'], 'start'],
    [['start'], 'pause'],
    [['start', 'training'], 'resume'],
    [['start', 'training', 'stop'], 'pause'],
    [['start', 'training', 'testing'], 'stop'],
    [['start', 'training', 'testing', 'finished'], 'testing'],
  ])('after %j, %s', (before, event) => {
    const state = run(before);
    expect(run([event], state)).toEqual(state);
  });
});

test('the buttons follow the state', () => {
  const buttons = (events: LabEvent['type'][]) => {
    const c = controls(run(events));
    return Object.entries(c)
      .filter(([, on]) => on)
      .map(([name]) => name)
      .join(' ');
  };
  expect(buttons([])).toBe('train fields');
  expect(buttons(['start'])).toBe('stop');
  expect(buttons(['start', 'training'])).toBe('pause stop');
  expect(buttons(['start', 'training', 'pause'])).toBe('resume stop');
  expect(buttons(['start', 'training', 'stop'])).toBe('');
  expect(buttons(['start', 'training', 'testing'])).toBe('');
  expect(buttons(['start', 'training', 'testing', 'finished'])).toBe('train fields');
  expect(isRunning(run(['start', 'failed']))).toBe(false);
});
