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
import { Avatar, Badge, Button, ContactAttributeFields, copyText, formatDateTime, formatDuration, Icon, Spinner, TextAreaField, TextField, useNow } from '@backtalk/console/ui';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { AssignMenu } from '../actions/ConversationActions';
import { useChannelMap, usePeople, useTeamMap } from '../directory';
import { usePhoneFormat } from '../phone';
import { ContactBlock } from './ContactBlock';

function ContactEditor({ conversation, onDone }: { conversation: ConversationView; onDone: () => void }) {
  const [name, setName] = useState(conversation.contact.name);
  const [notes, setNotes] = useState(conversation.contact.notes);
  const update = useUpdateContact();
  const { toastShown } = useToastActions();
  return (
    <form
      className="bt-form bt-contact__editor"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate(
          { contactId: conversation.contact.id, changes: { name: name.trim(), notes, teamId: conversation.teamId } },
          {
            onSuccess: () => {
              toastShown('success', 'Contact saved.');
              onDone();
            },
          },
        );
      }}
    >
      <TextField label="Name" value={name} maxLength={120} autoFocus onChange={(event) => setName(event.target.value)} placeholder="e.g. Olena Kovalenko" />
      <TextAreaField
        label="Notes"
        value={notes}
        rows={4}
        maxLength={4000}
        onChange={(event) => setNotes(event.target.value)}
        hint="Visible to every agent who can see this contact."
        error={update.error ? describeError(update.error) : null}
      />
      <div className="bt-contact__editor-actions">
        <Button size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button size="sm" type="submit" variant="primary" pending={update.isPending}>
          Save
        </Button>
      </div>
    </form>
  );
}

function ConsentEvent({ event, channelName, actorName }: { event: ConsentEventView; channelName: string | null; actorName: string | null }) {
  const how =
    event.source === 'keyword' ? `texted ${event.keyword ?? 'a keyword'}` : event.source === 'agent' ? `by ${actorName ?? 'an agent'}` : `via ${event.source}`;
  return (
    <li className="bt-consent__event">
      <Icon name={event.action === 'opt_out' ? 'block' : 'check'} size={12} className={event.action === 'opt_out' ? 'bt-consent__out' : 'bt-consent__in'} />
      <span>
        <strong>{event.action === 'opt_out' ? 'Opted out' : 'Opted in'}</strong> · {how}
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
  return (
    <section className="bt-contact__section" aria-labelledby="consent-heading">
      <h3 id="consent-heading" className="bt-contact__heading">
        Consent
      </h3>
      {conversation.optedOut ? (
        <p className="bt-consent__state bt-consent__state--out">
          <Icon name="block" size={14} /> Opted out: no messages can be sent
        </p>
      ) : (
        <p className="bt-consent__state bt-consent__state--in">
          <Icon name="circle-check" size={14} /> Can receive messages
        </p>
      )}
      {isPending ? (
        <Spinner size="sm" />
      ) : history && history.length > 0 ? (
        <ul className="bt-consent__history" aria-label="Consent history">
          {history.map((event, index) => (
            <ConsentEvent
              key={`${event.createdAt}-${index}`}
              event={event}
              channelName={event.channelId !== conversation.channelId ? (channels.get(event.channelId)?.name ?? 'another channel') : null}
              actorName={event.actorUserId ? (people.get(event.actorUserId)?.name ?? null) : null}
            />
          ))}
        </ul>
      ) : (
        <p className="bt-contact__quiet">No opt-out or opt-in recorded.</p>
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
  if (!attributes || !hasAttributes) return null;
  return (
    <section className="bt-contact__section" aria-labelledby="attributes-heading">
      <h3 id="attributes-heading" className="bt-contact__heading">
        Details
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
  return (
    <section className="bt-contact__section" aria-labelledby="history-heading">
      <h3 id="history-heading" className="bt-contact__heading">
        Other conversations
      </h3>
      {isPending ? (
        <Spinner size="sm" />
      ) : others.length === 0 ? (
        <p className="bt-contact__quiet">None: this is the first.</p>
      ) : (
        <ul className="bt-contact__history">
          {others.map((item) => (
            <li key={item.id}>
              <Link to={{ pathname: `/inbox/${item.id}`, search: filterToSearchParams({ ...DEFAULT_FILTER, view: 'all', status: item.status }).toString() }}>
                <span className="bt-contact__history-title">
                  {channels.get(item.channelId)?.name ?? 'Channel'} · {item.status}
                </span>
                <span className="bt-contact__history-when">{formatDateTime(item.lastMessageAt)}</span>
                {item.lastMessage ? <span className="bt-contact__history-text">{item.lastMessage.body}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The right pane: who the customer is, whose conversation it is, and whether we may text them. */
export function ContactPanel({ conversation }: { conversation: ConversationView }) {
  const [editing, setEditing] = useState(false);
  const { toastShown } = useToastActions();
  const teams = useTeamMap();
  const now = useNow();
  const { contact } = conversation;
  const phone = usePhoneFormat()(contact.phone);
  const channel = useChannel(conversation.channelId);

  return (
    <aside className="bt-contact" aria-label="Contact">
      <section className="bt-contact__card">
        <div className="bt-contact__identity">
          <Avatar name={contact.name.trim() || '#'} />
          <div className="bt-contact__names">
            {contact.name.trim() ? <p className="bt-contact__name">{contact.name}</p> : null}
            <button
              type="button"
              className="bt-contact__phone"
              title="Copy number"
              onClick={() => void copyText(contact.phone).then((ok) => toastShown(ok ? 'success' : 'danger', ok ? 'Number copied.' : 'Copying was blocked.'))}
            >
              <span className={contact.name.trim() ? 'bt-mono' : 'bt-contact__name'}>{phone}</span>
              <Icon name="copy" size={12} />
            </button>
          </div>
          {!editing ? <Button size="sm" variant="ghost" icon="edit" aria-label="Edit contact" title="Edit name and notes" onClick={() => setEditing(true)} /> : null}
        </div>
        {editing ? (
          <ContactEditor key={contact.id} conversation={conversation} onDone={() => setEditing(false)} />
        ) : contact.notes ? (
          <p className="bt-contact__notes">{contact.notes}</p>
        ) : (
          <button type="button" className="bt-contact__add-notes" onClick={() => setEditing(true)}>
            Add a name or notes
          </button>
        )}
      </section>

      <section className="bt-contact__section" aria-labelledby="details-heading">
        <h3 id="details-heading" className="bt-contact__heading">
          Conversation
        </h3>
        <dl className="bt-contact__details">
          <dt>Assignee</dt>
          <dd>
            <AssignMenu conversation={conversation} variant="ghost" />
          </dd>
          <dt>Team</dt>
          <dd>{teams.get(conversation.teamId)?.name ?? '—'}</dd>
          <dt>Channel</dt>
          <dd>{channel ? `${channel.name}` : '—'}</dd>
          {conversation.waitingSince ? (
            <>
              <dt>Waiting</dt>
              <dd>
                <Badge tone={now - Date.parse(conversation.waitingSince) > 3_600_000 ? 'warning' : 'neutral'}>
                  {now - Date.parse(conversation.waitingSince) < 60_000 ? 'Less than a minute' : formatDuration(now - Date.parse(conversation.waitingSince))}
                </Badge>
              </dd>
            </>
          ) : null}
          <dt>Started</dt>
          <dd>{formatDateTime(conversation.createdAt)}</dd>
        </dl>
      </section>

      <Attributes conversation={conversation} />
      <Consent conversation={conversation} />
      <ContactBlock conversation={conversation} />
      <History conversation={conversation} />
    </aside>
  );
}
