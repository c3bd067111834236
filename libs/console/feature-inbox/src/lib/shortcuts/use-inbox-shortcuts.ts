import { conversationById, useConversationIds, type InboxFilter } from '@backtalk/console/data-access';
import { useEffect } from 'react';
import { useConversationCommands } from '../actions/use-conversation-commands';
import { useTakeNextCommand } from '../actions/use-take-next';
import { useInboxUi } from '../inbox-ui.store';
import { shortcutFor, stepThrough } from './shortcuts';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function inOverlay(): boolean {
  return !!document.querySelector('dialog[open], [popover]:popover-open');
}

/** j/k, Enter, e, a, l, m, t, r, n, /, ?, c: the inbox without the mouse. */
export function useInboxShortcuts(filter: InboxFilter, openConversation: (id: string) => void): void {
  const ids = useConversationIds(filter);
  const commands = useConversationCommands();
  const { takeNext } = useTakeNextCommand();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = shortcutFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        inEditable: isEditable(event.target),
        inOverlay: inOverlay(),
      });
      if (!action) return;
      // Enter on a focused link or button keeps its own meaning.
      if (action === 'open' && event.target instanceof HTMLElement && event.target.closest('a, button')) return;

      const ui = useInboxUi.getState();
      const open = ui.openConversationId ? conversationById(ui.openConversationId) : undefined;
      event.preventDefault();
      switch (action) {
        case 'next':
        case 'previous':
          ui.actions.cursorMoved(stepThrough(ids, ui.cursorId, action === 'next' ? 1 : -1));
          break;
        case 'open':
          if (ui.cursorId) openConversation(ui.cursorId);
          break;
        case 'resolve':
          if (open) commands.resolve(open);
          break;
        case 'assign-to-me':
          if (open) commands.assignToMe(open);
          break;
        case 'labels':
          if (open) ui.actions.labelPickerRequested();
          break;
        case 'macros':
          if (open) ui.actions.macroPickerRequested();
          break;
        case 'take-next':
          takeNext();
          break;
        case 'reply':
        case 'note':
          if (open) ui.actions.composerRequested(action);
          break;
        case 'search':
          ui.actions.searchRequested();
          break;
        case 'help':
          ui.actions.helpToggled(true);
          break;
        case 'new-conversation':
          ui.actions.newConversationToggled(true);
          break;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [ids, commands, takeNext, openConversation]);
}
