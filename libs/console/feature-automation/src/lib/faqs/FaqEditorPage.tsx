import { CANNED_ANSWER_VARIABLES, ROUTING_LANGUAGES, Role, type CannedAnswerView, type ChannelView } from '@backtalk/contracts';
import { toFormErrors, useCannedAnswers, useChannels, useContactAttributes, useCreateCannedAnswer, useSignedInUser, useTeams, useToastActions, useUpdateCannedAnswer } from '@backtalk/console/data-access';
import { FormFooter, QueryState, useFormState } from '@backtalk/console/feature-admin';
import { formatCost } from '@backtalk/console/feature-inbox';
import {
  Button,
  buttonClassName,
  Checkbox,
  cx,
  EmptyState,
  FieldShell,
  Icon,
  LANGUAGE_LABELS,
  PageHeader,
  Panel,
  SelectField,
  TextField,
} from '@backtalk/console/ui';
import { renderTemplate } from '@backtalk/sms';
import { useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import '../automation.css';
import { attributeVariables, sampleValues, segmentRisk, type SegmentRisk } from './answer-preview';
import { ExamplesEditor, KeywordsField } from './ExamplesEditor';
import {
  BODY_MAX_LENGTH,
  emptyFaqForm,
  FAQ_FORM_FIELDS,
  faqFormFrom,
  suggestShortcode,
  toCreateFaqRequest,
  toUpdateFaqRequest,
  validateFaqForm,
  type FaqFormField,
  type FaqFormValues,
} from './faq-form';
import { SuggestionsPanel } from './SuggestionsPanel';

const LANGUAGE_OPTIONS = [{ value: '', label: 'Any language' }, ...ROUTING_LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_LABELS[language] }))];

