import type { ContactAttributeView, CreateContactAttributeRequest, UpdateContactAttributeRequest } from '@backtalk/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../client';

const id = (value: string) => encodeURIComponent(value);

export const contactAttributesKeys = {
  all: ['contact-attributes'] as const,
};

export const contactAttributesApi = {
  list: (signal?: AbortSignal) => api.get<ContactAttributeView[]>('/api/contact-attributes', { signal }),
};

// The contact pages show values by these definitions, so they are read again with them.
const changed = (client: QueryClient) => Promise.all([client.invalidateQueries({ queryKey: contactAttributesKeys.all }), client.invalidateQueries({ queryKey: ['contacts'] })]);

/** The attributes every contact may have, in the admins' order: the contact page, the inbox panel and the rule editor read this one list. */
export function useContactAttributes() {
  return useQuery({ queryKey: contactAttributesKeys.all, queryFn: ({ signal }) => contactAttributesApi.list(signal), staleTime: 60_000 });
}

export function useCreateContactAttribute() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateContactAttributeRequest) => api.post<ContactAttributeView>('/api/contact-attributes', request),
    onSuccess: () => changed(client),
  });
}

export interface UpdateContactAttributeVariables {
  id: string;
  changes: UpdateContactAttributeRequest;
}

export function useUpdateContactAttribute() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id: attributeId, changes }: UpdateContactAttributeVariables) => api.patch<ContactAttributeView>(`/api/contact-attributes/${id(attributeId)}`, changes),
    onSuccess: () => changed(client),
  });
}

export function useDeleteContactAttribute() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (attributeId: string) => api.delete(`/api/contact-attributes/${id(attributeId)}`),
    onSuccess: () => changed(client),
  });
}
