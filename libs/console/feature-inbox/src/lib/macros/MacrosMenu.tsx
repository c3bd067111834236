import type { ConversationView, MacroView } from '@backtalk/contracts';
import { describeError, useMacros, useRunMacro, useToastActions } from '@backtalk/console/data-access';
import { Menu, type MenuEntry } from '@backtalk/console/ui';
import { useEffect, useRef } from 'react';
import { useInboxUi } from '../inbox-ui.store';
import { MACRO_STEP_NAMES } from './macro-step-names';

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
            toastShown('danger', `“${macro.name}” stopped at step ${step.step} (${MACRO_STEP_NAMES[step.type]}): ${step.message}`);
          } else {
            toastShown('success', `Ran “${macro.name}”: ${result.stepsDone} ${result.stepsDone === 1 ? 'step' : 'steps'} done.`);
          }
        },
        onError: (error) => toastShown('danger', `Could not run “${macro.name}”: ${describeError(error)}`),
      },
    );

  const usable = runnableOn(macros, conversation);
  const entries: MenuEntry[] =
    usable.length > 0
      ? usable.map((macro) => ({
          id: macro.id,
          label: macro.name,
          hint: macro.ownerId ? 'yours' : `${macro.steps.length} ${macro.steps.length === 1 ? 'step' : 'steps'}`,
          disabled: run.isPending,
          onSelect: () => start(macro),
        }))
      : [{ kind: 'heading', id: 'none', label: 'No macros yet: make one in Settings → Macros' }];
  return (
    <span ref={wrapper} className="bt-macros-menu">
      <Menu label="Macros" icon="bolt" size="sm" align="end" title="Macros (m)" entries={entries} />
    </span>
  );
}
