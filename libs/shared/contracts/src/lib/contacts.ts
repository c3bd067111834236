import type { ContactAttributeValues } from './contact-attributes';
import type { ConsentEventView, ConversationView, MessageView } from './conversations';
import type { RoutingLanguage } from './routing';

export type ContactSort = 'last_contact' | 'name' | 'created';
export type ContactConsentFilter = 'opted_out' | 'subscribed';

/**
 * `GET /api/contacts`: the directory, within the access rule (a contact is visible through a conversation in one of
 * the viewer's teams). `q` matches a phone number in any format (international, or national for the country of a
 * channel the viewer can see) or a part of the name or number.
 */
export interface ContactListQuery {
  q?: string;
  teamId?: string;
  channelId?: string;
  consent?: ContactConsentFilter;
  /** Last contact on or after this instant (ISO 8601). */
  lastContactFrom?: string;
  /** Last contact before this instant (ISO 8601). */
  lastContactTo?: string;
  /**
   * `key:value`, repeatable (all must hold): contacts whose attribute has that value. Text and links match ignoring
   * case, numbers and dates by value, yes/no as `true` or `false`, a list by the choice.
   */
  attribute?: string[];
  sort?: ContactSort;
  cursor?: string;
  limit?: number;
}

export interface ContactListItem {
  id: string;
  phone: string;
  name: string;
  /** The latest conversation activity the viewer can see. */
  lastContactAt: string;
  createdAt: string;
  /** Opted out on at least one channel of the viewer's teams. */
  optedOut: boolean;
  /** When the customer was erased (`phone` and `name` are then empty); optional for older fixtures. */
  erasedAt?: string | null;
  /** The viewer's teams the contact was seen in (a conversation there), whichever filter found them. */
  teamIds: string[];
}

export interface ContactConsentView {
  channelId: string;
  channelName: string;
  optedOut: boolean;
  updatedAt: string;
}

/** A team's notes about a contact: only that team's members and admins read and write them. */
export interface ContactNoteView {
  teamId: string;
  teamName: string;
  body: string;
  updatedAt: string | null;
}

/** `GET /api/contacts/:id`: the contact page, with what the viewer may see of it. */
export interface ContactDetailView {
  id: string;
  phone: string;
  name: string;
  createdAt: string;
  lastContactAt: string | null;
  consent: ContactConsentView[];
  consentHistory: ConsentEventView[];
  /** One per team of the viewer the contact was seen in (an empty body when nothing is written yet). */
  notes: ContactNoteView[];
  /** The contact's custom attribute values by key, shared by every team like the name. */
  attributes: ContactAttributeValues;
  /** Newest first. */
  conversations: ConversationView[];
  /** The contacts merged into this one, newest first. */
  merges: ContactMergeView[];
  /** The viewer's teams that blocked this contact. */
  blocks: ContactBlockView[];
  /** The language answers use for this contact over detection (null: detected); optional only for older fixtures. */
  language?: RoutingLanguage | null;
  /** When the customer was erased: number, name, notes, attributes and message contents are gone. Optional for older fixtures. */
  erasedAt?: string | null;
}

/**
 * `POST /api/contacts/:id/erase` (admins only): the customer's number typed again, so a slip of the mouse erases no one.
 * Erasing an erased contact changes nothing and answers as the first time did.
 */
export interface EraseContactRequest {
  confirmPhone: string;
}

/**
 * `GET /api/contacts/:id/data-export`: everything Backtalk holds about the customer that the viewer may see (an admin:
 * everything), as one JSON document. Versioned by `format` so a reader can tell what it got.
 */
export interface ContactDataExport {
  format: 'backtalk.contact-data-export.v1';
  exportedAt: string;
  contact: { id: string; phone: string; name: string; language: RoutingLanguage | null; createdAt: string; erasedAt: string | null };
  attributes: ContactAttributeValues;
  notes: Array<{ teamId: string; teamName: string; body: string; updatedAt: string | null }>;
  consent: Array<{ channelId: string; channelName: string; optedOut: boolean; updatedAt: string }>;
  consentHistory: ConsentEventView[];
  conversations: Array<{ id: string; teamId: string; channelId: string; status: string; createdAt: string; resolvedAt: string | null }>;
  /** Every message of those conversations, oldest first, with its delivery state. */
  messages: MessageView[];
  csatResponses: Array<{ conversationId: string; rating: number | null; comment: string | null; surveyedAt: string; respondedAt: string | null }>;
}

/** A team blocked the contact: their messages are stored but never queued, routed, automated or surveyed there. */
export interface ContactBlockView {
  teamId: string;
  teamName: string;
  blockedByName: string | null;
  blockedAt: string;
}

/** `POST /api/contacts/:id/block` and `DELETE /api/contacts/:id/block?teamId=`: the team the block is for. */
export interface ContactBlockRequest {
  teamId: string;
}

/** A contact folded into this one by `POST /api/contacts/:id/merge`: its number and name as they were. */
export interface ContactMergeView {
  absorbedPhone: string;
  absorbedName: string;
  mergedByName: string | null;
  mergedAt: string;
}

/** `POST /api/contacts/:id/merge`: the other contact's conversations, notes, attributes and consent move to `:id`. */
export interface MergeContactRequest {
  otherContactId: string;
}

/** `PUT /api/contacts/:id/notes/:teamId`; an empty body clears the team's notes. */
export interface SaveContactNoteRequest {
  body: string;
}
