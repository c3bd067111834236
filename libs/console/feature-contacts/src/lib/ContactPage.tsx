import { ConversationStatus, MessageKind, type ConsentEventView, type ContactDetailView, type ContactNoteView, type ConversationView } from '@backtalk/contracts';
import { DEFAULT_FILTER, describeError, filterToSearchParams, useChannels, useContact, useContactAttributes, useSaveContact, useTeams, useToastActions, useUsers } from '@backtalk/console/data-access';
import { Badge, Banner, Button, buttonClassName, ContactAttributeFields, EmptyState, formatDateTime, formatShortAgo, Icon, LoadingState, PageHeader, TextAreaField, useNow, type BadgeTone } from '@backtalk/console/ui';
import { useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { BlockPanel, MergeContactDialog, MergeHistory, useCanMerge } from './ContactModeration';
import { contactTitle, displayPhone } from './phone';
import { StartConversationDialog } from './StartConversationDialog';

const STATUS: Record<ConversationStatus, { label: string; tone: BadgeTone }> = {
  [ConversationStatus.Open]: { label: 'Open', tone: 'accent' },
  [ConversationStatus.Pending]: { label: 'Pending', tone: 'warning' },
  [ConversationStatus.Snoozed]: { label: 'Snoozed', tone: 'neutral' },
  [ConversationStatus.Resolved]: { label: 'Resolved', tone: 'success' },
};

/** Who wrote the preview line: the thread says who exactly; here it is enough to tell customer, people and machines apart. */
const AUTHOR: Record<MessageKind, string> = {
  [MessageKind.Customer]: 'Customer',
  [MessageKind.Agent]: 'Agent',
  [MessageKind.KeywordReply]: 'Automatic',
  [MessageKind.Notification]: 'Notification',
  [MessageKind.AutoReply]: 'Automatic',
  [MessageKind.Note]: 'Note',
  [MessageKind.Survey]: 'Survey',
};

function useNames<T extends { id: string; name: string }>(items: readonly T[] | undefined): Map<string, string> {
  return useMemo(() => new Map((items ?? []).map((item) => [item.id, item.name])), [items]);
}

/** Where a conversation opens: the inbox's every-status view, so a resolved one shows too. */
function inboxLink(conversation: ConversationView) {
  return { pathname: `/inbox/${conversation.id}`, search: filterToSearchParams({ ...DEFAULT_FILTER, view: 'all', status: conversation.status }).toString() };
}

function Conversations({ contact, channels, teams }: { contact: ContactDetailView; channels: Map<string, string>; teams: Map<string, string> }) {
  const now = useNow();
  return (
    <section className="bt-panel bt-contact-page__conversations" aria-labelledby="contact-conversations">
      <header className="bt-panel__header">
        <h2 id="contact-conversations" className="bt-panel__title">
          Conversations
        </h2>
        <p className="bt-panel__description">Every conversation with this customer on your teams' numbers, newest first.</p>
      </header>
      {contact.conversations.length === 0 ? (
        <p className="bt-contact-page__quiet">No conversation you can open: the ones with this customer belong to other teams.</p>
      ) : (
        <ul className="bt-contact-conversations">
          {contact.conversations.map((conversation) => {
            const status = STATUS[conversation.status];
            const last = conversation.lastMessage;
            return (
              <li key={conversation.id}>
                <Link className="bt-contact-conversation" to={inboxLink(conversation)} aria-label={`${status.label} conversation on ${channels.get(conversation.channelId) ?? 'a channel'}, ${formatDateTime(conversation.lastMessageAt)}`}>
                  <span className="bt-contact-conversation__top">
                    <Badge tone={status.tone}>{status.label}</Badge>
                    <span className="bt-contact-conversation__where">
                      {channels.get(conversation.channelId) ?? 'Channel'} · {teams.get(conversation.teamId) ?? 'Team'}
                    </span>
                    <time className="bt-contact-conversation__when" dateTime={conversation.lastMessageAt} title={formatDateTime(conversation.lastMessageAt)}>
                      {formatShortAgo(conversation.lastMessageAt, now)}
                    </time>
                  </span>
                  <span className="bt-contact-conversation__preview">
                    {last ? (
                      <>
                        <span className="bt-contact-conversation__who">{AUTHOR[last.kind]}: </span>
                        {last.body}
                      </>
                    ) : (
                      'No messages'
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

function describeConsentEvent(event: ConsentEventView, people: Map<string, string>): string {
  if (event.source === 'keyword') return `texted ${event.keyword ?? 'a keyword'}`;
  if (event.source === 'agent') return `by ${event.actorUserId ? (people.get(event.actorUserId) ?? 'an agent') : 'an agent'}`;
  return `via ${event.source}`;
}

function Consent({ contact, channels }: { contact: ContactDetailView; channels: Map<string, string> }) {
  const { data: users } = useUsers();
  const people = useNames(users);
  return (
    <section className="bt-panel" aria-labelledby="contact-consent">
      <header className="bt-panel__header">
        <h2 id="contact-consent" className="bt-panel__title">
          Consent
        </h2>
      </header>
      <div className="bt-panel__body">
        {contact.consent.length === 0 ? (
          <p className="bt-contact-page__quiet">
            <Icon name="circle-check" size={14} /> Can receive texts on every number: no STOP or START recorded.
          </p>
        ) : (
          <ul className="bt-contact-consent">
            {contact.consent.map((consent) => (
              <li key={consent.channelId} className={consent.optedOut ? 'bt-contact-consent__out' : 'bt-contact-consent__in'}>
                <Icon name={consent.optedOut ? 'block' : 'circle-check'} size={14} />
                <span>
                  <strong>{consent.channelName}</strong>: {consent.optedOut ? 'opted out, nothing can be sent from this number' : 'can receive texts'}
                  <span className="bt-contact-page__when"> since {formatDateTime(consent.updatedAt)}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
        {contact.consentHistory.length > 0 ? (
          <>
            <h3 className="bt-contact-page__subheading">History</h3>
            <ul className="bt-contact-consent-history" aria-label="Consent history">
              {contact.consentHistory.map((event, index) => (
                <li key={`${event.createdAt}-${index}`}>
                  <strong>{event.action === 'opt_out' ? 'Opted out' : 'Opted in'}</strong> · {describeConsentEvent(event, people)} · {channels.get(event.channelId) ?? 'a channel'}
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
  const [body, setBody] = useState(note.body);
  const save = useSaveContact();
  const { toastShown } = useToastActions();
  const changed = body.trim() !== note.body;
  return (
    <form
      className="bt-form bt-contact-note"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ contactId, changes: { notes: body, teamId: note.teamId } }, { onSuccess: () => toastShown('success', `${note.teamName}'s notes saved.`) });
      }}
    >
      <TextAreaField
        label={`${note.teamName}'s notes`}
        rows={3}
        maxLength={4000}
        value={body}
        placeholder="e.g. prefers texts in Ukrainian; VIP since 2024"
        onChange={(event) => setBody(event.target.value)}
        hint={`Only ${note.teamName} and admins see these.${note.updatedAt ? ` Last saved ${formatDateTime(note.updatedAt)}.` : ''}`}
        error={save.error ? describeError(save.error) : null}
      />
      <div className="bt-contact-note__actions">
        <Button size="sm" type="submit" variant="primary" pending={save.isPending} disabled={!changed}>
          Save notes
        </Button>
      </div>
    </form>
  );
}

function Notes({ contact }: { contact: ContactDetailView }) {
  return (
    <section className="bt-panel" aria-labelledby="contact-notes">
      <header className="bt-panel__header">
        <h2 id="contact-notes" className="bt-panel__title">
          Notes
        </h2>
        <p className="bt-panel__description">Each team keeps its own notes about a customer.</p>
      </header>
      <div className="bt-panel__body">
        {contact.notes.length === 0 ? (
          <p className="bt-contact-page__quiet">None of your teams has talked with this customer yet, so there is nowhere to keep notes.</p>
        ) : (
          contact.notes.map((note) => <TeamNote key={`${note.teamId}-${note.updatedAt ?? ''}`} contactId={contact.id} note={note} />)
        )}
      </div>
    </section>
  );
}

/** The custom attributes admins defined, shared by every team, each saved as it is changed. */
function Attributes({ contact }: { contact: ContactDetailView }) {
  const { data: attributes } = useContactAttributes();
  const save = useSaveContact();
  if (!attributes || attributes.length === 0) return null;
  return (
    <section className="bt-panel" aria-labelledby="contact-attributes">
      <header className="bt-panel__header">
        <h2 id="contact-attributes" className="bt-panel__title">
          Details
        </h2>
        <p className="bt-panel__description">Every team sees and edits the same details.</p>
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
  const canMerge = useCanMerge();
  const back = { pathname: '/contacts', search: (location.state as { from?: string } | null)?.from ?? '' };

  if (isPending) return <LoadingState label="Loading contact…" />;
  if (!contact) {
    return (
      <EmptyState
        icon="contacts"
        headingLevel={1}
        title="Contact not found"
        action={
          <Link to={back} className={buttonClassName({ variant: 'primary' })}>
            All contacts
          </Link>
        }
      >
        <p>{error && 'status' in error && error.status === 404 ? "This contact doesn't exist, or none of your teams has talked with them." : describeError(error)}</p>
        {error && !('status' in error && error.status === 404) ? (
          <Button size="sm" onClick={() => void refetch()}>
            Retry
          </Button>
        ) : null}
      </EmptyState>
    );
  }

  const optedOutEverywhere = contact.consent.length > 0 && contact.consent.every((consent) => consent.optedOut) && (channelList ?? []).every((channel) => contact.consent.some((c) => c.channelId === channel.id && c.optedOut));
  return (
    <div className="bt-contact-page">
      <Link to={back} className="bt-contact-page__back">
        <Icon name="chevron" size={12} className="bt-contact-page__back-icon" /> All contacts
      </Link>
      <PageHeader
        title={contactTitle(contact)}
        description={
          <span className="bt-contact-page__identity">
            {contact.name.trim() ? <span className="bt-mono">{displayPhone(contact.phone)}</span> : null}
            {contact.lastContactAt ? <span>Last contact {formatDateTime(contact.lastContactAt)}</span> : null}
          </span>
        }
        actions={
          <>
            {canMerge ? <Button onClick={() => setMerging(true)}>Merge…</Button> : null}
            <Button variant="primary" icon="message" onClick={() => setStarting(true)} disabled={optedOutEverywhere} title={optedOutEverywhere ? 'Opted out of every number you can text from' : undefined}>
              New conversation
            </Button>
          </>
        }
      />
      <MergeHistory contact={contact} />
      {contact.blocks.length > 0 ? (
        <Banner tone="warning" title={`Blocked in ${contact.blocks.map((block) => block.teamName).join(', ')}`}>
          New texts from this number are kept here but never reach the queue, an agent or automation there.
        </Banner>
      ) : null}
      {optedOutEverywhere ? (
        <Banner tone="warning" title="Opted out">
          This customer texted STOP to every number of your teams, so nothing can be sent to them until they text START.
        </Banner>
      ) : null}
      <div className="bt-contact-page__grid">
        <Conversations contact={contact} channels={channels} teams={teams} />
        <div className="bt-contact-page__side">
          <Attributes contact={contact} />
          <Consent contact={contact} channels={channels} />
          <Notes contact={contact} />
          <BlockPanel contact={contact} />
        </div>
      </div>
      <MergeContactDialog open={merging} contact={contact} onClose={() => setMerging(false)} />
      <StartConversationDialog open={starting} contact={contact} onClose={() => setStarting(false)} onStarted={(id) => navigate(`/inbox/${id}`)} />
    </div>
  );
}
