import { ConversationStatus, MessageKind, type ConsentEventView, type ContactDetailView, type ContactNoteView, type ConversationView } from '@backtalk/contracts';
import { DEFAULT_FILTER, describeError, filterToSearchParams, useChannels, useContact, useContactAttributes, useSaveContact, useTeams, useToastActions, useUsers } from '@backtalk/console/data-access';
import { Badge, Banner, Button, buttonClassName, ContactAttributeFields, EmptyState, formatDateTime, formatShortAgo, Icon, LoadingState, PageHeader, TextAreaField, useNow, type BadgeTone } from '@backtalk/console/ui';
import { ContactAnswerLanguage } from '@backtalk/console/feature-inbox';
import { Trans, useTranslation } from '@backtalk/console/i18n';
import { useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { DownloadContactDataButton, EraseContactDialog, useCanErase } from './ContactDataRights';
import { BlockPanel, MergeContactDialog, MergeHistory, useCanMerge } from './ContactModeration';
import { contactTitle, displayPhone } from './phone';
import { StartConversationDialog } from './StartConversationDialog';

const STATUS_TONE: Record<ConversationStatus, BadgeTone> = {
  [ConversationStatus.Open]: 'accent',
  [ConversationStatus.Pending]: 'warning',
  [ConversationStatus.Snoozed]: 'neutral',
  [ConversationStatus.Resolved]: 'success',
};

/** Who wrote the preview line: the thread says who exactly; here it is enough to tell customer, people and machines apart. */
const AUTHOR: Record<MessageKind, 'customer' | 'agent' | 'automatic' | 'notification' | 'note' | 'survey'> = {
  [MessageKind.Customer]: 'customer',
  [MessageKind.Agent]: 'agent',
  [MessageKind.KeywordReply]: 'automatic',
  [MessageKind.Notification]: 'notification',
  [MessageKind.AutoReply]: 'automatic',
  [MessageKind.Note]: 'note',
  [MessageKind.Survey]: 'survey',
};

function useNames<T extends { id: string; name: string }>(items: readonly T[] | undefined): Map<string, string> {
  return useMemo(() => new Map((items ?? []).map((item) => [item.id, item.name])), [items]);
}

/** Where a conversation opens: the inbox's every-status view, so a resolved one shows too. */
function inboxLink(conversation: ConversationView) {
  return { pathname: `/inbox/${conversation.id}`, search: filterToSearchParams({ ...DEFAULT_FILTER, view: 'all', status: conversation.status }).toString() };
}

/** A record's name, marked as data; `otherwise` (interface text) when the console cannot name it. */
function DataOr({ name, otherwise }: { name: string | undefined; otherwise: string }) {
  return name === undefined ? otherwise : <span translate="no">{name}</span>;
}

function Conversations({ contact, channels, teams }: { contact: ContactDetailView; channels: Map<string, string>; teams: Map<string, string> }) {
  const { t } = useTranslation('contacts');
  const now = useNow();
  return (
    <section className="bt-panel bt-contact-page__conversations" aria-labelledby="contact-conversations">
      <header className="bt-panel__header">
        <h2 id="contact-conversations" className="bt-panel__title">
          {t('conversations.title')}
        </h2>
        <p className="bt-panel__description">{t('conversations.description')}</p>
      </header>
      {contact.conversations.length === 0 ? (
        <p className="bt-contact-page__quiet">{t('conversations.none')}</p>
      ) : (
        <ul className="bt-contact-conversations">
          {contact.conversations.map((conversation) => {
            const status = { label: t(`status.${conversation.status}`), tone: STATUS_TONE[conversation.status] };
            const last = conversation.lastMessage;
            return (
              <li key={conversation.id}>
                <Link className="bt-contact-conversation" to={inboxLink(conversation)} aria-label={t('conversations.label', {
                    status: status.label,
                    channel: channels.get(conversation.channelId) ?? t('conversations.someChannel'),
                    when: formatDateTime(conversation.lastMessageAt),
                  })}>
                  <span className="bt-contact-conversation__top">
                    <Badge tone={status.tone}>{status.label}</Badge>
                    <span className="bt-contact-conversation__where">
                      <DataOr name={channels.get(conversation.channelId)} otherwise={t('conversations.channel')} /> · <DataOr name={teams.get(conversation.teamId)} otherwise={t('conversations.team')} />
                    </span>
                    <time className="bt-contact-conversation__when" dateTime={conversation.lastMessageAt} title={formatDateTime(conversation.lastMessageAt)}>
                      {formatShortAgo(conversation.lastMessageAt, now)}
                    </time>
                  </span>
                  <span className="bt-contact-conversation__preview">
                    {last ? (
                      <>
                        <span className="bt-contact-conversation__who">{t('conversations.author', { author: t(`author.${AUTHOR[last.kind]}`) })}</span>
                        {last.removed?.body ? (
                          <span className="bt-contact-conversation__removed">{t(last.removed.by === 'erasure' ? 'conversations.contentErased' : 'conversations.contentExpired')}</span>
                        ) : (
                          <span translate="no">{last.body}</span>
                        )}
                      </>
                    ) : (
                      t('conversations.noMessages')
                    )}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function ConsentEventSource({ event, people }: { event: ConsentEventView; people: Map<string, string> }) {
  const { t } = useTranslation('contacts');
  if (event.source === 'keyword') return event.keyword ? t('consent.textedKeyword', { keyword: event.keyword }) : t('consent.textedSomeKeyword');
  if (event.source === 'agent') {
    const name = (event.actorUserId && people.get(event.actorUserId)) || undefined;
    return <Trans t={t} i18nKey="consent.byPerson" values={{ name: name ?? t('consent.anAgent') }} components={{ name: <span translate={name === undefined ? undefined : 'no'} /> }} />;
  }
  return t('consent.via', { source: event.source });
}

function Consent({ contact, channels }: { contact: ContactDetailView; channels: Map<string, string> }) {
  const { t } = useTranslation('contacts');
  const { data: users } = useUsers();
  const people = useNames(users);
  return (
    <section className="bt-panel" aria-labelledby="contact-consent">
      <header className="bt-panel__header">
        <h2 id="contact-consent" className="bt-panel__title">
          {t('consent.title')}
        </h2>
      </header>
      <div className="bt-panel__body">
        {contact.consent.length === 0 ? (
          <p className="bt-contact-page__quiet">
            <Icon name="circle-check" size={14} /> {t('consent.everywhere')}
          </p>
        ) : (
          <ul className="bt-contact-consent">
            {contact.consent.map((consent) => (
              <li key={consent.channelId} className={consent.optedOut ? 'bt-contact-consent__out' : 'bt-contact-consent__in'}>
                <Icon name={consent.optedOut ? 'block' : 'circle-check'} size={14} />
                <span>
                  <strong translate="no">{consent.channelName}</strong>: {consent.optedOut ? t('consent.optedOutLine') : t('consent.canReceiveLine')}
                  <span className="bt-contact-page__when">{t('consent.since', { when: formatDateTime(consent.updatedAt) })}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
        {contact.consentHistory.length > 0 ? (
          <>
            <h3 className="bt-contact-page__subheading">{t('consent.history')}</h3>
            <ul className="bt-contact-consent-history" aria-label={t('consent.historyLabel')}>
              {contact.consentHistory.map((event, index) => (
                <li key={`${event.createdAt}-${index}`}>
                  <strong>{event.action === 'opt_out' ? t('consent.optedOutEvent') : t('consent.optedInEvent')}</strong> · <ConsentEventSource event={event} people={people} /> · <DataOr name={channels.get(event.channelId)} otherwise={t('consent.someChannel')} />
                  <span className="bt-contact-page__when">{formatDateTime(event.createdAt)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </section>
  );
}

function TeamNote({ contactId, note }: { contactId: string; note: ContactNoteView }) {
  const { t } = useTranslation('contacts');
  const [body, setBody] = useState(note.body);
  const save = useSaveContact();
  const { toastShown } = useToastActions();
  const changed = body.trim() !== note.body;
  return (
    <form
      className="bt-form bt-contact-note"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ contactId, changes: { notes: body, teamId: note.teamId } }, { onSuccess: () => toastShown('success', t('notes.saved', { team: note.teamName })) });
      }}
    >
      <TextAreaField
        label={t('notes.label', { team: note.teamName })}
        rows={3}
        maxLength={4000}
        value={body}
        placeholder={t('notes.placeholder')}
        onChange={(event) => setBody(event.target.value)}
        hint={note.updatedAt ? t('notes.hintSaved', { team: note.teamName, when: formatDateTime(note.updatedAt) }) : t('notes.hint', { team: note.teamName })}
        error={save.error ? describeError(save.error) : null}
      />
      <div className="bt-contact-note__actions">
        <Button size="sm" type="submit" variant="primary" pending={save.isPending} disabled={!changed}>
          {t('notes.save')}
        </Button>
      </div>
    </form>
  );
}

function Notes({ contact }: { contact: ContactDetailView }) {
  const { t } = useTranslation('contacts');
  return (
    <section className="bt-panel" aria-labelledby="contact-notes">
      <header className="bt-panel__header">
        <h2 id="contact-notes" className="bt-panel__title">
          {t('notes.title')}
        </h2>
        <p className="bt-panel__description">{t('notes.description')}</p>
      </header>
      <div className="bt-panel__body">
        {contact.notes.length === 0 ? (
          <p className="bt-contact-page__quiet">{t('notes.none')}</p>
        ) : (
          contact.notes.map((note) => <TeamNote key={`${note.teamId}-${note.updatedAt ?? ''}`} contactId={contact.id} note={note} />)
        )}
      </div>
    </section>
  );
}

/** The custom attributes admins defined, shared by every team, each saved as it is changed. */
function Attributes({ contact }: { contact: ContactDetailView }) {
  const { t } = useTranslation('contacts');
  const { data: attributes } = useContactAttributes();
  const save = useSaveContact();
  if (!attributes || attributes.length === 0) return null;
  return (
    <section className="bt-panel" aria-labelledby="contact-attributes">
      <header className="bt-panel__header">
        <h2 id="contact-attributes" className="bt-panel__title">
          {t('details.title')}
        </h2>
        <p className="bt-panel__description">{t('details.description')}</p>
      </header>
      <div className="bt-panel__body">
        <ContactAttributeFields
          attributes={attributes}
          values={contact.attributes}
          onSave={(key, value) => save.mutateAsync({ contactId: contact.id, changes: { attributes: { [key]: value } } }).catch((error: unknown) => Promise.reject(new Error(describeError(error))))}
        />
      </div>
    </section>
  );
}

/** One customer: who they are, whether they may be texted, each team's notes, and every conversation with them. */
export function ContactPage() {
  const { t } = useTranslation('contacts');
  const { contactId = '' } = useParams();
  const { data: contact, error, isPending, refetch } = useContact(contactId);
  const { data: channelList } = useChannels();
  const { data: teamList } = useTeams();
  const channels = useNames(channelList);
  const teams = useNames(teamList);
  const navigate = useNavigate();
  const location = useLocation();
  const [starting, setStarting] = useState(false);
  const [merging, setMerging] = useState(false);
  const [erasing, setErasing] = useState(false);
  const canMerge = useCanMerge();
  const canErase = useCanErase();
  const back = { pathname: '/contacts', search: (location.state as { from?: string } | null)?.from ?? '' };

  if (isPending) return <LoadingState label={t('contact.loading')} />;
  if (!contact) {
    return (
      <EmptyState
        icon="contacts"
        headingLevel={1}
        title={t('contact.notFoundTitle')}
        action={
          <Link to={back} className={buttonClassName({ variant: 'primary' })}>
            {t('contact.allContacts')}
          </Link>
        }
      >
        <p>{error && 'status' in error && error.status === 404 ? t('contact.notFoundBody') : describeError(error)}</p>
        {error && !('status' in error && error.status === 404) ? (
          <Button size="sm" onClick={() => void refetch()}>
            {t('contact.retry')}
          </Button>
        ) : null}
      </EmptyState>
    );
  }

  const erased = Boolean(contact.erasedAt);
  const optedOutEverywhere = contact.consent.length > 0 && contact.consent.every((consent) => consent.optedOut) && (channelList ?? []).every((channel) => contact.consent.some((c) => c.channelId === channel.id && c.optedOut));
  return (
    <div className="bt-contact-page">
      <Link to={back} className="bt-contact-page__back">
        <Icon name="chevron" size={12} className="bt-contact-page__back-icon" /> {t('contact.allContacts')}
      </Link>
      <PageHeader
        title={erased ? t('rights.erasedName') : contactTitle(contact)}
        titleIsData={!erased}
        description={
          <span className="bt-contact-page__identity">
            {contact.name.trim() ? <span className="bt-mono">{displayPhone(contact.phone)}</span> : null}
            {contact.lastContactAt ? <span>{t('contact.lastContact', { when: formatDateTime(contact.lastContactAt) })}</span> : null}
          </span>
        }
        actions={
          <>
            <DownloadContactDataButton contact={contact} />
            {canErase && !erased ? (
              <Button variant="danger" icon="trash" onClick={() => setErasing(true)}>
                {t('rights.erase')}
              </Button>
            ) : null}
            {canMerge && !erased ? <Button onClick={() => setMerging(true)}>{t('contact.merge')}</Button> : null}
            {erased ? null : (
              <Button variant="primary" icon="message" onClick={() => setStarting(true)} disabled={optedOutEverywhere} title={optedOutEverywhere ? t('contact.optedOutEverywhereTitle') : undefined}>
                {t('contact.newConversation')}
              </Button>
            )}
          </>
        }
      />
      {contact.erasedAt ? (
        <Banner tone="info" title={t('rights.erasedBanner', { when: formatDateTime(contact.erasedAt) })}>
          {t('rights.erasedBannerBody')}
        </Banner>
      ) : null}
      <MergeHistory contact={contact} />
      {contact.blocks.length > 0 ? (
        <Banner tone="warning" title={t('contact.blockedIn', { teams: contact.blocks.map((block) => block.teamName).join(', ') })}>
          {t('contact.blockedBody')}
        </Banner>
      ) : null}
      {optedOutEverywhere ? (
        <Banner tone="warning" title={t('contact.optedOut')}>
          {t('contact.optedOutBody')}
        </Banner>
      ) : null}
      <div className="bt-contact-page__grid">
        <Conversations contact={contact} channels={channels} teams={teams} />
        <div className="bt-contact-page__side">
          {erased ? (
            <Consent contact={contact} channels={channels} />
          ) : (
            <>
              <section className="bt-panel">
                <div className="bt-panel__body">
                  <ContactAnswerLanguage contactId={contact.id} detected={contact.conversations.find((conversation) => conversation.language)?.language ?? null} />
                </div>
              </section>
              <Attributes contact={contact} />
              <Consent contact={contact} channels={channels} />
              <Notes contact={contact} />
              <BlockPanel contact={contact} />
            </>
          )}
        </div>
      </div>
      <MergeContactDialog open={merging} contact={contact} onClose={() => setMerging(false)} />
      {canErase && !erased ? <EraseContactDialog open={erasing} contact={contact} onClose={() => setErasing(false)} /> : null}
      <StartConversationDialog open={starting} contact={contact} onClose={() => setStarting(false)} onStarted={(id) => navigate(`/inbox/${id}`)} />
    </div>
  );
}
