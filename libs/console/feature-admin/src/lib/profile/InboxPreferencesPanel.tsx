import { describeError, useMyPreferences, useUpdateMyPreferences, useToastActions } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Banner, Checkbox, Panel } from '@backtalk/console/ui';

/** Settings of one's own way of working in the inbox; each applies as soon as it is ticked, in every browser. */
export function InboxPreferencesPanel() {
  const { t } = useTranslation('admin');
  const { data: preferences, error } = useMyPreferences();
  const update = useUpdateMyPreferences();
  const { toastShown } = useToastActions();

  return (
    <Panel title={t('profile.inbox.title')} description={t('profile.inbox.description')}>
      {error ? <Banner tone="danger">{t('profile.inbox.loadFailed', { reason: describeError(error) })}</Banner> : null}
      <Checkbox
        label={t('profile.inbox.nextAfterResolve')}
        description={t('profile.inbox.nextAfterResolveHint')}
        // Shows the choice at once while it saves; a failed save falls back to what is stored (and says so).
        checked={(update.isPending ? update.variables.nextAfterResolve : undefined) ?? preferences?.nextAfterResolve ?? false}
        disabled={!preferences}
        onChange={(event) =>
          update.mutate(
            { nextAfterResolve: event.target.checked },
            {
              onSuccess: (saved) => toastShown('success', saved.nextAfterResolve ? t('profile.inbox.nextOn') : t('profile.inbox.nextOff')),
              onError: (e) => toastShown('danger', t('profile.inbox.notSaved', { reason: describeError(e) })),
            },
          )
        }
      />
    </Panel>
  );
}
