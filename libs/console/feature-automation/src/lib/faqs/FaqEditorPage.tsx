import { CANNED_ANSWER_VARIABLES, ROUTING_LANGUAGES, Role, type CannedAnswerView, type ChannelView, type RoutingLanguage } from '@backtalk/contracts';
import { toFormErrors, useCannedAnswers, useChannels, useContactAttributes, useCreateCannedAnswer, useSignedInUser, useTeams, useToastActions, useUpdateCannedAnswer } from '@backtalk/console/data-access';
import { FormFooter, QueryState, useFormState } from '@backtalk/console/feature-admin';
import { useTranslation } from '@backtalk/console/i18n';
import { formatCost, LanguageSelect } from '@backtalk/console/feature-inbox';
import {
  Button,
  buttonClassName,
  Checkbox,
  cx,
  EmptyState,
  FieldShell,
  Icon,
  PageHeader,
  Panel,
  SelectField,
  TextField,
} from '@backtalk/console/ui';
import { renderTemplate } from '@backtalk/sms';
import { useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import '../automation.css';
import { attributeVariables, sampleCustomerName, sampleValues, segmentRisk, type SegmentRisk } from './answer-preview';
import { AnswerLanguageTabs } from './AnswerLanguageTabs';
import { ExamplesEditor, KeywordsField } from './ExamplesEditor';
import {
  addLanguage,
  BODY_MAX_LENGTH,
  changeDefaultLanguage,
  emptyFaqForm,
  FAQ_FORM_FIELDS,
  faqFormFrom,
  formLanguages,
  removeLanguage,
  suggestShortcode,
  textIn,
  toCreateFaqRequest,
  toUpdateFaqRequest,
  validateFaqForm,
  variantErrors,
  withText,
  type FaqFormField,
  type FaqFormValues,
} from './faq-form';
import { SuggestionsPanel } from './SuggestionsPanel';


/** Encoding, segments and cost of the answer as sent from the preview's channel, with what variables could add. */
function SmsStats({ risk, channel }: { risk: SegmentRisk; channel: ChannelView | undefined }) {
  const { t } = useTranslation('automation');
  const { preview } = risk;
  if (preview.segments === 0) return <p className="bt-sms-stats">{t('editor.smsEmpty')}</p>;
  return (
    <div className="bt-stack bt-stack--tight">
      <p className="bt-sms-stats" data-testid="answer-sms-stats">
        <span className={cx('bt-sms-stats__encoding', preview.encoding === 'UCS-2' && 'bt-sms-stats__encoding--ucs2')}>
          {preview.encoding === 'UCS-2' ? 'Unicode' : 'GSM-7'}
        </span>
        <span>{t('common.segments', { count: preview.segments })}</span>
        <span>{t('editor.unitsLeft', { count: preview.unitsLeftInSegment })}</span>
        {preview.estimatedCost !== null && channel ? (
          <span title={t('editor.costTitle')}>{t('editor.costPerReply', { cost: formatCost(preview.estimatedCost), channel: channel.name })}</span>
        ) : null}
      </p>
      {risk.warning ? (
        <p className="bt-inline-warning" data-testid="segment-warning">
          <Icon name="alert" size={13} />
          <span>{risk.warning}</span>
        </p>
      ) : null}
    </div>
  );
}

/** The answer as a customer reads it on their phone, with sample values in its variables. */
function AnswerPreview({
  text,
  language,
  missing,
  channels,
  channel,
  onChannel,
}: {
  text: string;
  language: RoutingLanguage;
  missing: string[];
  channels: readonly ChannelView[];
  channel: ChannelView | undefined;
  onChannel: (channelId: string) => void;
}) {
  const { t } = useTranslation('automation');
  return (
    <Panel title={t('editor.previewTitle')} description={t('editor.previewDescription', { name: sampleCustomerName() })}>
      <div className="bt-stack">
        {channels.length > 1 ? (
          <SelectField label={t('editor.sentFrom')} value={channel?.id ?? ''} onChange={onChannel} options={channels.map((option) => ({ value: option.id, label: option.name, isData: true }))} />
        ) : null}
        <div className="bt-phone">
          <span className="bt-phone__sender" translate={channel ? 'no' : undefined}>
            {channel?.name ?? t('editor.yourChannel')}
          </span>
          {text.trim() ? <p className="bt-phone__bubble" data-testid="answer-preview" lang={language} translate="no">
              {text}
            </p> : <p className="bt-phone__empty">{t('editor.previewEmpty')}</p>}
        </div>
        {missing.length > 0 ? (
          <p className="bt-field__hint">
            {t('editor.missingValues', { variables: missing.map((name) => `{{${name}}}`).join(', '), count: missing.length })}
          </p>
        ) : null}
      </div>
    </Panel>
  );
}

interface FaqEditorProps {
  answer: CannedAnswerView | null;
}

function FaqEditor({ answer }: FaqEditorProps) {
  const { t } = useTranslation('automation');
  const me = useSignedInUser();
  const isAdmin = me.role === Role.Admin;
  const { data: teams = [] } = useTeams();
  const { data: channels = [] } = useChannels();
  const navigate = useNavigate();
  const { toastShown } = useToastActions();
  const create = useCreateCannedAnswer();
  const update = useUpdateCannedAnswer();
  const mutation = answer ? update : create;
  const attributeKeys = (useContactAttributes().data ?? []).map((attribute) => attribute.key);
  // Supervisors write only their teams' answers, so theirs start in their first team.
  const form = useFormState<FaqFormValues>(() => (answer ? faqFormFrom(answer) : emptyFaqForm(isAdmin ? '' : (teams[0]?.id ?? ''))));
  const { values, errors, setField } = form;
  const [activeLanguage, setActiveLanguage] = useState<RoutingLanguage>(() => (answer ? faqFormFrom(answer).defaultLanguage : 'en'));
  // A language removed (or never added) falls back to the default tab.
  const active = formLanguages(values).includes(activeLanguage) ? activeLanguage : values.defaultLanguage;
  const activeText = textIn(values, active);
  const setActiveText = (text: string) => form.setValues(withText(values, active, text));
  // Each language's problems show once a save was tried, like the other fields' errors.
  const problems = errors.body || errors.variants ? variantErrors(values, attributeKeys) : {};
  const [shortcodeTouched, setShortcodeTouched] = useState(!!answer);
  const server = toFormErrors(mutation.error, FAQ_FORM_FIELDS);
  const error = (field: FaqFormField) => errors[field] ?? server.fields[field];

  const scopedChannels = useMemo(() => channels.filter((channel) => !values.teamId || channel.teamId === values.teamId), [channels, values.teamId]);
  const [previewChannelId, setPreviewChannelId] = useState<string | null>(null);
  const previewChannel = scopedChannels.find((channel) => channel.id === previewChannelId) ?? scopedChannels[0];
  const samples = useMemo(() => sampleValues(me.name, previewChannel), [me.name, previewChannel]);
  const risk = useMemo(() => segmentRisk(activeText, samples, previewChannel), [activeText, samples, previewChannel]);
  const filled = useMemo(() => renderTemplate(activeText, samples), [activeText, samples]);

  const body = useRef<HTMLTextAreaElement>(null);
  const caretAfterInsert = useRef<number | null>(null);
  useLayoutEffect(() => {
    const element = body.current;
    if (!element || caretAfterInsert.current === null) return;
    element.focus();
    element.setSelectionRange(caretAfterInsert.current, caretAfterInsert.current);
    caretAfterInsert.current = null;
  }, [activeText]);

  const insertVariable = (name: string) => {
    const element = body.current;
    const token = `{{${name}}}`;
    const start = element?.selectionStart ?? activeText.length;
    const end = element?.selectionEnd ?? activeText.length;
    caretAfterInsert.current = start + token.length;
    setActiveText(`${activeText.slice(0, start)}${token}${activeText.slice(end)}`);
  };

  const changes = answer ? toUpdateFaqRequest(answer, values) : null;
  const dirty = answer ? Object.keys(changes ?? {}).length > 0 : true;
  const scopeOptions = [...(isAdmin ? [{ value: '', label: t('faqs.everyTeam') }] : []), ...teams.map((team) => ({ value: team.id, label: team.name, isData: true }))];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submitWith((current) => validateFaqForm(current, attributeKeys), (valid) => {
      if (!answer) {
        create.mutate(toCreateFaqRequest(valid), {
          onSuccess: (created) => {
            toastShown('success', t('editor.saved', { title: created.title }));
            navigate(`/settings/faqs/${created.id}`, { replace: true });
          },
        });
        return;
      }
      const request = toUpdateFaqRequest(answer, valid);
      if (Object.keys(request).length === 0) return;
      update.mutate(
        { id: answer.id, changes: request },
        {
          onSuccess: (saved) => {
            form.setValues(faqFormFrom(saved));
            toastShown('success', t('editor.saved', { title: saved.title }));
          },
        },
      );
    });
  };

  return (
    <form className="bt-editor" onSubmit={submit} noValidate aria-label={answer ? t('common.editItem', { name: answer.title }) : t('editor.formNew')}>
      <div className="bt-editor__main">
        <Panel title={t('editor.answerPanel')} description={t('editor.answerPanelDescription')}>
          <div className="bt-form">
            <div className="bt-form__row bt-form__row--wide-first">
              <TextField
                label={t('editor.titleLabel')}
                autoComplete="off"
                placeholder={t('editor.titlePlaceholder')}
                value={values.title}
                onChange={(event) => {
                  setField('title', event.target.value);
                  if (!shortcodeTouched) setField('shortcode', suggestShortcode(event.target.value));
                }}
                error={error('title')}
              />
              <FieldShell label={t('editor.shortcode')} error={error('shortcode')} hint={t('editor.shortcodeHint')}>
                {(control) => (
                  <span className="bt-prefixed-input">
                    <span className="bt-prefixed-input__prefix" aria-hidden="true">
                      /
                    </span>
                    <input
                      {...control}
                      className="bt-input"
                      autoComplete="off"
                      spellCheck={false}
                      // A shortcode is a record's key, in the Latin letters the field accepts, so its example stays untranslated.
                      translate="no"
                      placeholder={t('editor.shortcodePlaceholder')}
                      value={values.shortcode}
                      onChange={(event) => {
                        setShortcodeTouched(true);
                        setField('shortcode', event.target.value);
                      }}
                    />
                  </span>
                )}
              </FieldShell>
            </div>
            <FieldShell
              label={t('editor.body')}
              error={problems[active] ?? (active === values.defaultLanguage ? server.fields.body : undefined) ?? (active === values.defaultLanguage ? server.fields.variants : undefined)}
              hint={active === values.defaultLanguage ? t('editor.textHintDefault', { language: active }) : t('editor.textHintOther', { language: active })}
            >
              {(control) => (
                <div className="bt-stack bt-stack--tight">
                  <AnswerLanguageTabs
                    values={values}
                    active={active}
                    problems={problems}
                    onSelect={setActiveLanguage}
                    onAdd={(language) => {
                      form.setValues(addLanguage(values, language));
                      setActiveLanguage(language);
                    }}
                    onRemove={(language) => {
                      form.setValues(removeLanguage(values, language));
                      setActiveLanguage(values.defaultLanguage);
                    }}
                  />
                  <textarea
                    {...control}
                    ref={body}
                    lang={active}
                    className="bt-input bt-input--multiline"
                    rows={5}
                    maxLength={BODY_MAX_LENGTH}
                    placeholder={t('editor.bodyPlaceholder', { variable: '{{contact.first_name}}' })}
                    value={activeText}
                    onChange={(event) => setActiveText(event.target.value)}
                  />
                  <div className="bt-variables" role="group" aria-label={t('editor.insertVariable')}>
                    <span className="bt-variables__label">{t('editor.insert')}</span>
                    {[...CANNED_ANSWER_VARIABLES, ...attributeVariables(attributeKeys)].map((name) => (
                      <button key={name} type="button" className="bt-variables__chip" translate="no" onClick={() => insertVariable(name)}>
                        {`{{${name}}}`}
                      </button>
                    ))}
                  </div>
                  <SmsStats risk={risk} channel={previewChannel} />
                </div>
              )}
            </FieldShell>
            <div className="bt-form__row bt-form__row--pairs">
              <LanguageSelect
                label={t('editor.defaultLanguage')}
                value={values.defaultLanguage}
                languages={ROUTING_LANGUAGES}
                onChange={(language) => {
                  if (language) form.setValues(changeDefaultLanguage(values, language));
                }}
                hint={t('editor.defaultLanguageHint')}
                error={error('defaultLanguage')}
                testId="answer-default-language"
              />
              <SelectField
                label={t('editor.availableTo')}
                value={values.teamId}
                onChange={(teamId) => setField('teamId', teamId)}
                options={scopeOptions}
                error={error('teamId')}
                hint={values.teamId ? t('editor.oneTeamHint') : t('editor.everyTeamHint')}
              />
            </div>
            <TextField
              label={t('editor.tags')}
              autoComplete="off"
              placeholder={t('editor.tagsPlaceholder')}
              value={values.tags}
              onChange={(event) => setField('tags', event.target.value)}
              error={error('tags')}
              hint={t('editor.tagsHint')}
            />
          </div>
        </Panel>

        <Panel title={t('editor.matchingPanel')} description={t('editor.matchingPanelDescription')}>
          <div className="bt-form">
            <ExamplesEditor examples={values.examples} onChange={(examples) => setField('examples', examples)} error={error('examples')} />
            <p className="bt-field__hint">{t('editor.examplesLanguageHint')}</p>
            <KeywordsField keywords={values.keywords} onChange={(keywords) => setField('keywords', keywords)} />
            <div>
              <Checkbox
                label={t('editor.mayAutoReply')}
                description={t('editor.mayAutoReplyDescription')}
                checked={values.autoReply}
                onChange={(event) => setField('autoReply', event.target.checked)}
              />
              {error('autoReply') ? <p className="bt-field__error bt-checkbox-error">{error('autoReply')}</p> : null}
            </div>
          </div>
        </Panel>

        <FormFooter error={server.form} dirty={dirty} isNew={!answer}>
          {answer ? (
            <Button
              disabled={!dirty || update.isPending}
              onClick={() => {
                form.setValues(faqFormFrom(answer));
                update.reset();
              }}
            >
              {t('editor.discard')}
            </Button>
          ) : (
            <Link to="/settings/faqs" className={buttonClassName()}>
              {t('common.cancel')}
            </Link>
          )}
          <Button type="submit" variant="primary" pending={mutation.isPending} disabled={!dirty}>
            {answer ? t('common.saveChanges') : t('editor.saveAnswer')}
          </Button>
        </FormFooter>
      </div>

      <aside className="bt-editor__aside" aria-label={t('editor.aside')}>
        <AnswerPreview text={filled.body} language={active} missing={filled.missing} channels={scopedChannels} channel={previewChannel} onChannel={setPreviewChannelId} />
        {answer ? <SuggestionsPanel answer={answer} examples={values.examples} onAdded={(text) => setField('examples', [...values.examples, text])} /> : null}
      </aside>
    </form>
  );
}

