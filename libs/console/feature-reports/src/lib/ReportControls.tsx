import type { ReportName } from '@backtalk/contracts';
import { useChannels, useDownloadReportCsv, useLabels, useTeams, useToastActions, useUsers } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Button, Checkbox, SelectField, TextField } from '@backtalk/console/ui';
import { useState } from 'react';
import { describeDays, RANGE_PRESETS, type RangePreset } from './date-range';
import type { ReportView, ReportViewChange } from './report-params';

type Update = (changes: ReportViewChange) => void;

/**
 * Range, comparison and filters. The team, channel, agent and label lists come from the same endpoints as the rest of the
 * console, so they hold only what the viewer may see; the API applies the same rule to the numbers.
 */
export function ReportControls({ view, update, report }: { view: ReportView; update: Update; report: ReportName }) {
  const { t: translate } = useTranslation('reports');
  const teams = useTeams();
  const channels = useChannels();
  const users = useUsers();
  const labels = useLabels();
  const download = useDownloadReportCsv();
  // The URL updates a moment after each change, so two date fields changed in quick succession write both ends from
  // here rather than from the URL, which may not show the first change yet.
  const [draft, setDraft] = useState(view.days);
  const [synced, setSynced] = useState(view.days);
  if (synced.firstDay !== view.days.firstDay || synced.lastDay !== view.days.lastDay) {
    // The range changed from outside the fields (a preset, the URL): the fields show it.
    setSynced(view.days);
    setDraft(view.days);
  }
  const changeDays = (days: typeof draft) => {
    setDraft(days);
    update(days);
  };
  const { toastShown } = useToastActions();
  const all = (label: string) => ({ value: '', label });
  const teamOptions = [all(translate('controls.allTeams')), ...(teams.data ?? []).map((t) => ({ value: t.id, label: t.name, isData: true }))];
  const channelOptions = [all(translate('controls.allChannels')), ...(channels.data ?? []).map((c) => ({ value: c.id, label: c.name, isData: true }))];
  const agentOptions = [all(translate('controls.allAgents')), ...(users.data ?? []).map((u) => ({ value: u.id, label: u.name, isData: true }))];
  const labelOptions = [all(translate('controls.anyLabel')), ...(labels.data ?? []).map((l) => ({ value: l.id, label: l.name, isData: true }))];

  const downloadCsv = () => {
    if (!view.query) return;
    download.mutate(
      { name: report, query: view.query, fileName: `backtalk-${report}-${view.days.firstDay}-to-${view.days.lastDay}.csv` },
      { onError: () => toastShown('danger', translate('controls.downloadFailed')) },
    );
  };

  return (
    <div className="bt-report-controls" role="group" aria-label={translate('controls.group')}>
      <div className="bt-report-controls__range">
        <SelectField<RangePreset> label={translate('controls.range')} options={RANGE_PRESETS} value={view.preset} onChange={(preset) => update({ preset })} />
        {view.preset === 'custom' ? (
          <>
            <TextField label={translate('controls.from')} type="date" value={draft.firstDay} max={draft.lastDay || undefined} onChange={(e) => changeDays({ ...draft, firstDay: e.target.value })} />
            <TextField label={translate('controls.to')} type="date" value={draft.lastDay} min={draft.firstDay || undefined} onChange={(e) => changeDays({ ...draft, lastDay: e.target.value })} />
          </>
        ) : null}
        <p className="bt-report-controls__summary">
          {view.query ? describeDays(view.days) : translate('controls.chooseDays')} <span className="bt-muted">
            · <span translate="no">{view.timeZone}</span>
          </span>
        </p>
      </div>
      <div className="bt-report-controls__filters">
        <SelectField label={translate('controls.team')} options={teamOptions} value={view.teamId} onChange={(teamId) => update({ teamId })} />
        <SelectField label={translate('controls.channel')} options={channelOptions} value={view.channelId} onChange={(channelId) => update({ channelId })} />
        <SelectField label={translate('controls.agent')} options={agentOptions} value={view.agentId} onChange={(agentId) => update({ agentId })} />
        <SelectField label={translate('controls.label')} options={labelOptions} value={view.labelId} onChange={(labelId) => update({ labelId })} />
      </div>
      <div className="bt-report-controls__options">
        <Checkbox label={translate('controls.compare')} checked={view.compare} onChange={(e) => update({ compare: e.target.checked })} />
        {report === 'response-times' || report === 'overview' || report === 'agents' ? (
          <Checkbox label={translate('controls.businessHoursOnly')} checked={view.businessHours} onChange={(e) => update({ businessHours: e.target.checked })} />
        ) : null}
        <Button size="sm" icon="arrow-right" onClick={downloadCsv} pending={download.isPending} disabled={!view.query}>
          {translate('controls.downloadCsv')}
        </Button>
      </div>
    </div>
  );
}
