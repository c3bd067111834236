import type { ConsentEventView, ConversationView } from '@backtalk/contracts';
import {
  describeError,
  filterToSearchParams,
  useChannel,
  useConsentHistory,
  useContact,
  useContactAttributes,
  useContactConversations,
  useSaveContact,
  useToastActions,
  useUpdateContact,
  DEFAULT_FILTER,
} from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Avatar, Badge, Button, ContactAttributeFields, copyText, formatDateTime, formatDuration, Icon, Spinner, TextAreaField, TextField, useNow } from '@backtalk/console/ui';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { AssignMenu } from '../actions/ConversationActions';
import { useChannelMap, usePeople, useTeamMap } from '../directory';
import { usePhoneFormat } from '../phone';
import { ContactAnswerLanguage } from '../answer-language/AnswerLanguage';
import { ContactBlock } from './ContactBlock';

function ContactEditor({ conversation, onDone }: { conversation: ConversationView; onDone: () => void }) {
  const [name, setName] = useState(conversation.contact.name);
  const [notes, setNotes] = useState(conversation.contact.notes);
  const update = useUpdateContact();
  const { toastShown } = useToastActions();
  const { t } = useTranslation('inbox');
  return (
    <form
      className="bt-form bt-contact__editor"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate(
          { contactId: conversation.contact.id, changes: { name: name.trim(), notes, teamId: conversation.teamId } },
          {
            onSuccess: () => {
              toastShown('success', t('thread.contact.saved'));
              onDone();
            },
          },
        );
      }}
    >
      <TextField label={t('thread.contact.name')} value={name} maxLength={120} autoFocus onChange={(event) => setName(event.target.value)} placeholder={t('thread.contact.namePlaceholder')} />
      <TextAreaField
        label={t('thread.contact.notes')}
        value={notes}
        rows={4}
        maxLength={4000}
        onChange={(event) => setNotes(event.target.value)}
        hint={t('thread.contact.notesHint')}
        error={update.error ? describeError(update.error) : null}
      />
      <div className="bt-contact__editor-actions">
        <Button size="sm" onClick={onDone}>
          {t('thread.contact.cancel')}
        </Button>
        <Button size="sm" type="submit" variant="primary" pending={update.isPending}>
          {t('thread.contact.save')}
        </Button>
      </div>
    </form>
  );
}

function ConsentEvent({ event, channelName, actorName }: { event: ConsentEventView; channelName: string | null; actorName: string | null }) {
  const { t } = useTranslation('inbox');
  const how =
    event.source === 'keyword'
      ? event.keyword
        ? t('thread.contact.textedKeyword', { keyword: event.keyword })
        : t('thread.contact.textedAKeyword')
      : event.source === 'agent'
        ? actorName
          ? t('thread.contact.byAgent', { name: actorName })
          : t('thread.contact.byAnAgent')
        : t('thread.contact.via', { source: event.source });
  return (
    <li className="bt-consent__event">
      <Icon name={event.action === 'opt_out' ? 'block' : 'check'} size={12} className={event.action === 'opt_out' ? 'bt-consent__out' : 'bt-consent__in'} />
      <span>
        <strong>{event.action === 'opt_out' ? t('thread.contact.optedOut') : t('thread.contact.optedIn')}</strong> · {how}
        {channelName ? ` · ${channelName}` : ''}
        <span className="bt-consent__when">{formatDateTime(event.createdAt)}</span>
      </span>
    </li>
  );
}

function Consent({ conversation }: { conversation: ConversationView }) {
  const { data: history, isPending } = useConsentHistory(conversation.id);
  const channels = useChannelMap();
  const people = usePeople();
  const { t } = useTranslation('inbox');
  return (
    <section className="bt-contact__section" aria-labelledby="consent-heading">
      <h3 id="consent-heading" className="bt-contact__heading">
        {t('thread.contact.consent')}
      </h3>
      {conversation.optedOut ? (
        <p className="bt-consent__state bt-consent__state--out">
          <Icon name="block" size={14} /> {t('thread.contact.optedOutState')}
        </p>
      ) : (
        <p className="bt-consent__state bt-consent__state--in">
          <Icon name="circle-check" size={14} /> {t('thread.contact.canReceive')}
        </p>
      )}
      {isPending ? (
        <Spinner size="sm" />
      ) : history && history.length > 0 ? (
        <ul className="bt-consent__history" aria-label={t('thread.contact.consentHistory')}>
          {history.map((event, index) => (
            <ConsentEvent
              key={`${event.createdAt}-${index}`}
              event={event}
              channelName={event.channelId !== conversation.channelId ? (channels.get(event.channelId)?.name ?? t('thread.contact.anotherChannel')) : null}
              actorName={event.actorUserId ? (people.get(event.actorUserId)?.name ?? null) : null}
            />
          ))}
        </ul>
      ) : (
        <p className="bt-contact__quiet">{t('thread.contact.noConsentEvents')}</p>
      )}
    </section>
  );
}

