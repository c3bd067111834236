import { isSendChord, shortcutFor, stepThrough, type KeyPress } from './shortcuts';

const press = (key: string, overrides: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inEditable: false,
  inOverlay: false,
  ...overrides,
});

describe('shortcutFor', () => {
  it('maps the inbox keys to their actions', () => {
    expect(['j', 'k', 'Enter', 'e', 'a', 't', 'r', 'n', '/', '?'].map((key) => shortcutFor(press(key)))).toEqual([
      'next',
      'previous',
      'open',
      'resolve',
      'assign-to-me',
      'take-next',
      'reply',
      'note',
      'search',
      'help',
    ]);
  });

  it('opens the label picker with l, which no other shortcut uses', () => {
    expect(shortcutFor(press('l'))).toBe('labels');
    expect(shortcutFor(press('l', { inEditable: true }))).toBeNull();
  });

  it('opens the macro picker with m, and leaves an m typed in a reply alone', () => {
    expect(shortcutFor(press('m'))).toBe('macros');
    expect(shortcutFor(press('m', { inEditable: true }))).toBeNull();
  });

  it('does nothing while someone types in a field', () => {
    expect(shortcutFor(press('e', { inEditable: true }))).toBeNull();
  });

  it('leaves keys to an open dialog or menu', () => {
    expect(shortcutFor(press('j', { inOverlay: true }))).toBeNull();
  });

  it('ignores keys pressed with a modifier, which belong to the browser', () => {
    expect(shortcutFor(press('r', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('a', { metaKey: true }))).toBeNull();
  });

  it('ignores keys it does not know', () => {
    expect(shortcutFor(press('x'))).toBeNull();
  });
});

describe('isSendChord', () => {
  it('is Ctrl+Enter or Cmd+Enter, not Enter alone', () => {
    expect(isSendChord(press('Enter', { ctrlKey: true }))).toBe(true);
    expect(isSendChord(press('Enter', { metaKey: true }))).toBe(true);
    expect(isSendChord(press('Enter'))).toBe(false);
  });
});

describe('stepThrough', () => {
  it('moves to the next or previous id and stops at the ends', () => {
    expect(stepThrough(['a', 'b', 'c'], 'b', 1)).toBe('c');
    expect(stepThrough(['a', 'b', 'c'], 'c', 1)).toBe('c');
    expect(stepThrough(['a', 'b', 'c'], 'a', -1)).toBe('a');
  });

  it('starts at the top when nothing is highlighted or the highlighted one left the list', () => {
    expect(stepThrough(['a', 'b'], null, 1)).toBe('a');
    expect(stepThrough(['a', 'b'], 'gone', -1)).toBe('a');
    expect(stepThrough([], null, 1)).toBeNull();
  });
});
