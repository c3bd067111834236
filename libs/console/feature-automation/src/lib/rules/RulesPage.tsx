import { Role, type RuleView } from '@backtalk/contracts';
import { describeError, useDeleteRule, useReorderRules, useRules, useSignedInUser, useToastActions, useUpdateRule } from '@backtalk/console/data-access';
import { DeleteDialog, QueryState } from '@backtalk/console/feature-admin';
import { useTranslation } from '@backtalk/console/i18n';
import { Badge, Button, buttonClassName, cx, EmptyState, Icon, PageHeader, Switch } from '@backtalk/console/ui';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import '../automation.css';
import { AutomationTabs } from '../AutomationTabs';
import { moveRule } from './rule-form';
import { describeActions, describeCondition, describeScope, describeTrigger, markSummaryData, type RuleNames } from './rule-summary';
import { SummaryText } from './SummaryText';
import { useRuleNames } from './use-rule-names';

/** The UI kit's switch (a button with role="switch"): one click or Space turns a rule off without opening it. */
function EnabledSwitch({ rule }: { rule: RuleView }) {
  const { t } = useTranslation('automation');
  const update = useUpdateRule();
  const { toastShown } = useToastActions();
  const checked = update.isPending && update.variables?.changes.enabled !== undefined ? update.variables.changes.enabled : rule.enabled;
  return (
    // A label around the switch, so the On/Off word beside it is part of what a pointer can press.
    <label className="bt-rule-switch" title={checked ? t('rules.switchOn') : t('rules.switchOff')}>
      <Switch
        checked={checked}
        aria-label={t('rules.enabledLabel', { name: rule.name })}
        disabled={update.isPending}
        onChange={(enabled) =>
          update.mutate(
            { id: rule.id, changes: { enabled } },
            { onError: (error) => toastShown('danger', t('rules.changeFailed', { name: rule.name, error: describeError(error) })) },
          )
        }
      />
      <span className="bt-rule-switch__label" aria-hidden="true">
        {checked ? t('rules.on') : t('rules.off')}
      </span>
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
  const { t } = useTranslation('automation');
  const navigate = useNavigate();
  return (
    <li className={cx('bt-rule', !rule.enabled && 'bt-rule--off')} aria-label={rule.name} data-testid="rule-card">
      {/* The list is ordered: screen readers announce the position already. */}
      <span className="bt-rule__position" aria-hidden="true">
        {index + 1}
      </span>
      <div className="bt-rule__main">
        <div className="bt-rule__head">
          <Link to={`rules/${rule.id}`} className="bt-rule__name" translate="no">
            {rule.name}
          </Link>
          <Badge>
            <SummaryText summary={describeScope(rule, names, markSummaryData)} />
          </Badge>
          {rule.continueAfter ? <Badge tone="accent">{t('rules.continues')}</Badge> : null}
          {rule.answerAssigned && rule.actions.some((action) => action.type === 'reply') ? <Badge tone="accent">{t('rules.repliesAssigned')}</Badge> : null}
        </div>
        <dl className="bt-rule__summary">
          <div>
            <dt>{t('rules.when')}</dt>
            <dd>{describeTrigger(rule)}</dd>
          </div>
          {rule.conditions.length > 0 ? (
            <div>
              <dt>{t('rules.if')}</dt>
              <dd>
                <SummaryText summary={rule.conditions.map((condition) => describeCondition(condition, names, markSummaryData)).join(' · ')} />
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('rules.then')}</dt>
            <dd>
              <SummaryText summary={describeActions(rule.actions, names, markSummaryData)} />
            </dd>
          </div>
        </dl>
      </div>
      <div className="bt-rule__controls">
        <EnabledSwitch rule={rule} />
        {canReorder ? (
          <span className="bt-rule__order">
            <button type="button" className="bt-icon-button" aria-label={t('rules.moveUp', { name: rule.name })} title={t('rules.moveUpTitle')} disabled={index === 0 || moving} onClick={() => onMove(-1)}>
              <Icon name="chevron-down" size={14} className="bt-icon--flipped" />
            </button>
            <button type="button" className="bt-icon-button" aria-label={t('rules.moveDown', { name: rule.name })} title={t('rules.moveDownTitle')} disabled={index === count - 1 || moving} onClick={() => onMove(1)}>
              <Icon name="chevron-down" size={14} />
            </button>
          </span>
        ) : null}
        <Button size="sm" variant="ghost" aria-label={t('common.editItem', { name: rule.name })} onClick={() => navigate(`rules/${rule.id}`)}>
          {t('common.edit')}
        </Button>
        <Button size="sm" variant="ghost" aria-label={t('common.deleteItem', { name: rule.name })} onClick={onDelete}>
          {t('common.delete')}
        </Button>
      </div>
    </li>
  );
}

/** Settings → Automation: the ordered rules. */
export function RulesPage() {
  const { t } = useTranslation('automation');
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
      { onError: (error) => toastShown('danger', t('rules.reorderFailed', { error: describeError(error) })) },
    );

  return (
    <>
      <PageHeader
        title={t('rules.title')}
        description={t('rules.description')}
        actions={
          <Link to="rules/new" className={buttonClassName({ variant: 'primary' })}>
            <Icon name="plus" size={16} />
            {t('rules.newRule')}
          </Link>
        }
      />
      <AutomationTabs />
      <QueryState loadingLabel={t('rules.loading')} errorTitle={t('rules.loadFailed')} isPending={rules.isPending} error={rules.error} onRetry={() => void rules.refetch()}>
        {list.length === 0 ? (
          <EmptyState
            compact
            icon="bolt"
            title={t('rules.emptyTitle')}
            action={
              <Link to="rules/new" className={buttonClassName()}>
                {t('rules.create')}
              </Link>
            }
          >
            {t('rules.emptyBody')}
          </EmptyState>
        ) : (
          <>
            <p className="bt-rules__intro">
              <Icon name="info" size={13} />
              {me.role === Role.Admin ? t('rules.intro') : t('rules.introOrderByAdmins')}
            </p>
            <ol className="bt-rules" aria-label={t('rules.listLabel')}>
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
        title={t('rules.deleteTitle', { name: deleting?.name ?? t('rules.deleteFallback') })}
        confirmLabel={t('rules.deleteConfirm')}
        mutation={remove}
        deletedMessage={(rule) => t('rules.deleted', { name: rule.name })}
        onClose={() => setDeleting(null)}
      >
        {t('rules.deleteBody')}
      </DeleteDialog>
    </>
  );
}
