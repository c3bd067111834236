import type { ConversationView, LabelView } from '@backtalk/contracts';
import { describeError, useChangeConversationLabels, useLabels, useToastActions } from '@backtalk/console/data-access';
import { LabelChips, sortedLabels } from '@backtalk/console/feature-labels';
import { useTranslation } from '@backtalk/console/i18n';
import { Menu, type MenuEntry } from '@backtalk/console/ui';
import { useEffect, useRef } from 'react';
import { useInboxUi } from '../inbox-ui.store';
import './inbox-labels.css';

/** The labels that may go on a conversation: global ones and its team's. */
export const usableOn = (labels: readonly LabelView[], conversation: Pick<ConversationView, 'teamId'>) => labels.filter((label) => label.teamId === null || label.teamId === conversation.teamId);

/** Puts a label on the conversation or takes it off, saying so only when it failed (the chips show success). */
function useToggleLabel(conversation: ConversationView) {
  const change = useChangeConversationLabels();
  const { toastShown } = useToastActions();
  const { t } = useTranslation('inbox');
  return (label: LabelView) => {
    const on = conversation.labelIds.includes(label.id);
    change.mutate(
      { conversationId: conversation.id, request: on ? { remove: [label.id] } : { add: [label.id] } },
      { onError: (error) => toastShown('danger', t(on ? 'thread.labels.couldNotRemove' : 'thread.labels.couldNotAdd', { label: label.name, error: describeError(error) })) },
    );
  };
}

/**
 * The thread header's label menu: a checkbox per usable label, staying open to toggle several. `l` opens it from the
 * keyboard; the menu's own keys (arrows, Enter, Esc) take over from there.
 */
export function LabelPicker({ conversation }: { conversation: ConversationView }) {
  const { data: labels = [] } = useLabels();
  const toggle = useToggleLabel(conversation);
  const { t } = useTranslation('inbox');
  const request = useInboxUi((s) => s.labelPickerRequest);
  const seen = useRef(request);
  const wrapper = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (request === seen.current) return;
    seen.current = request;
    wrapper.current?.querySelector<HTMLButtonElement>('button[aria-haspopup]')?.click();
  }, [request]);

  const usable = usableOn(labels, conversation);
  const entries: MenuEntry[] =
    usable.length > 0
      ? usable.map((label) => ({
          id: label.id,
          label: label.name,
          isData: true,
          checked: conversation.labelIds.includes(label.id),
          decoration: <span className={`bt-label-swatch bt-label-chip--${label.color}`} aria-hidden="true" />,
          hint: label.teamId === null ? t('thread.labels.allTeams') : undefined,
          onSelect: () => toggle(label),
        }))
      : [{ kind: 'heading', id: 'none', label: t('thread.labels.none') }];
  return (
    <span ref={wrapper} className="bt-label-picker">
      <Menu label={t('thread.labels.menu')} icon="tag" size="sm" align="end" selection="multiple" title={t('thread.labels.title')} entries={entries} />
    </span>
  );
}

/** The conversation's labels under its name, each removable with its own button. */
export function ConversationLabelBar({ conversation }: { conversation: ConversationView }) {
  const { data: labels = [] } = useLabels();
  const toggle = useToggleLabel(conversation);
  const shown = sortedLabels(labels, conversation.labelIds);
  if (shown.length === 0) return null;
  return <LabelChips className="bt-conversation__labels" labels={shown} onRemove={toggle} />;
}
