import { create } from 'zustand';

export type ComposerMode = 'reply' | 'note';

interface InboxUiState {
  /** The row j/k highlight; Enter opens it. */
  cursorId: string | null;
  /** The conversation on screen, for alerts. */
  openConversationId: string | null;
  /** Bumped to ask the composer for focus in a mode (r, n, a click on "Write a note"). */
  composerRequest: { mode: ComposerMode; nonce: number } | null;
  /** Bumped to focus the search box (/). */
  searchRequest: number;
  /** Bumped to open the open conversation's label picker (l). */
  labelPickerRequest: number;
  /** Bumped to open the open conversation's Macros menu (m). */
  macroPickerRequest: number;
  helpOpen: boolean;
  newConversationOpen: boolean;
  actions: {
    cursorMoved: (id: string | null) => void;
    conversationOpened: (id: string | null) => void;
    composerRequested: (mode: ComposerMode) => void;
    searchRequested: () => void;
    labelPickerRequested: () => void;
    macroPickerRequested: () => void;
    helpToggled: (open: boolean) => void;
    newConversationToggled: (open: boolean) => void;
  };
}

/** Screen state the inbox panes share: which row is highlighted, what the keyboard asked for. */
export const useInboxUi = create<InboxUiState>()((set) => ({
  cursorId: null,
  openConversationId: null,
  composerRequest: null,
  searchRequest: 0,
  labelPickerRequest: 0,
  macroPickerRequest: 0,
  helpOpen: false,
  newConversationOpen: false,
  actions: {
    cursorMoved: (cursorId) => set({ cursorId }),
    conversationOpened: (openConversationId) => set({ openConversationId, cursorId: openConversationId }),
    composerRequested: (mode) => set((s) => ({ composerRequest: { mode, nonce: (s.composerRequest?.nonce ?? 0) + 1 } })),
    searchRequested: () => set((s) => ({ searchRequest: s.searchRequest + 1 })),
    labelPickerRequested: () => set((s) => ({ labelPickerRequest: s.labelPickerRequest + 1 })),
    macroPickerRequested: () => set((s) => ({ macroPickerRequest: s.macroPickerRequest + 1 })),
    helpToggled: (helpOpen) => set({ helpOpen }),
    newConversationToggled: (newConversationOpen) => set({ newConversationOpen }),
  },
}));

export const useInboxUiActions = () => useInboxUi((s) => s.actions);
