import type { ContactImportView, StartContactImportRequest } from '@backtalk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { contactsKeys, type ContactDirectoryQuery } from './contacts.queries';

const id = (value: string) => encodeURIComponent(value);
/** How often a running import's progress is read. */
const PROGRESS_INTERVAL_MS = 1000;

export const contactImportApi = {
  /** The file as it is: the API reads it as CSV whatever extension or media type the browser gave it. */
  upload: (channelId: string, file: File) =>
    api.post<ContactImportView>(`/api/contacts/imports?${new URLSearchParams({ channelId, fileName: file.name.slice(0, 200) }).toString()}`, new Blob([file], { type: 'text/csv' })),
  start: (importId: string, request: StartContactImportRequest) => api.post<ContactImportView>(`/api/contacts/imports/${id(importId)}/start`, request),
  get: (importId: string, signal?: AbortSignal) => api.get<ContactImportView>(`/api/contacts/imports/${id(importId)}`, { signal }),
  errorsCsv: (importId: string) => api.get<string>(`/api/contacts/imports/${id(importId)}/errors`, { responseType: 'text', accept: 'text/csv' }),
  exportCsv: (query: ContactDirectoryQuery) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
      else if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    return api.get<string>(`/api/contacts/export${search ? `?${search}` : ''}`, { responseType: 'text', accept: 'text/csv' });
  },
};

export function useUploadContactImport() {
  return useMutation({ mutationFn: ({ channelId, file }: { channelId: string; file: File }) => contactImportApi.upload(channelId, file) });
}

export function useStartContactImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ importId, request }: { importId: string; request: StartContactImportRequest }) => contactImportApi.start(importId, request),
    onSuccess: (view) => client.setQueryData(['contact-imports', view.id], view),
  });
}

/** An import's progress, read every second while it waits or runs; the directory is read again once it is done. */
export function useContactImport(importId: string | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: ['contact-imports', importId],
    queryFn: async ({ signal }) => {
      const view = await contactImportApi.get(importId!, signal);
      if (view.status === 'done') void client.invalidateQueries({ queryKey: contactsKeys.all });
      return view;
    },
    enabled: importId !== null,
    refetchInterval: (query) => (query.state.data && ['queued', 'running'].includes(query.state.data.status) ? PROGRESS_INTERVAL_MS : false),
  });
}

export function useDownloadContactCsv() {
  return useMutation({
    mutationFn: async (what: { importErrors: string } | { directory: ContactDirectoryQuery }) => {
      const csv = 'importErrors' in what ? await contactImportApi.errorsCsv(what.importErrors) : await contactImportApi.exportCsv(what.directory);
      saveText(csv, 'importErrors' in what ? 'contacts-not-imported.csv' : 'contacts.csv');
    },
  });
}

function saveText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the link; the object URL is no longer needed once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
