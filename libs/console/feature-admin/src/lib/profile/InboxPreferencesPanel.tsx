import { describeError, useMyPreferences, useUpdateMyPreferences, useToastActions } from '@backtalk/console/data-access';
import { Banner, Checkbox, Panel } from '@backtalk/console/ui';

/** Settings of one's own way of working in the inbox; each applies as soon as it is ticked, in every browser. */
export function InboxPreferencesPanel() {
  const { data: preferences, error } = useMyPreferences();
  const update = useUpdateMyPreferences();
  const { toastShown } = useToastActions();

  return (
    <Panel title="Inbox" description="How the inbox behaves for you; other people keep their own settings.">
      {error ? <Banner tone="danger">Your inbox settings could not be loaded: {describeError(error)}</Banner> : null}
      <Checkbox
        label="After resolving, open the next conversation"
        description="Resolve (or press e) and the conversation below it in your list opens, so you can work through a list without going back to it."
        // Shows the choice at once while it saves; a failed save falls back to what is stored (and says so).
        checked={(update.isPending ? update.variables.nextAfterResolve : undefined) ?? preferences?.nextAfterResolve ?? false}
        disabled={!preferences}
        onChange={(event) =>
          update.mutate(
            { nextAfterResolve: event.target.checked },
            {
              onSuccess: (saved) => toastShown('success', saved.nextAfterResolve ? 'Resolving now opens the next conversation.' : 'Resolving now keeps the conversation open.'),
              onError: (e) => toastShown('danger', `Couldn't save the setting: ${describeError(e)}`),
            },
          )
        }
      />
    </Panel>
  );
}
