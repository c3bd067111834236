import { initialToastState, MAX_TOASTS, toastDismissed, toastShown, type Toast } from './toast.reducers';

const toast = (id: string): Toast => ({ id, tone: 'success', message: `Toast ${id}` });

describe('toast reducers', () => {
  it('shows toasts in the order they arrive', () => {
    const state = toastShown(toastShown(initialToastState, toast('a')), toast('b'));

    expect(state.toasts.map((t) => t.id)).toEqual(['a', 'b']);
  });

  it(`keeps at most ${MAX_TOASTS} toasts, dropping the oldest`, () => {
    const state = ['a', 'b', 'c', 'd'].reduce((s, id) => toastShown(s, toast(id)), initialToastState);

    expect(state.toasts.map((t) => t.id)).toEqual(['b', 'c', 'd']);
  });

  it('removes a dismissed toast and leaves the others', () => {
    const state = toastDismissed(toastShown(toastShown(initialToastState, toast('a')), toast('b')), 'a');

    expect(state.toasts.map((t) => t.id)).toEqual(['b']);
  });

  it('returns the same state when dismissing a toast that is already gone', () => {
    const state = toastShown(initialToastState, toast('a'));

    expect(toastDismissed(state, 'zzz')).toBe(state);
  });
});