/** Encoding, segments and cost of the answer as sent from the preview's channel, with what variables could add. */
function SmsStats({ risk, channel }: { risk: SegmentRisk; channel: ChannelView | undefined }) {
  const { preview } = risk;
  if (preview.segments === 0) return <p className="bt-sms-stats">SMS · up to 160 characters per segment</p>;
  return (
    <div className="bt-stack bt-stack--tight">
      <p className="bt-sms-stats" data-testid="answer-sms-stats">
        <span className={cx('bt-sms-stats__encoding', preview.encoding === 'UCS-2' && 'bt-sms-stats__encoding--ucs2')}>
          {preview.encoding === 'UCS-2' ? 'Unicode' : 'GSM-7'}
        </span>
        <span>
          {preview.segments} {preview.segments === 1 ? 'segment' : 'segments'}
        </span>
        <span>{preview.unitsLeftInSegment} left</span>
        {preview.estimatedCost !== null && channel ? (
          <span title="Segments × the channel's price per segment">
            ≈ {formatCost(preview.estimatedCost)} per reply from {channel.name}
          </span>
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
  missing,
  channels,
  channel,
  onChannel,
}: {
  text: string;
  missing: string[];
  channels: readonly ChannelView[];
  channel: ChannelView | undefined;
  onChannel: (channelId: string) => void;
}) {
  return (
    <Panel title="Preview" description="With sample values: a customer called Iryna Bondar, and you as the agent.">
      <div className="bt-stack">
        {channels.length > 1 ? (
          <SelectField label="Sent from" value={channel?.id ?? ''} onChange={onChannel} options={channels.map((option) => ({ value: option.id, label: option.name }))} />
        ) : null}
        <div className="bt-phone">
          <span className="bt-phone__sender">{channel?.name ?? 'Your channel'}</span>
          {text.trim() ? <p className="bt-phone__bubble" data-testid="answer-preview">{text}</p> : <p className="bt-phone__empty">The answer appears here as you type it.</p>}
        </div>
        {missing.length > 0 ? (
          <p className="bt-field__hint">
            {missing.map((name) => `{{${name}}}`).join(', ')} {missing.length === 1 ? 'has' : 'have'} no value here and {missing.length === 1 ? 'is' : 'are'} left out, as in a real reply.
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
  const [shortcodeTouched, setShortcodeTouched] = useState(!!answer);
  const server = toFormErrors(mutation.error, FAQ_FORM_FIELDS);
  const error = (field: FaqFormField) => errors[field] ?? server.fields[field];

  const scopedChannels = useMemo(() => channels.filter((channel) => !values.teamId || channel.teamId === values.teamId), [channels, values.teamId]);
  const [previewChannelId, setPreviewChannelId] = useState<string | null>(null);
  const previewChannel = scopedChannels.find((channel) => channel.id === previewChannelId) ?? scopedChannels[0];
  const samples = useMemo(() => sampleValues(me.name, previewChannel), [me.name, previewChannel]);
  const risk = useMemo(() => segmentRisk(values.body, samples, previewChannel), [values.body, samples, previewChannel]);
  const filled = useMemo(() => renderTemplate(values.body, samples), [values.body, samples]);

  const body = useRef<HTMLTextAreaElement>(null);
  const caretAfterInsert = useRef<number | null>(null);
  useLayoutEffect(() => {
    const element = body.current;
    if (!element || caretAfterInsert.current === null) return;
    element.focus();
    element.setSelectionRange(caretAfterInsert.current, caretAfterInsert.current);
    caretAfterInsert.current = null;
  }, [values.body]);

  const insertVariable = (name: string) => {
    const element = body.current;
    const token = `{{${name}}}`;
    const start = element?.selectionStart ?? values.body.length;
    const end = element?.selectionEnd ?? values.body.length;
    caretAfterInsert.current = start + token.length;
    setField('body', `${values.body.slice(0, start)}${token}${values.body.slice(end)}`);
  };

  const changes = answer ? toUpdateFaqRequest(answer, values) : null;
  const dirty = answer ? Object.keys(changes ?? {}).length > 0 : true;
  const scopeOptions = [...(isAdmin ? [{ value: '', label: 'Every team' }] : []), ...teams.map((team) => ({ value: team.id, label: team.name }))];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.submitWith((current) => validateFaqForm(current, attributeKeys), (valid) => {
      if (!answer) {
        create.mutate(toCreateFaqRequest(valid), {
          onSuccess: (created) => {
            toastShown('success', `“${created.title}” saved.`);
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
            toastShown('success', `“${saved.title}” saved.`);
          },
        },
      );
    });
  };

  return (
    <form className="bt-editor" onSubmit={submit} noValidate aria-label={answer ? `Edit ${answer.title}` : 'New answer'}>
      <div className="bt-editor__main">
        <Panel title="Answer" description="What the customer gets, and how agents find it.">
          <div className="bt-form">
            <div className="bt-form__row bt-form__row--wide-first">
              <TextField
                label="Title"
                autoComplete="off"
                placeholder="Where is my order"
                value={values.title}
                onChange={(event) => {
                  setField('title', event.target.value);
                  if (!shortcodeTouched) setField('shortcode', suggestShortcode(event.target.value));
                }}
                error={error('title')}
              />
              <FieldShell label="Shortcode" error={error('shortcode')} hint="Typed after / in the reply box.">
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
                      placeholder="order-status"
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
            <FieldShell label="Answer text" error={error('body')}>
              {(control) => (
                <div className="bt-stack bt-stack--tight">
                  <textarea
                    {...control}
                    ref={body}
                    className="bt-input bt-input--multiline"
                    rows={5}
                    maxLength={BODY_MAX_LENGTH}
                    placeholder="Hi {{contact.first_name}}, your order is on its way. Track it at …"
                    value={values.body}
                    onChange={(event) => setField('body', event.target.value)}
                  />
                  <div className="bt-variables" role="group" aria-label="Insert a variable">
                    <span className="bt-variables__label">Insert</span>
                    {[...CANNED_ANSWER_VARIABLES, ...attributeVariables(attributeKeys)].map((name) => (
                      <button key={name} type="button" className="bt-variables__chip" onClick={() => insertVariable(name)}>
                        {`{{${name}}}`}
                      </button>
                    ))}
                  </div>
                  <SmsStats risk={risk} channel={previewChannel} />
                </div>
              )}
            </FieldShell>
            <div className="bt-form__row bt-form__row--pairs">
              <SelectField label="Language" value={values.language} onChange={(language) => setField('language', language)} options={LANGUAGE_OPTIONS} error={error('language')} />
              <SelectField
                label="Available to"
                value={values.teamId}
                onChange={(teamId) => setField('teamId', teamId)}
                options={scopeOptions}
                error={error('teamId')}
                hint={values.teamId ? 'Only this team’s agents and rules use it.' : 'Every team’s agents and rules can use it.'}
              />
            </div>
            <TextField
              label="Tags"
              autoComplete="off"
              placeholder="orders, delivery"
              value={values.tags}
              onChange={(event) => setField('tags', event.target.value)}
              error={error('tags')}
              hint="Optional, comma-separated, for finding answers."
            />
          </div>
        </Panel>

        <Panel title="FAQ matching" description="The questions this answer answers. The matcher compares each customer message with them, in any wording or language.">
          <div className="bt-form">
            <ExamplesEditor examples={values.examples} onChange={(examples) => setField('examples', examples)} error={error('examples')} />
            <KeywordsField keywords={values.keywords} onChange={(keywords) => setField('keywords', keywords)} />
            <div>
              <Checkbox
                label="May auto-reply"
                description="Rules with an “FAQ matches” condition may send this answer on their own when they are confident enough. Off: only agents send it."
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
              Discard
            </Button>
          ) : (
            <Link to="/settings/faqs" className={buttonClassName()}>
              Cancel
            </Link>
          )}
          <Button type="submit" variant="primary" pending={mutation.isPending} disabled={!dirty}>
            {answer ? 'Save changes' : 'Save answer'}
          </Button>
        </FormFooter>
      </div>

      <aside className="bt-editor__aside" aria-label="Preview and suggestions">
        <AnswerPreview text={filled.body} missing={filled.missing} channels={scopedChannels} channel={previewChannel} onChannel={setPreviewChannelId} />
        {answer ? <SuggestionsPanel answer={answer} examples={values.examples} onAdded={(text) => setField('examples', [...values.examples, text])} /> : null}
      </aside>
    </form>
  );
}

/** Settings → FAQs & canned answers → one answer (or a new one). */
export function FaqEditorPage() {
  const { answerId } = useParams();
  const answers = useCannedAnswers();
  // A new answer starts in a team the user may write for, so the teams come first.
  const teams = useTeams();
  const answer = answerId ? answers.data?.find((candidate) => candidate.id === answerId) : undefined;
  const title = answerId ? (answer?.title ?? 'Answer') : 'New answer';
  return (
    <>
      <nav className="bt-breadcrumb" aria-label="Breadcrumb">
        <Link to="/settings/faqs">FAQs & canned answers</Link>
        <Icon name="chevron" size={12} />
        <span aria-current="page">{title}</span>
      </nav>
      <PageHeader title={title} description={answer ? <span className="bt-shortcode">/{answer.shortcode}</span> : 'A standard answer; with examples it is also an FAQ.'} />
      {answerId ? (
        <QueryState what="the answer" isPending={answers.isPending} error={answers.error} onRetry={() => void answers.refetch()}>
          {answer ? (
            <FaqEditor key={answer.id} answer={answer} />
          ) : (
            <EmptyState compact icon="search" title="This answer no longer exists">
              Someone may have deleted it. <Link to="/settings/faqs">Back to all answers</Link>
            </EmptyState>
          )}
        </QueryState>
      ) : (
        <QueryState what="teams" isPending={teams.isPending} error={teams.error} onRetry={() => void teams.refetch()}>
          <FaqEditor answer={null} />
        </QueryState>
      )}
    </>
  );
}
