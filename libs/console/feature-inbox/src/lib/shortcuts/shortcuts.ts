export type InboxShortcut =
  | 'next'
  | 'previous'
  | 'open'
  | 'resolve'
  | 'assign-to-me'
  | 'take-next'
  | 'reply'
  | 'note'
  | 'search'
  | 'help'
  | 'new-conversation'
  | 'labels'
  | 'macros';

/** The keys, in the order the help lists them. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; action: InboxShortcut; description: string }> = [
  { keys: ['j'], action: 'next', description: 'Next conversation in the list' },
  { keys: ['k'], action: 'previous', description: 'Previous conversation in the list' },
  { keys: ['Enter'], action: 'open', description: 'Open the highlighted conversation' },
  { keys: ['r'], action: 'reply', description: 'Write a reply' },
  { keys: ['n'], action: 'note', description: 'Write a private note' },
  { keys: ['e'], action: 'resolve', description: 'Resolve the open conversation' },
  { keys: ['a'], action: 'assign-to-me', description: 'Assign the open conversation to me' },
  { keys: ['l'], action: 'labels', description: 'Label the open conversation' },
  { keys: ['m'], action: 'macros', description: 'Run a macro on the open conversation' },
  { keys: ['t'], action: 'take-next', description: 'Take the next conversation from your queues' },
  { keys: ['c'], action: 'new-conversation', description: 'Start a new conversation' },
  { keys: ['/'], action: 'search', description: 'Search conversations' },
  { keys: ['?'], action: 'help', description: 'Show these shortcuts' },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focus is somewhere text is typed (input, textarea, select, contenteditable). */
  inEditable: boolean;
  /** A dialog or menu is open: its own keys win. */
  inOverlay: boolean;
}

const BY_KEY: Readonly<Record<string, InboxShortcut>> = Object.fromEntries(SHORTCUTS.flatMap((s) => s.keys.map((key) => [key, s.action])));

/** Single keys act only when nobody is typing, so "e" in a reply is just an "e". */
export function shortcutFor(press: KeyPress): InboxShortcut | null {
  if (press.inEditable || press.inOverlay || press.ctrlKey || press.metaKey || press.altKey) return null;
  return BY_KEY[press.key] ?? null;
}

/** Ctrl+Enter, or Cmd+Enter on a Mac, sends from the composer. */
export function isSendChord(press: Pick<KeyPress, 'key' | 'ctrlKey' | 'metaKey'>): boolean {
  return press.key === 'Enter' && (press.ctrlKey || press.metaKey);
}

/** The id next to `current` in `ids` (wrapping at neither end), or the first one when nothing is highlighted. */
export function stepThrough(ids: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const index = current ? ids.indexOf(current) : -1;
  if (index === -1) return ids[0];
  return ids[Math.min(ids.length - 1, Math.max(0, index + step))];
}
