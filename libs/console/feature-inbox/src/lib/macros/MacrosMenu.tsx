import type { ConversationView, MacroView } from '@backtalk/contracts';
import { describeError, describeErrorCode, useMacros, useRunMacro, useToastActions } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Menu, type MenuEntry } from '@backtalk/console/ui';
import { useEffect, useRef } from 'react';
import { useInboxUi } from '../inbox-ui.store';
import { macroStepName } from './macro-step-names';

/** The macros that may run on a conversation: the agent's own, global ones and its team's. */
export const runnableOn = (macros: readonly MacroView[], conversation: Pick<ConversationView, 'teamId'>) =>
  macros.filter((macro) => macro.ownerId !== null || macro.teamId === null || macro.teamId === conversation.teamId);

/**
 * The thread header's Macros menu: one click runs a macro's steps on the conversation. `m` opens it from the
 * keyboard, where its arrow keys pick one. Each run sends its own Idempotency-Key, so a request retried after a
 * session refresh is the same run and sends no canned answer twice.
 */
export function MacrosMenu({ conversation }: { conversation: ConversationView }) {
  const { data: macros = [] } = useMacros();
  const run = useRunMacro();
  const { toastShown } = useToastActions();
  const { t } = useTranslation('inbox');
  const request = useInboxUi((s) => s.macroPickerRequest);
  const seen = useRef(request);
  const wrapper = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (request === seen.current) return;
    seen.current = request;
    wrapper.current?.querySelector<HTMLButtonElement>('button[aria-haspopup]')?.click();
  }, [request]);

  const start = (macro: MacroView) =>
    run.mutate(
      { conversationId: conversation.id, macroId: macro.id, idempotencyKey: crypto.randomUUID() },
      {
        onSuccess: (result) => {
          if (result.failedStep) {
            const step = result.failedStep;
            const message = describeErrorCode(step.code, step.message) ?? step.message;
            toastShown('danger', t('thread.macros.stopped', { macro: macro.name, step: step.step, stepName: macroStepName(step.type), message }));
          } else {
            toastShown('success', t('thread.macros.ran', { macro: macro.name, count: result.stepsDone }));
          }
        },
        onError: (error) => toastShown('danger', t('thread.macros.failed', { macro: macro.name, error: describeError(error) })),
      },
    );

  const usable = runnableOn(macros, conversation);
  const entries: MenuEntry[] =
    usable.length > 0
      ? usable.map((macro) => ({
          id: macro.id,
          label: macro.name,
          isData: true,
          hint: macro.ownerId ? t('thread.macros.yours') : t('thread.macros.steps', { count: macro.steps.length }),
          disabled: run.isPending,
          onSelect: () => start(macro),
        }))
      : [{ kind: 'heading', id: 'none', label: t('thread.macros.none') }];
  return (
    <span ref={wrapper} className="bt-macros-menu">
      <Menu label={t('thread.macros.menu')} icon="bolt" size="sm" align="end" title={t('thread.macros.title')} entries={entries} />
    </span>
  );
}