/** Settings → FAQs & canned answers → one answer (or a new one). */
export function FaqEditorPage() {
  const { t } = useTranslation('automation');
  const { answerId } = useParams();
  const answers = useCannedAnswers();
  // A new answer starts in a team the user may write for, so the teams come first.
  const teams = useTeams();
  const answer = answerId ? answers.data?.find((candidate) => candidate.id === answerId) : undefined;
  const title = answerId ? (answer?.title ?? t('editor.pageFallback')) : t('faqs.newAnswer');
  return (
    <>
      <nav className="bt-breadcrumb" aria-label={t('common.breadcrumb')}>
        <Link to="/settings/faqs">{t('faqs.title')}</Link>
        <Icon name="chevron" size={12} />
        <span aria-current="page" translate={answer ? 'no' : undefined}>
          {title}
        </span>
      </nav>
      <PageHeader title={title} titleIsData={Boolean(answer)} description={answer ? <span className="bt-shortcode" translate="no">/{answer.shortcode}</span> : t('editor.pageDescription')} />
      {answerId ? (
        <QueryState loadingLabel={t('editor.loadingAnswer')} errorTitle={t('editor.loadAnswerFailed')} isPending={answers.isPending} error={answers.error} onRetry={() => void answers.refetch()}>
          {answer ? (
            <FaqEditor key={answer.id} answer={answer} />
          ) : (
            <EmptyState compact icon="search" title={t('editor.goneTitle')}>
              {t('editor.goneBody')} <Link to="/settings/faqs">{t('editor.backToAll')}</Link>
            </EmptyState>
          )}
        </QueryState>
      ) : (
        <QueryState loadingLabel={t('editor.loadingTeams')} errorTitle={t('editor.loadTeamsFailed')} isPending={teams.isPending} error={teams.error} onRetry={() => void teams.refetch()}>
          <FaqEditor answer={null} />
        </QueryState>
      )}
    </>
  );
}
