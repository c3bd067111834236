import { ConversationStatus, ROUTING_LANGUAGES, type CannedAnswerView, type ContactAttributeOperator, type ContactAttributeView, type ConversationPriority, type LabelView, type TeamView, type UserView } from '@backtalk/contracts';
import { previewLine } from '@backtalk/console/feature-inbox';
import { useTranslation } from '@backtalk/console/i18n';
import { Checkbox, cx, FieldShell, formatConfidence, Icon, LANGUAGE_LABELS, PRIORITIES_BY_URGENCY, PRIORITY_LABELS, SelectField, TextField } from '@backtalk/console/ui';
import type { ReactNode } from 'react';
import { FAQ_PERCENT_MAX, FAQ_PERCENT_MIN, MATCHED_FAQ, type ActionDraft, type ConditionDraft } from './rule-form';
import { ACTION_LABELS, CONDITION_LABELS, CONTACT_ATTRIBUTE_OPERATOR_LABELS, CONTACT_FIELD_LABELS, CONTACT_OPERATOR_LABELS, markSummaryData, STATUS_LABELS } from './rule-summary';
import { SummaryText } from './SummaryText';

/** "Збіг із FAQ" reads "збіг із FAQ" mid-sentence: only the first word drops its capital, an abbreviation keeps it. */
function lowerFirstWord(label: string): string {
  const [first = '', ...rest] = label.split(' ');
  const isAbbreviation = first.length > 1 && first === first.toLocaleUpperCase();
  return [isAbbreviation ? first : first.toLocaleLowerCase(), ...rest].join(' ');
}

/** One condition or action: what it is, its controls, and a way to remove it. */
function Clause({ label, error, onRemove, children }: { label: string; error?: string; onRemove: () => void; children: ReactNode }) {
  const { t } = useTranslation('automation');
  return (
    <li className={cx('bt-clause', error && 'bt-clause--invalid')} aria-label={label}>
      <div className="bt-clause__head">
        <span className="bt-clause__label">{label}</span>
        <button type="button" className="bt-icon-button" aria-label={t('clauses.removeClause', { clause: lowerFirstWord(label) })} title={t('common.remove')} onClick={onRemove}>
          <Icon name="close" size={13} />
        </button>
      </div>
      <div className="bt-clause__body">{children}</div>
      {error ? <p className="bt-field__error">{error}</p> : null}
    </li>
  );
}

function Segmented<V extends string>({ label, value, options, onChange }: { label: string; value: V; options: ReadonlyArray<{ value: V; label: string }>; onChange: (value: V) => void }) {
  return (
    <div className="bt-segmented" role="radiogroup" aria-label={label}>
      {options.map((option) => (
        <label key={option.value} className={cx('bt-segmented__option', value === option.value && 'bt-segmented__option--checked')}>
          <input type="radio" checked={value === option.value} onChange={() => onChange(option.value)} />
          {option.label}
        </label>
      ))}
    </div>
  );
}

/** A few options side by side, any number chosen (languages, statuses). */
function InlineChoices<V extends string>({ label, options, value, onChange }: { label: string; options: ReadonlyArray<{ value: V; label: string }>; value: readonly V[]; onChange: (value: V[]) => void }) {
  return (
    <fieldset className="bt-inline-choices">
      <legend className="bt-sr-only">{label}</legend>
      {options.map((option) => (
        <Checkbox
          key={option.value}
          label={option.label}
          checked={value.includes(option.value)}
          onChange={(event) => onChange(event.target.checked ? [...value, option.value] : value.filter((chosen) => chosen !== option.value))}
        />
      ))}
    </fieldset>
  );
}

/** The canned answers the matcher knows: those with examples. */
export const faqsOf = (answers: readonly CannedAnswerView[]) => answers.filter((answer) => answer.examples.length > 0);

export interface ConditionEditorProps {
  draft: ConditionDraft;
  faqs: readonly CannedAnswerView[];
  /** The contact attributes admins defined, for the contact attribute condition. */
  attributes: readonly ContactAttributeView[];
  error?: string;
  onChange: (draft: ConditionDraft) => void;
  onRemove: () => void;
}

/** The tests that make sense for a type: greater and less only compare numbers and dates. */
function operatorsFor(attribute: ContactAttributeView | undefined): ContactAttributeOperator[] {
  if (!attribute) return ['equals', 'contains', 'is_set', 'greater', 'less'];
  if (attribute.type === 'number' || attribute.type === 'date') return ['equals', 'greater', 'less', 'is_set'];
  if (attribute.type === 'boolean' || attribute.type === 'list') return ['equals', 'is_set'];
  return ['equals', 'contains', 'is_set'];
}

