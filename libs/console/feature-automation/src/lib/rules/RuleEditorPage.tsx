import { RuleTrigger, type RuleView } from '@backtalk/contracts';
import {
  toFormErrors,
  useCannedAnswers,
  useChannels,
  useContactAttributes,
  useCreateRule,
  useLabels,
  useRules,
  useTeams,
  useToastActions,
  useUpdateRule,
  useUsers,
} from '@backtalk/console/data-access';
import { FormFooter, QueryState, useFormState } from '@backtalk/console/feature-admin';
import { useTranslation } from '@backtalk/console/i18n';
import { Button, buttonClassName, Checkbox, cx, EmptyState, Icon, Menu, PageHeader, Panel, SelectField, TextField } from '@backtalk/console/ui';
import { type FormEvent, useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import '../automation.css';
import { loadPatternCheck } from './pattern-check';
import { ActionEditor, ConditionEditor, faqsOf } from './RuleClauses';
import {
  emptyRuleForm,
  MESSAGE_CONDITIONS,
  newAction,
  newCondition,
  RULE_SERVER_FIELDS,
  ruleFormFrom,
  toCreateRuleRequest,
  toUpdateRuleRequest,
  validateRuleForm,
  type ActionDraft,
  type ActionType,
  type ConditionDraft,
  type ConditionType,
  type RuleFormError,
  type RuleFormValues,
  type RuleScope,
} from './rule-form';
import { ACTION_LABELS, CONDITION_LABELS, TRIGGER_DESCRIPTIONS, TRIGGER_LABELS } from './rule-summary';

const TRIGGERS: readonly RuleTrigger[] = [RuleTrigger.InboundMessage, RuleTrigger.FirstMessage, RuleTrigger.WaitingLongerThan, RuleTrigger.OutsideBusinessHours];
const SCOPES: ReadonlyArray<{ value: RuleScope; labelKey: string }> = [
  { value: 'all', labelKey: 'ruleEditor.allChannels' },
  { value: 'team', labelKey: 'ruleEditor.oneTeam' },
  { value: 'channel', labelKey: 'ruleEditor.oneChannel' },
];

function RuleForm({ rule }: { rule: RuleView | null }) {
  const { t } = useTranslation('automation');
  const form = useFormState<RuleFormValues, RuleFormError>(() => (rule ? ruleFormFrom(rule) : emptyRuleForm()));
  const { values, errors, setField, clearError } = form;
  const hasPattern = values.conditions.some((condition) => condition.type === 'regex');
  useEffect(() => {
    if (hasPattern) void loadPatternCheck();
  }, [hasPattern]);
  const create = useCreateRule();
  const update = useUpdateRule();
  const mutation = rule ? update : create;
  const navigate = useNavigate();
  const { toastShown } = useToastActions();
  const { data: answers = [] } = useCannedAnswers();
  const { data: teams = [] } = useTeams();
  const { data: users = [] } = useUsers();
  const { data: channels = [] } = useChannels();
  const { data: labels = [] } = useLabels();
  const { data: attributes = [] } = useContactAttributes();
  // A rule for every channel may add only global labels; a team's or channel's rule also that team's.
  const ruleTeamId = values.scope === 'team' ? values.teamId : values.scope === 'channel' ? channels.find((channel) => channel.id === values.channelId)?.teamId : null;
  const scopeLabels = labels.filter((label) => label.teamId === null || label.teamId === ruleTeamId);
  const server = toFormErrors(mutation.error, RULE_SERVER_FIELDS);
  const changes = rule ? toUpdateRuleRequest(rule, values) : null;
  const dirty = rule ? Object.keys(changes ?? {}).length > 0 : true;

  const setCondition = (draft: ConditionDraft) => {
    setField(
      'conditions',
      values.conditions.map((condition) => (condition.key === draft.key ? draft : condition)),
    );
    clearError(`condition:${draft.key}`);
  };
  const setAction = (draft: ActionDraft) => {
    setField(
      'actions',
      values.actions.map((action) => (action.key === draft.key ? draft : action)),
    );
    clearError(`action:${draft.key}`);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submitWith(validateRuleForm, (valid) => {
      if (!rule) {
        create.mutate(toCreateRuleRequest(valid), {
          onSuccess: (created) => {
            toastShown('success', t('ruleEditor.saved', { name: created.name }));
            navigate('/settings/automation', { replace: true });
          },
        });
        return;
      }
      const request = toUpdateRuleRequest(rule, valid);
      if (Object.keys(request).length === 0) return;
      update.mutate(
        { id: rule.id, changes: request },
        {
          onSuccess: (saved) => {
            form.setValues(ruleFormFrom(saved));
            toastShown('success', t('ruleEditor.saved', { name: saved.name }));
          },
        },
      );
    });
  };

  return (
    <form className="bt-rule-form" onSubmit={submit} noValidate aria-label={rule ? t('common.editItem', { name: rule.name }) : t('ruleEditor.formNew')}>
      <Panel title={t('ruleEditor.rulePanel')}>
        <div className="bt-form">
          <TextField
            label={t('ruleEditor.name')}
            autoComplete="off"
            placeholder={t('ruleEditor.namePlaceholder')}
            value={values.name}
            onChange={(event) => setField('name', event.target.value)}
            error={errors.name ?? server.fields['name']}
          />
          <Checkbox
            label={t('ruleEditor.enabled')}
            description={t('ruleEditor.enabledDescription')}
            checked={values.enabled}
            onChange={(event) => setField('enabled', event.target.checked)}
          />
        </div>
      </Panel>

      <Panel title={t('ruleEditor.whenPanel')} description={t('ruleEditor.whenDescription')}>
        <div className="bt-form">
          <fieldset className="bt-field">
            <legend className="bt-field__label">{t('ruleEditor.trigger')}</legend>
            <div className="bt-choice-cards bt-choice-cards--four">
              {TRIGGERS.map((trigger) => (
                <label key={trigger} className={cx('bt-choice-card', values.trigger === trigger && 'bt-choice-card--checked')}>
                  <input type="radio" name="trigger" value={trigger} checked={values.trigger === trigger} onChange={() => setField('trigger', trigger)} />
                  <span className="bt-choice-card__title">{TRIGGER_LABELS[trigger]}</span>
                  <span className="bt-choice-card__description">{TRIGGER_DESCRIPTIONS[trigger]}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {values.trigger === RuleTrigger.WaitingLongerThan ? (
            <div className="bt-narrow">
              <span className="bt-input-with-unit bt-input-with-unit--flush">
                <span>{t('ruleEditor.waitingBefore')}</span>
                <TextField
                  label={t('ruleEditor.waitingMinutes')}
                  hideLabel
                  inputMode="numeric"
                  value={values.waitingMinutes}
                  onChange={(event) => setField('waitingMinutes', event.target.value)}
                  error={errors.waitingMinutes ?? server.fields['waitingMinutes']}
                />
                <span>{t('ruleEditor.waitingAfter')}</span>
              </span>
            </div>
          ) : null}
          <fieldset className="bt-field">
            <legend className="bt-field__label">{t('ruleEditor.appliesTo')}</legend>
            <div className="bt-scope">
              <div className="bt-segmented" role="radiogroup" aria-label={t('ruleEditor.appliesTo')}>
                {SCOPES.map((scope) => (
                  <label key={scope.value} className={cx('bt-segmented__option', values.scope === scope.value && 'bt-segmented__option--checked')}>
                    <input
                      type="radio"
                      name="scope"
                      checked={values.scope === scope.value}
                      onChange={() => {
                        setField('scope', scope.value);
                        clearError('scope');
                      }}
                    />
                    {t(scope.labelKey)}
                  </label>
                ))}
              </div>
              {values.scope === 'team' ? (
                <SelectField
                  label={t('ruleEditor.team')}
                  hideLabel
                  className="bt-scope__select"
                  value={values.teamId}
                  onChange={(teamId) => {
                    setField('teamId', teamId);
                    clearError('scope');
                  }}
                  options={[...(values.teamId ? [] : [{ value: '', label: t('ruleEditor.chooseTeam') }]), ...teams.map((team) => ({ value: team.id, label: team.name, isData: true }))]}
                />
              ) : values.scope === 'channel' ? (
                <SelectField
                  label={t('ruleEditor.channel')}
                  hideLabel
                  className="bt-scope__select"
                  value={values.channelId}
                  onChange={(channelId) => {
                    setField('channelId', channelId);
                    clearError('scope');
                  }}
                  options={[...(values.channelId ? [] : [{ value: '', label: t('ruleEditor.chooseChannel') }]), ...channels.map((channel) => ({ value: channel.id, label: channel.name, isData: true }))]}
                />
              ) : null}
            </div>
            {errors.scope || server.fields['teamId'] || server.fields['channelId'] ? (
              <p className="bt-field__error">{errors.scope ?? server.fields['teamId'] ?? server.fields['channelId']}</p>
            ) : null}
          </fieldset>
        </div>
      </Panel>

      <Panel title={t('ruleEditor.ifPanel')} description={t('ruleEditor.ifDescription')}>
        <div className="bt-stack">
          {values.conditions.length > 0 ? (
            <ul className="bt-clauses" aria-label={t('ruleEditor.conditions')}>
              {values.conditions.map((draft) => (
                <ConditionEditor
                  key={draft.key}
                  draft={draft}
                  faqs={faqsOf(answers)}
                  attributes={attributes}
                  error={errors[`condition:${draft.key}`]}
                  onChange={setCondition}
                  onRemove={() => setField('conditions', values.conditions.filter((condition) => condition.key !== draft.key))}
                />
              ))}
            </ul>
          ) : null}
          {server.fields['conditions'] ? <p className="bt-field__error">{server.fields['conditions']}</p> : null}
          <div>
            <Menu
              label={t('ruleEditor.addCondition')}
              icon="plus"
              size="sm"
              entries={(Object.keys(CONDITION_LABELS) as ConditionType[]).map((type) => ({
                id: type,
                label: CONDITION_LABELS[type],
                // A waiting-time rule fires on a clock: there is no message for these to read.
                disabled: values.trigger === RuleTrigger.WaitingLongerThan && MESSAGE_CONDITIONS.has(type),
                onSelect: () => setField('conditions', [...values.conditions, newCondition(type)]),
              }))}
            >
              {t('ruleEditor.addCondition')}
            </Menu>
          </div>
        </div>
      </Panel>

      <Panel title={t('ruleEditor.thenPanel')} description={t('ruleEditor.thenDescription')}>
        <div className="bt-stack">
          {values.actions.length > 0 ? (
            <ol className="bt-clauses" aria-label={t('ruleEditor.actions')}>
              {values.actions.map((draft) => (
                <ActionEditor
                  key={draft.key}
                  draft={draft}
                  answers={answers}
                  teams={teams}
                  users={users}
                  labels={scopeLabels}
                  error={errors[`action:${draft.key}`]}
                  onChange={setAction}
                  onRemove={() => setField('actions', values.actions.filter((action) => action.key !== draft.key))}
                />
              ))}
            </ol>
          ) : null}
          {errors.actions || server.fields['actions'] ? <p className="bt-field__error">{errors.actions ?? server.fields['actions']}</p> : null}
          <div>
            <Menu
              label={t('ruleEditor.addAction')}
              icon="plus"
              size="sm"
              entries={(Object.keys(ACTION_LABELS) as ActionType[]).map((type) => ({
                id: type,
                label: ACTION_LABELS[type],
                onSelect: () => {
                  setField('actions', [...values.actions, newAction(type)]);
                  clearError('actions');
                },
              }))}
            >
              {t('ruleEditor.addAction')}
            </Menu>
          </div>
          <Checkbox
            label={t('ruleEditor.continueAfter')}
            description={t('ruleEditor.continueAfterDescription')}
            checked={values.continueAfter}
            onChange={(event) => setField('continueAfter', event.target.checked)}
          />
          {values.actions.some((action) => action.type === 'reply') ? (
            <Checkbox
              label={t('ruleEditor.answerAssigned')}
              description={t('ruleEditor.answerAssignedDescription')}
              checked={values.answerAssigned}
              onChange={(event) => setField('answerAssigned', event.target.checked)}
            />
          ) : null}
        </div>
      </Panel>

      <FormFooter error={server.form} dirty={dirty} isNew={!rule}>
        {rule ? (
          <Link to="/settings/automation/test-bench" className={buttonClassName({ variant: 'ghost' })}>
            {t('ruleEditor.tryInBench')}
          </Link>
        ) : null}
        <Link to="/settings/automation" className={buttonClassName()}>
          {rule && !dirty ? t('ruleEditor.backToRules') : t('common.cancel')}
        </Link>
        <Button type="submit" variant="primary" pending={mutation.isPending} disabled={!dirty}>
          {rule ? t('common.saveChanges') : t('ruleEditor.saveRule')}
        </Button>
      </FormFooter>
    </form>
  );
}

/** Settings → Automation → a rule (or a new one). */
export function RuleEditorPage() {
  const { t } = useTranslation('automation');
  const { ruleId } = useParams();
  const rules = useRules();
  const rule = ruleId ? rules.data?.find((candidate) => candidate.id === ruleId) : undefined;
  const title = ruleId ? (rule?.name ?? t('ruleEditor.pageFallback')) : t('ruleEditor.formNew');
  return (
    <>
      <nav className="bt-breadcrumb" aria-label={t('common.breadcrumb')}>
        <Link to="/settings/automation">{t('ruleEditor.breadcrumbRoot')}</Link>
        <Icon name="chevron" size={12} />
        <span aria-current="page" translate={rule ? 'no' : undefined}>
          {title}
        </span>
      </nav>
      <PageHeader title={title} titleIsData={Boolean(rule)} description={t('ruleEditor.pageDescription')} />
      {ruleId ? (
        <QueryState loadingLabel={t('ruleEditor.loadingRule')} errorTitle={t('ruleEditor.loadRuleFailed')} isPending={rules.isPending} error={rules.error} onRetry={() => void rules.refetch()}>
          {rule ? (
            <RuleForm key={rule.id} rule={rule} />
          ) : (
            <EmptyState compact icon="search" title={t('ruleEditor.goneTitle')}>
              {t('ruleEditor.goneBody')} <Link to="/settings/automation">{t('ruleEditor.backToTheRules')}</Link>
            </EmptyState>
          )}
        </QueryState>
      ) : (
        <RuleForm rule={null} />
      )}
    </>
  );
}
