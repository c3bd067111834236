import { ROUTING_LANGUAGES, type AgentRoutingView } from '@backtalk/contracts';
import { toFormErrors, useAgentRouting, useSignedInUser, useToastActions, useUpdateAgentRouting } from '@backtalk/console/data-access';
import { Banner, Button, CheckboxGroup, LANGUAGE_LABELS, Panel, TextField } from '@backtalk/console/ui';
import type { FormEvent } from 'react';
import { QueryState, useFormState } from '../shared';
import { agentRoutingFormFrom, toUpdateAgentRoutingRequest, validateAgentRoutingForm } from './agent-routing-form';

function AgentRoutingForm({ view }: { view: AgentRoutingView }) {
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
            toastShown('success', 'Languages and capacity saved.');
          },
        },
      );
    });
  };

  return (
    <form className="bt-form bt-narrow" onSubmit={submit} noValidate aria-label="Languages and capacity">
      {server.form ? <Banner tone="danger">{server.form}</Banner> : null}
      <CheckboxGroup
        legend="Languages you answer in"
        options={ROUTING_LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_LABELS[language] }))}
        value={form.values.languages}
        onChange={(languages) => form.setField('languages', languages)}
        error={server.fields['languages']}
        hint="Teams that prefer the customer's language give you conversations in these first."
      />
      <TextField
        label="Most open conversations at once"
        inputMode="numeric"
        placeholder="No limit"
        value={form.values.capacity}
        onChange={(event) => form.setField('capacity', event.target.value)}
        error={form.errors.capacity ?? server.fields['capacity']}
        hint="Across all your teams. Routing gives you nothing new while you hold this many. Empty: no limit of your own."
      />
      <div>
        <Button type="submit" variant="primary" pending={update.isPending} disabled={!dirty}>
          Save
        </Button>
      </div>
    </form>
  );
}

/** The signed-in agent's own routing settings. */
export function AgentRoutingPanel() {
  const user = useSignedInUser();
  const routing = useAgentRouting(user.id);
  return (
    <Panel title="Languages and capacity" description="How routing picks conversations for you. Your availability (online or away) is in the top bar.">
      <QueryState what="your routing settings" isPending={routing.isPending} error={routing.error} onRetry={() => void routing.refetch()}>
        {routing.data ? <AgentRoutingForm view={routing.data} /> : null}
      </QueryState>
    </Panel>
  );
}