function AttributeValue({ attribute, value, onChange }: { attribute: ContactAttributeView | undefined; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation('automation');
  if (attribute?.type === 'boolean') {
    return <SelectField label={t('clauses.value')} value={value === 'false' ? 'false' : 'true'} onChange={onChange} options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} />;
  }
  if (attribute?.type === 'list') {
    return <SelectField label={t('clauses.value')} value={value} onChange={onChange} options={[{ value: '', label: t('common.choose') }, ...attribute.choices.map((choice) => ({ value: choice, label: choice, isData: true }))]} />;
  }
  return (
    <TextField
      label={t('clauses.value')}
      autoComplete="off"
      type={attribute?.type === 'date' ? 'date' : 'text'}
      inputMode={attribute?.type === 'number' ? 'decimal' : undefined}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

export function ConditionEditor({ draft, faqs, attributes, error, onChange, onRemove }: ConditionEditorProps) {
  const { t } = useTranslation('automation');
  const label = CONDITION_LABELS[draft.type];
  const clause = (children: ReactNode) => (
    <Clause label={label} error={error} onRemove={onRemove}>
      {children}
    </Clause>
  );
  switch (draft.type) {
    case 'faq_match':
      return clause(
        <div className="bt-form__row bt-form__row--pairs">
          <SelectField
            label={t('clauses.faq')}
            value={draft.faqId}
            onChange={(faqId) => onChange({ ...draft, faqId })}
            options={[{ value: '', label: t('clauses.anyFaq') }, ...faqs.map((faq) => ({ value: faq.id, label: faq.title, isData: true }))]}
          />
          <FieldShell label={t('clauses.confidence')} hint={t('clauses.confidenceHint')}>
            {(control) => (
              <span className="bt-slider">
                <input
                  {...control}
                  type="range"
                  className="bt-slider__input"
                  min={FAQ_PERCENT_MIN}
                  max={FAQ_PERCENT_MAX}
                  step={1}
                  value={draft.percent}
                  onChange={(event) => onChange({ ...draft, percent: Number(event.target.value) })}
                />
                <output className="bt-slider__value" htmlFor={control.id}>
                  {formatConfidence(draft.percent / 100)}
                </output>
              </span>
            )}
          </FieldShell>
        </div>,
      );
    case 'keywords':
      return clause(
        <TextField
          label={t('clauses.words')}
          autoComplete="off"
          placeholder={t('clauses.wordsPlaceholder')}
          value={draft.words}
          onChange={(event) => onChange({ ...draft, words: event.target.value })}
          hint={t('clauses.wordsHint')}
        />,
      );
    case 'regex':
      return clause(
        <TextField
          label={t('clauses.pattern')}
          autoComplete="off"
          spellCheck={false}
          className="bt-mono-field"
          placeholder="order\s*#?\d{4,}"
          value={draft.pattern}
          onChange={(event) => onChange({ ...draft, pattern: event.target.value })}
          hint={t('clauses.patternHint')}
        />,
      );
    case 'language':
      return clause(
        <InlineChoices
          label={t('clauses.languages')}
          options={ROUTING_LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_LABELS[language] }))}
          value={draft.in}
          onChange={(languages) => onChange({ ...draft, in: languages })}
        />,
      );
    case 'contact':
      return clause(
        <div className="bt-form__row bt-form__row--triple">
          <SelectField
            label={t('clauses.field')}
            value={draft.field}
            onChange={(field) => onChange({ ...draft, field })}
            options={(Object.keys(CONTACT_FIELD_LABELS) as Array<keyof typeof CONTACT_FIELD_LABELS>).map((field) => ({ value: field, label: CONTACT_FIELD_LABELS[field] }))}
          />
          <SelectField
            label={t('clauses.test')}
            value={draft.operator}
            onChange={(operator) => onChange({ ...draft, operator })}
            options={(Object.keys(CONTACT_OPERATOR_LABELS) as Array<keyof typeof CONTACT_OPERATOR_LABELS>).map((operator) => ({ value: operator, label: CONTACT_OPERATOR_LABELS[operator] }))}
          />
          {draft.operator === 'is_empty' || draft.operator === 'is_not_empty' ? (
            <span />
          ) : (
            <TextField label={t('clauses.value')} autoComplete="off" value={draft.value} onChange={(event) => onChange({ ...draft, value: event.target.value })} />
          )}
        </div>,
      );
    case 'contact_attribute': {
      const attribute = attributes.find((candidate) => candidate.key === draft.attributeKey);
      const operators = operatorsFor(attribute);
      return clause(
        <div className="bt-form__row bt-form__row--triple">
          <SelectField
            label={t('clauses.attribute')}
            value={draft.attributeKey}
            onChange={(attributeKey) => {
              const chosen = attributes.find((candidate) => candidate.key === attributeKey);
              const operator = operatorsFor(chosen).includes(draft.operator) ? draft.operator : 'equals';
              onChange({ ...draft, attributeKey, operator, value: chosen?.type === 'boolean' ? 'true' : '' });
            }}
            options={[
              // An option holds text only: a deleted attribute's key is marked as data with its translated note.
              ...(attribute || !draft.attributeKey ? [] : [{ value: draft.attributeKey, label: t('clauses.deletedAttribute', { key: draft.attributeKey }), isData: true }]),
              { value: '', label: attributes.length > 0 ? t('common.choose') : t('clauses.noAttributes') },
              ...attributes.map((candidate) => ({ value: candidate.key, label: candidate.label, isData: true })),
            ]}
          />
          <SelectField label={t('clauses.test')} value={draft.operator} onChange={(operator) => onChange({ ...draft, operator })} options={operators.map((operator) => ({ value: operator, label: CONTACT_ATTRIBUTE_OPERATOR_LABELS[operator] }))} />
          {draft.operator === 'is_set' ? <span /> : <AttributeValue attribute={attribute} value={draft.value} onChange={(value) => onChange({ ...draft, value })} />}
        </div>,
      );
    }
    case 'business_hours':
      return clause(
        <Segmented
          label={t('clauses.businessHours')}
          value={draft.state}
          onChange={(state) => onChange({ ...draft, state })}
          options={[
            { value: 'closed', label: t('clauses.teamClosed') },
            { value: 'open', label: t('clauses.teamOpen') },
          ]}
        />,
      );
    case 'status':
      return clause(
        <InlineChoices
          label={t('clauses.statuses')}
          options={Object.values(ConversationStatus).map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
          value={draft.in}
          onChange={(statuses) => onChange({ ...draft, in: statuses })}
        />,
      );
  }
}

