import { Role, type RuleView } from '@backtalk/contracts';
import { describeError, useDeleteRule, useReorderRules, useRules, useSignedInUser, useToastActions, useUpdateRule } from '@backtalk/console/data-access';
import { DeleteDialog, QueryState } from '@backtalk/console/feature-admin';
import { Badge, Button, buttonClassName, cx, EmptyState, Icon, PageHeader } from '@backtalk/console/ui';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import '../automation.css';
import { AutomationTabs } from '../AutomationTabs';
import { moveRule } from './rule-form';
import { describeActions, describeCondition, describeScope, describeTrigger, type RuleNames } from './rule-summary';
import { useRuleNames } from './use-rule-names';

/** A switch on a checkbox: one click turns a rule off without opening it. */
function EnabledSwitch({ rule }: { rule: RuleView }) {
  const update = useUpdateRule();
  const { toastShown } = useToastActions();
  const checked = update.isPending && update.variables?.changes.enabled !== undefined ? update.variables.changes.enabled : rule.enabled;
  return (
    <label className="bt-switch" title={checked ? 'On: the rule runs' : 'Off: the rule is skipped'}>
      <input
        type="checkbox"
        role="switch"
        className="bt-switch__input"
        aria-label={`${rule.name} enabled`}
        checked={checked}
        disabled={update.isPending}
        onChange={(event) =>
          update.mutate(
            { id: rule.id, changes: { enabled: event.target.checked } },
            { onError: (error) => toastShown('danger', `Couldn't change “${rule.name}”: ${describeError(error)}`) },
          )
        }
      />
      <span className="bt-switch__track" aria-hidden="true" />
      <span className="bt-switch__label">{checked ? 'On' : 'Off'}</span>
    </label>
  );
}

function RuleCard({
  rule,
  index,
  count,
  names,
  onMove,
  onDelete,
  moving,
  canReorder,
}: {
  rule: RuleView;
  index: number;
  count: number;
  names: RuleNames;
  onMove: (step: -1 | 1) => void;
  onDelete: () => void;
  moving: boolean;
  /** The order is one list across every team: only admins change it. */
  canReorder: boolean;
}) {
  const navigate = useNavigate();
  return (
    <li className={cx('bt-rule', !rule.enabled && 'bt-rule--off')} aria-label={rule.name} data-testid="rule-card">
      {/* The list is ordered: screen readers announce the position already. */}
      <span className="bt-rule__position" aria-hidden="true">
        {index + 1}
      </span>
      <div className="bt-rule__main">
        <div className="bt-rule__head">
          <Link to={`rules/${rule.id}`} className="bt-rule__name">
            {rule.name}
          </Link>
          <Badge>{describeScope(rule, names)}</Badge>
          {rule.continueAfter ? <Badge tone="accent">Continues</Badge> : null}
          {rule.answerAssigned && rule.actions.some((action) => action.type === 'reply') ? <Badge tone="accent">Replies in assigned conversations</Badge> : null}
        </div>
        <dl className="bt-rule__summary">
          <div>
            <dt>When</dt>
            <dd>{describeTrigger(rule)}</dd>
          </div>
          {rule.conditions.length > 0 ? (
            <div>
              <dt>If</dt>
              <dd>{rule.conditions.map((condition) => describeCondition(condition, names)).join(' · ')}</dd>
            </div>
          ) : null}
          <div>
            <dt>Then</dt>
            <dd>{describeActions(rule.actions, names)}</dd>
          </div>
        </dl>
      </div>
      <div className="bt-rule__controls">
        <EnabledSwitch rule={rule} />
        {canReorder ? (
          <span className="bt-rule__order">
            <button type="button" className="bt-icon-button" aria-label={`Move ${rule.name} up`} title="Move up" disabled={index === 0 || moving} onClick={() => onMove(-1)}>
              <Icon name="chevron-down" size={14} className="bt-icon--flipped" />
            </button>
            <button type="button" className="bt-icon-button" aria-label={`Move ${rule.name} down`} title="Move down" disabled={index === count - 1 || moving} onClick={() => onMove(1)}>
              <Icon name="chevron-down" size={14} />
            </button>
          </span>
        ) : null}
        <Button size="sm" variant="ghost" aria-label={`Edit ${rule.name}`} onClick={() => navigate(`rules/${rule.id}`)}>
          Edit
        </Button>
        <Button size="sm" variant="ghost" aria-label={`Delete ${rule.name}`} onClick={onDelete}>
          Delete
        </Button>
      </div>
    </li>
  );
}

/** Settings → Automation: the ordered rules. */
export function RulesPage() {
  const me = useSignedInUser();
  const rules = useRules();
  const names = useRuleNames();
  const reorder = useReorderRules();
  const { toastShown } = useToastActions();
  const [deleting, setDeleting] = useState<RuleView | null>(null);
  const remove = useDeleteRule();
  const list = rules.data ?? [];

  const move = (rule: RuleView, step: -1 | 1) =>
    reorder.mutate(
      moveRule(
        list.map((candidate) => candidate.id),
        rule.id,
        step,
      ),
      { onError: (error) => toastShown('danger', `Couldn't reorder the rules: ${describeError(error)}`) },
    );

  return (
    <>
      <PageHeader
        title="Automation"
        description="Rules answer standard questions and sort conversations as they arrive. The rest goes to your team."
        actions={
          <Link to="rules/new" className={buttonClassName({ variant: 'primary' })}>
            <Icon name="plus" size={16} />
            New rule
          </Link>
        }
      />
      <AutomationTabs />
      <QueryState what="rules" isPending={rules.isPending} error={rules.error} onRetry={() => void rules.refetch()}>
        {list.length === 0 ? (
          <EmptyState
            compact
            icon="bolt"
            title="No rules yet"
            action={
              <Link to="rules/new" className={buttonClassName()}>
                Create a rule
              </Link>
            }
          >
            Start with one that answers FAQs it is confident about and leaves the rest to your agents.
          </EmptyState>
        ) : (
          <>
            <p className="bt-rules__intro">
              <Icon name="info" size={13} />
              Rules run from the top. The first one that fires wins, unless it says it continues.
              {me.role === Role.Admin ? null : ' Admins set the order.'}
            </p>
            <ol className="bt-rules" aria-label="Rules, in the order they run">
              {list.map((rule, index) => (
                <RuleCard
                  key={rule.id}
                  rule={rule}
                  index={index}
                  count={list.length}
                  names={names}
                  moving={reorder.isPending}
                  canReorder={me.role === Role.Admin}
                  onMove={(step) => move(rule, step)}
                  onDelete={() => setDeleting(rule)}
                />
              ))}
            </ol>
          </>
        )}
      </QueryState>
      <DeleteDialog
        item={deleting}
        title={`Delete “${deleting?.name ?? 'rule'}”?`}
        confirmLabel="Delete rule"
        mutation={remove}
        deletedMessage={(rule) => `Rule “${rule.name}” deleted.`}
        onClose={() => setDeleting(null)}
      >
        Messages it would have handled go to the next rule that fits, or to the team's queue.
      </DeleteDialog>
    </>
  );
}