/** The contact's custom attributes, edited in place; shared with every team, like the name. */
function Attributes({ conversation }: { conversation: ConversationView }) {
  const { data: attributes } = useContactAttributes();
  const hasAttributes = (attributes?.length ?? 0) > 0;
  const { data: contact, isPending } = useContact(conversation.contact.id, { enabled: hasAttributes });
  const save = useSaveContact();
  const { t } = useTranslation('inbox');
  if (!attributes || !hasAttributes) return null;
  return (
    <section className="bt-contact__section" aria-labelledby="attributes-heading">
      <h3 id="attributes-heading" className="bt-contact__heading">
        {t('thread.contact.details')}
      </h3>
      {isPending || !contact ? (
        <Spinner size="sm" />
      ) : (
        <ContactAttributeFields
          attributes={attributes}
          values={contact.attributes}
          onSave={(key, value) => save.mutateAsync({ contactId: contact.id, changes: { attributes: { [key]: value } } }).catch((error: unknown) => Promise.reject(new Error(describeError(error))))}
        />
      )}
    </section>
  );
}

function History({ conversation }: { conversation: ConversationView }) {
  const { data, isPending } = useContactConversations(conversation.contact.phone);
  const channels = useChannelMap();
  const others = (data ?? []).filter((item) => item.id !== conversation.id);
  const { t } = useTranslation('inbox');
  return (
    <section className="bt-contact__section" aria-labelledby="history-heading">
      <h3 id="history-heading" className="bt-contact__heading">
        {t('thread.contact.otherConversations')}
      </h3>
      {isPending ? (
        <Spinner size="sm" />
      ) : others.length === 0 ? (
        <p className="bt-contact__quiet">{t('thread.contact.firstConversation')}</p>
      ) : (
        <ul className="bt-contact__history">
          {others.map((item) => (
            <li key={item.id}>
              <Link to={{ pathname: `/inbox/${item.id}`, search: filterToSearchParams({ ...DEFAULT_FILTER, view: 'all', status: item.status }).toString() }}>
                <span className="bt-contact__history-title">
                  {channels.get(item.channelId)?.name ?? t('thread.contact.channel')} · {t(`thread.contact.historyStatus.${item.status}`)}
                </span>
                <span className="bt-contact__history-when">{formatDateTime(item.lastMessageAt)}</span>
                {item.lastMessage ? <span translate="no" className="bt-contact__history-text">{item.lastMessage.body}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The right pane: who the customer is, whose conversation it is, and whether we may text them. */
/**
 * Phones and tablets show the contact as a screen or drawer of its own: its way back returns to the conversation.
 * Opened from the conversation, it steps back in history, so the browser's or Android's back does the same thing and
 * the history does not fill up with alternating screens.
 */
function ContactScreenHeader({ conversationId }: { conversationId: string }) {
  const location = useLocation();
  const navigate = useNavigate();
  const { t } = useTranslation('inbox');
  const openedFromConversation = (location.state as { fromConversation?: boolean } | null)?.fromConversation === true;
  return (
    <div className="bt-contact__screen-header">
      <Link
        className="bt-contact__back"
        to={{ pathname: `/inbox/${conversationId}`, search: location.search }}
        replace
        onClick={(event) => {
          if (!openedFromConversation) return;
          event.preventDefault();
          navigate(-1);
        }}
      >
        <Icon name="chevron" size={16} />
        <span>{t('thread.conversation.contactBack')}</span>
      </Link>
    </div>
  );
}

export function ContactPanel({ conversation }: { conversation: ConversationView }) {
  const [editing, setEditing] = useState(false);
  const { toastShown } = useToastActions();
  const teams = useTeamMap();
  const now = useNow();
  const { contact } = conversation;
  const phone = usePhoneFormat()(contact.phone);
  const channel = useChannel(conversation.channelId);
  const { t } = useTranslation('inbox');

  return (
    <aside className="bt-contact" aria-label={t('thread.contact.panel')}>
      <ContactScreenHeader conversationId={conversation.id} />
      <section className="bt-contact__card">
        <div className="bt-contact__identity">
          <Avatar name={contact.name.trim() || '#'} />
          {contact.erasedAt ? (
            <div className="bt-contact__names">
              <p className="bt-contact__name">{t('thread.contact.erased')}</p>
              <p className="bt-contact__erased">{t('thread.contact.erasedNote')}</p>
            </div>
          ) : (
          <div className="bt-contact__names">
            {contact.name.trim() ? <p translate="no" className="bt-contact__name">{contact.name}</p> : null}
            <button
              type="button"
              className="bt-contact__phone"
              title={t('thread.contact.copyNumber')}
              onClick={() => void copyText(contact.phone).then((ok) => toastShown(ok ? 'success' : 'danger', ok ? t('thread.contact.numberCopied') : t('thread.contact.copyBlocked')))}
            >
              <span className={contact.name.trim() ? 'bt-mono' : 'bt-contact__name'}>{phone}</span>
              <Icon name="copy" size={12} />
            </button>
          </div>
          )}
          {!editing && !contact.erasedAt ? <Button size="sm" variant="ghost" icon="edit" aria-label={t('thread.contact.edit')} title={t('thread.contact.editTitle')} onClick={() => setEditing(true)} /> : null}
        </div>
        {editing ? (
          <ContactEditor key={contact.id} conversation={conversation} onDone={() => setEditing(false)} />
        ) : contact.notes ? (
          <p className="bt-contact__notes">{contact.notes}</p>
        ) : contact.erasedAt ? null : (
          <button type="button" className="bt-contact__add-notes" onClick={() => setEditing(true)}>
            {t('thread.contact.addNotes')}
          </button>
        )}
      </section>

      <section className="bt-contact__section" aria-labelledby="details-heading">
        <h3 id="details-heading" className="bt-contact__heading">
          {t('thread.contact.conversation')}
        </h3>
        <dl className="bt-contact__details">
          <dt>{t('thread.contact.assignee')}</dt>
          <dd>
            <AssignMenu conversation={conversation} variant="ghost" />
          </dd>
          <dt>{t('thread.contact.team')}</dt>
          <dd translate={teams.has(conversation.teamId) ? 'no' : undefined}>{teams.get(conversation.teamId)?.name ?? '—'}</dd>
          <dt>{t('thread.contact.channel')}</dt>
          <dd translate={channel ? 'no' : undefined}>{channel ? channel.name : '—'}</dd>
          {conversation.waitingSince ? (
            <>
              <dt>{t('thread.contact.waiting')}</dt>
              <dd>
                <Badge tone={now - Date.parse(conversation.waitingSince) > 3_600_000 ? 'warning' : 'neutral'}>
                  {now - Date.parse(conversation.waitingSince) < 60_000 ? t('thread.contact.lessThanMinute') : formatDuration(now - Date.parse(conversation.waitingSince))}
                </Badge>
              </dd>
            </>
          ) : null}
          <dt>{t('thread.contact.started')}</dt>
          <dd>{formatDateTime(conversation.createdAt)}</dd>
        </dl>
      </section>

      {/* Nothing about an erased customer can be written any more, and their other conversations are not theirs to find. */}
      {contact.erasedAt ? null : (
        <section className="bt-contact__section" aria-label={t('thread.contact.answerLanguage')}>
          <ContactAnswerLanguage contactId={contact.id} detected={conversation.language} />
        </section>
      )}
      {contact.erasedAt ? null : <Attributes conversation={conversation} />}
      {/* No number left: nothing to consent to or block. A new contact for the number inherits an opt-out by its hash. */}
      {contact.erasedAt ? null : <Consent conversation={conversation} />}
      {contact.erasedAt ? null : <ContactBlock conversation={conversation} />}
      {contact.erasedAt ? null : <History conversation={conversation} />}
    </aside>
  );
}