export interface ActionEditorProps {
  draft: ActionDraft;
  answers: readonly CannedAnswerView[];
  teams: readonly TeamView[];
  users: readonly UserView[];
  /** The labels the rule's scope may add: global ones, and its team's. */
  labels: readonly LabelView[];
  error?: string;
  onChange: (draft: ActionDraft) => void;
  onRemove: () => void;
}

export function ActionEditor({ draft, answers, teams, users, labels, error, onChange, onRemove }: ActionEditorProps) {
  const { t } = useTranslation('automation');
  const label = ACTION_LABELS[draft.type];
  const clause = (children: ReactNode) => (
    <Clause label={label} error={error} onRemove={onRemove}>
      {children}
    </Clause>
  );
  switch (draft.type) {
    case 'reply': {
      const chosen = answers.find((answer) => answer.id === draft.cannedAnswerId);
      return clause(
        <div className="bt-stack bt-stack--tight">
          <SelectField
            label={t('clauses.answer')}
            value={draft.cannedAnswerId}
            onChange={(cannedAnswerId) => onChange({ ...draft, cannedAnswerId })}
            options={[
              ...(draft.cannedAnswerId ? [] : [{ value: '', label: t('clauses.chooseAnswer') }]),
              { value: MATCHED_FAQ, label: t('clauses.matchedFaq') },
              ...answers.map((answer) => ({ value: answer.id, label: `${answer.title} (/${answer.shortcode})`, isData: true })),
            ]}
            hint={
              draft.cannedAnswerId === MATCHED_FAQ
                ? t('clauses.matchedFaqHint')
                : chosen
                  ? <SummaryText summary={t('common.quoted', { text: markSummaryData(previewLine(chosen.body, 110)) })} />
                  : undefined
            }
          />
        </div>,
      );
    }
    case 'assign_team':
      return clause(
        <SelectField
          label={t('clauses.team')}
          value={draft.teamId}
          onChange={(teamId) => onChange({ ...draft, teamId })}
          options={[...(draft.teamId ? [] : [{ value: '', label: t('clauses.chooseTeam') }]), ...teams.map((team) => ({ value: team.id, label: team.name, isData: true }))]}
        />,
      );
    case 'assign_agent':
      return clause(
        <SelectField
          label={t('clauses.agent')}
          value={draft.userId}
          onChange={(userId) => onChange({ ...draft, userId })}
          options={[
            ...(draft.userId ? [] : [{ value: '', label: t('clauses.chooseAgent') }]),
            ...users.filter((user) => user.active).map((user) => ({ value: user.id, label: user.name, isData: true })),
          ]}
        />,
      );
    case 'set_priority':
      return clause(
        <SelectField
          label={t('clauses.priority')}
          value={draft.priority}
          onChange={(priority: ConversationPriority) => onChange({ ...draft, priority })}
          options={PRIORITIES_BY_URGENCY.map((priority) => ({ value: priority, label: PRIORITY_LABELS[priority] }))}
        />,
      );
    case 'add_tag':
      return clause(
        <SelectField
          label={t('clauses.label')}
          value={draft.labelId}
          onChange={(labelId: string) => onChange({ ...draft, labelId })}
          options={[
            ...(draft.labelId ? [] : [{ value: '', label: labels.length > 0 ? t('clauses.chooseLabel') : t('clauses.noLabels') }]),
            // A label the rule names but the scope no longer offers (deleted, or the rule moved to another team) stays visible.
            ...(draft.labelId && !labels.some((item) => item.id === draft.labelId) ? [{ value: draft.labelId, label: t('clauses.foreignLabel') }] : []),
            ...labels.map((item) => ({ value: item.id, label: item.teamId ? item.name : t('clauses.globalLabel', { name: item.name }), isData: true })),
          ]}
        />,
      );
    case 'set_status':
      return clause(
        <Segmented
          label={t('clauses.status')}
          value={draft.status}
          onChange={(status) => onChange({ ...draft, status })}
          options={[
            { value: ConversationStatus.Pending, label: t('clauses.pendingWait') },
            { value: ConversationStatus.Resolved, label: t('clauses.resolved') },
          ]}
        />,
      );
  }
}
