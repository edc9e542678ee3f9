import { describe, expect, test } from 'vitest';
import { History, historyFor } from '../../../src/lib/canvas/history';
import { emptyPatch } from '../../../src/lib/model/patch';

const step = (label: string) => ({ label, forward: emptyPatch(), inverse: emptyPatch() });

describe('undo/redo history', () => {
  test('undo returns steps newest first and redo re-applies them in order', () => {
    const h = new History();
    h.push(step('Add'));
    h.push(step('Move'));
    expect(h.undoLabel).toBe('Move');
    expect(h.undo()?.label).toBe('Move');
    expect(h.undo()?.label).toBe('Add');
    expect(h.undo()).toBeNull();
    expect(h.canRedo).toBe(true);
    expect(h.redo()?.label).toBe('Add');
    expect(h.redoLabel).toBe('Move');
  });

  test('a new step after an undo discards the redo branch', () => {
    const h = new History();
    h.push(step('Add'));
    h.undo();
    h.push(step('Rename'));
    expect(h.canRedo).toBe(false);
    expect(h.undoLabel).toBe('Rename');
  });

  test('keeps at most `limit` steps, dropping the oldest', () => {
    const h = new History(3);
    for (const l of ['a', 'b', 'c', 'd']) h.push(step(l));
    expect([h.undo(), h.undo(), h.undo(), h.undo()].map((e) => e?.label ?? null)).toEqual([
      'd',
      'c',
      'b',
      null,
    ]);
  });

  test('each diagram keeps its own history for the session', () => {
    historyFor('dgm_a').push(step('Add'));
    expect(historyFor('dgm_a').canUndo).toBe(true);
    expect(historyFor('dgm_b').canUndo).toBe(false);
  });
});
