import type { CsatSurveySettingsView, UpdateCsatSurveySettingsRequest } from '@backtalk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';

const id = (value: string) => encodeURIComponent(value);

export const csatApi = {
  surveySettings: (teamId: string, signal?: AbortSignal) => api.get<CsatSurveySettingsView>(`/api/teams/${id(teamId)}/csat-survey`, { signal }),
  updateSurveySettings: (teamId: string, request: UpdateCsatSurveySettingsRequest) => api.patch<CsatSurveySettingsView>(`/api/teams/${id(teamId)}/csat-survey`, request),
};

const surveyKey = (teamId: string) => ['csat', 'survey', teamId] as const;

/** A team's satisfaction survey settings. */
export function useCsatSurveySettings(teamId: string) {
  return useQuery({ queryKey: surveyKey(teamId), queryFn: ({ signal }) => csatApi.surveySettings(teamId, signal), enabled: !!teamId, staleTime: 5 * 60_000 });
}

export function useUpdateCsatSurveySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ teamId, changes }: { teamId: string; changes: UpdateCsatSurveySettingsRequest }) => csatApi.updateSurveySettings(teamId, changes),
    onSuccess: (view) => client.setQueryData(surveyKey(view.teamId), view),
  });
}
