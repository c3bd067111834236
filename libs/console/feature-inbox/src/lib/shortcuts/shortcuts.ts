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

/** The keys, in the order the help lists them; `description` is the key of its sentence in the inbox catalogue. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; action: InboxShortcut; description: string }> = [
  { keys: ['j'], action: 'next', description: 'list.shortcuts.next' },
  { keys: ['k'], action: 'previous', description: 'list.shortcuts.previous' },
  { keys: ['Enter'], action: 'open', description: 'list.shortcuts.open' },
  { keys: ['r'], action: 'reply', description: 'list.shortcuts.reply' },
  { keys: ['n'], action: 'note', description: 'list.shortcuts.note' },
  { keys: ['e'], action: 'resolve', description: 'list.shortcuts.resolve' },
  { keys: ['a'], action: 'assign-to-me', description: 'list.shortcuts.assignToMe' },
  { keys: ['l'], action: 'labels', description: 'list.shortcuts.labels' },
  { keys: ['m'], action: 'macros', description: 'list.shortcuts.macros' },
  { keys: ['t'], action: 'take-next', description: 'list.shortcuts.takeNext' },
  { keys: ['c'], action: 'new-conversation', description: 'list.shortcuts.newConversation' },
  { keys: ['/'], action: 'search', description: 'list.shortcuts.search' },
  { keys: ['?'], action: 'help', description: 'list.shortcuts.help' },
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
