import type { ContactDetailView, ContactListItem, ContactListQuery, ContactView, Page, RoutingLanguage, UpdateContactRequest } from '@backtalk/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { cannedAnswersKeys } from '../canned-answers/canned-answers.queries';
import { api } from '../client';

/** What the directory asks for: the list query without its paging, which the infinite query adds. */
export type ContactDirectoryQuery = Omit<ContactListQuery, 'cursor' | 'limit'>;

const id = (value: string) => encodeURIComponent(value);
const PAGE_SIZE = 50;

function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    // A repeated filter (attribute=plan:Gold&attribute=vip:true) goes as the parameter repeated.
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const contactsApi = {
  list: (query: ContactListQuery, signal?: AbortSignal) => api.get<Page<ContactListItem>>(`/api/contacts${queryString(query)}`, { signal }),
  get: (contactId: string, signal?: AbortSignal) => api.get<ContactDetailView>(`/api/contacts/${id(contactId)}`, { signal }),
  update: (contactId: string, request: UpdateContactRequest) => api.patch<ContactView>(`/api/contacts/${id(contactId)}`, request),
  merge: (contactId: string, otherContactId: string) => api.post<ContactDetailView>(`/api/contacts/${id(contactId)}/merge`, { otherContactId }),
  block: (contactId: string, teamId: string) => api.post<ContactDetailView>(`/api/contacts/${id(contactId)}/block`, { teamId }),
  unblock: (contactId: string, teamId: string) => api.delete<ContactDetailView>(`/api/contacts/${id(contactId)}/block?teamId=${id(teamId)}`),
  erase: (contactId: string, confirmPhone: string) => api.post<ContactDetailView>(`/api/contacts/${id(contactId)}/erase`, { confirmPhone }),
  /** The JSON document as text: it is saved as it came, never parsed and re-written. */
  dataExport: (contactId: string) => api.get<string>(`/api/contacts/${id(contactId)}/data-export`, { responseType: 'text', accept: 'application/json' }),
};

export const contactsKeys = {
  all: ['contacts'] as const,
  directory: (query: ContactDirectoryQuery) => ['contacts', 'directory', query] as const,
  contact: (contactId: string) => ['contacts', 'contact', contactId] as const,
};

/**
 * The directory, a page of 50 at a time through the API's cursor. The previous answer stays on screen while a new
 * search or filter loads, so typing does not blank the list; `isPlaceholderData` says the rows are the old ones.
 */
export function useContactDirectory(query: ContactDirectoryQuery) {
  return useInfiniteQuery({
    queryKey: contactsKeys.directory(query),
    queryFn: ({ pageParam, signal }) => contactsApi.list({ ...query, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** The contact page: consent, the viewer's teams' notes and every visible conversation. */
export function useContact(contactId: string, options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: contactsKeys.contact(contactId), queryFn: ({ signal }) => contactsApi.get(contactId, signal), enabled: options.enabled ?? true });
}

export interface UpdateContactVariables {
  contactId: string;
  changes: UpdateContactRequest;
}

/** A name for everyone who knows the contact, or one team's notes (`teamId` says which). */
export function useSaveContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ contactId, changes }: UpdateContactVariables) => contactsApi.update(contactId, changes),
    onSuccess: () => client.invalidateQueries({ queryKey: contactsKeys.all }),
  });
}

/**
 * The language answers use for the contact (null: detect it again). Which text of a canned answer fits a conversation
 * changes with it, so the composer's list is asked again.
 */
export function useSetContactLanguage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ contactId, language }: { contactId: string; language: RoutingLanguage | null }) => contactsApi.update(contactId, { language }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: contactsKeys.all }), client.invalidateQueries({ queryKey: cannedAnswersKeys.all })]).then(() => undefined),
  });
}

/** Folds `otherContactId` into `contactId`; the other contact's page is gone after, so every contact query is stale. */
export function useMergeContacts() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ contactId, otherContactId }: { contactId: string; otherContactId: string }) => contactsApi.merge(contactId, otherContactId),
    onSuccess: () => client.invalidateQueries({ queryKey: contactsKeys.all }),
  });
}

/**
 * Erases the customer (admins). Their conversations' messages lose their content too, so every conversation and
 * message query is read again along with the contacts.
 */
export function useEraseContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ contactId, confirmPhone }: { contactId: string; confirmPhone: string }) => contactsApi.erase(contactId, confirmPhone),
    onSuccess: (view) => {
      client.setQueryData(contactsKeys.contact(view.id), view);
      return client.invalidateQueries();
    },
  });
}

/** Everything Backtalk holds about the customer that the viewer may see, saved as a JSON file. */
export function useDownloadContactData() {
  return useMutation({
    mutationFn: async (contactId: string) => {
      const text = await contactsApi.dataExport(contactId);
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `contact-${contactId}.json`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      // The download has started from the link; the object URL is no longer needed once the click has been handled.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    },
  });
}

/** Blocks or unblocks the contact in one team. */
export function useBlockContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ contactId, teamId, blocked }: { contactId: string; teamId: string; blocked: boolean }) => (blocked ? contactsApi.block(contactId, teamId) : contactsApi.unblock(contactId, teamId)),
    onSuccess: () => client.invalidateQueries({ queryKey: contactsKeys.all }),
  });
}
