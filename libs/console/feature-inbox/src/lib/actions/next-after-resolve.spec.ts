import { nextAfterResolve } from './next-after-resolve';

describe('nextAfterResolve', () => {
  it('opens the conversation below the resolved one in the list', () => {
    expect(nextAfterResolve(['a', 'b', 'c'], 'b')).toBe('c');
  });

  it('opens the one above when the resolved conversation was the last', () => {
    expect(nextAfterResolve(['a', 'b', 'c'], 'c')).toBe('b');
  });

  it('opens nothing when the resolved conversation was the only one', () => {
    expect(nextAfterResolve(['a'], 'a')).toBeNull();
  });

  it('opens the top of the list when the resolved conversation was not in it (opened from a link)', () => {
    expect(nextAfterResolve(['a', 'b'], 'z')).toBe('a');
    expect(nextAfterResolve([], 'z')).toBeNull();
  });
});
