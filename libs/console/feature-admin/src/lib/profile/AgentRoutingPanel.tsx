import { ROUTING_LANGUAGES, type AgentRoutingView } from '@backtalk/contracts';
import { toFormErrors, useAgentRouting, useSignedInUser, useToastActions, useUpdateAgentRouting } from '@backtalk/console/data-access';
import { Banner, Button, CheckboxGroup, LANGUAGE_LABELS, Panel, TextField } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import type { FormEvent } from 'react';
import { QueryState, useFormState } from '../shared';
import { agentRoutingFormFrom, toUpdateAgentRoutingRequest, validateAgentRoutingForm } from './agent-routing-form';

function AgentRoutingForm({ view }: { view: AgentRoutingView }) {
  const { t } = useTranslation('admin');
  const form = useFormState(() => agentRoutingFormFrom(view));
  const update = useUpdateAgentRouting();
  const { toastShown } = useToastActions();
  const server = toFormErrors(update.error, ['capacity', 'languages']);
  const dirty = Object.keys(toUpdateAgentRoutingRequest(view, form.values, ROUTING_LANGUAGES)).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submitWith(validateAgentRoutingForm, (values) => {
      const changes = toUpdateAgentRoutingRequest(view, values, ROUTING_LANGUAGES);
      if (Object.keys(changes).length === 0) return;
      update.mutate(
        { userId: view.userId, changes },
        {
          onSuccess: (saved) => {
            form.setValues(agentRoutingFormFrom(saved));
            toastShown('success', t('profile.routing.saved'));
          },
        },
      );
    });
  };

  return (
    <form className="bt-form bt-narrow" onSubmit={submit} noValidate aria-label={t('profile.routing.title')}>
      {server.form ? <Banner tone="danger">{server.form}</Banner> : null}
      <CheckboxGroup
        legend={t('profile.routing.languages')}
        options={ROUTING_LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_LABELS[language] }))}
        value={form.values.languages}
        onChange={(languages) => form.setField('languages', languages)}
        error={server.fields['languages']}
        hint={t('profile.routing.languagesHint')}
      />
      <TextField
        label={t('profile.routing.capacity')}
        inputMode="numeric"
        placeholder={t('profile.routing.noLimit')}
        value={form.values.capacity}
        onChange={(event) => form.setField('capacity', event.target.value)}
        error={form.errors.capacity ?? server.fields['capacity']}
        hint={t('profile.routing.capacityHint')}
      />
      <div>
        <Button type="submit" variant="primary" pending={update.isPending} disabled={!dirty}>
          {t('shared.save')}
        </Button>
      </div>
    </form>
  );
}

/** The signed-in agent's own routing settings. */
export function AgentRoutingPanel() {
  const { t } = useTranslation('admin');
  const user = useSignedInUser();
  const routing = useAgentRouting(user.id);
  return (
    <Panel title={t('profile.routing.title')} description={t('profile.routing.description')}>
      <QueryState loadingLabel={t('profile.routing.loading')} errorTitle={t('profile.routing.loadFailed')} isPending={routing.isPending} error={routing.error} onRetry={() => void routing.refetch()}>
        {routing.data ? <AgentRoutingForm view={routing.data} /> : null}
      </QueryState>
    </Panel>
  );
}
