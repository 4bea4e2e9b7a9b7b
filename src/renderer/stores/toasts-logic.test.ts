import { describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api';
import { dismissToast, maxToasts, pushToast, toastOfError, type Toast } from './toasts-logic';

const toast = (id: number, message = `m${id}`): Toast => ({ id, tone: 'error', message, details: [] });

describe('toasts', () => {
  it('keeps only the newest few', () => {
    let list: Toast[] = [];
    for (let i = 1; i <= maxToasts + 2; i++) list = pushToast(list, toast(i));
    expect(list.map((t) => t.id)).toEqual([3, 4, 5, 6]);
  });

  it('replaces a toast with the same message instead of stacking it', () => {
    const list = pushToast(pushToast([toast(1, 'same'), toast(2)], toast(3, 'same')), toast(4));
    expect(list.map((t) => t.id)).toEqual([2, 3, 4]);
  });

  it('dismisses by id', () => {
    expect(dismissToast([toast(1), toast(2)], 1).map((t) => t.id)).toEqual([2]);
  });

  it('shows a StudioError message and its issues as is', () => {
    const t = toastOfError(new StudioError('invalid-argument', 'Bad input.', [{ path: 'name', message: 'Too long.' }]), 7);
    expect(t).toEqual({ id: 7, tone: 'error', message: 'Bad input.', details: ['name: Too long.'] });
  });

  it('wraps anything else without a stack trace', () => {
    expect(toastOfError(new TypeError('x is undefined'), 1).message).toBe('Unexpected error: x is undefined');
  });
});
