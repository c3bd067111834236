import { CONTACT_IMPORT_MAX_BYTES, Role, type ContactImportColumn, type ContactImportField, type ContactImportView } from '@backtalk/contracts';
import { describeError, useChannels, useContactImport, useDownloadContactCsv, useSignedInUser, useStartContactImport, useUploadContactImport } from '@backtalk/console/data-access';
import { Banner, Button, Checkbox, Dialog, DialogFooter, FieldShell, SelectField } from '@backtalk/console/ui';
import { useMemo, useState } from 'react';
import { displayPhone } from './phone';

export interface ContactImportDialogProps {
  open: boolean;
  onClose: () => void;
}

type ColumnChoice = ContactImportField | 'ignore';

const FIELD_OPTIONS: ReadonlyArray<{ value: ColumnChoice; label: string }> = [
  { value: 'ignore', label: 'Don’t import' },
  { value: 'phone', label: 'Phone number' },
  { value: 'name', label: 'Name' },
  { value: 'consent', label: 'Consent (opt-out)' },
  { value: 'notes', label: 'Team notes' },
];

/** Upload a CSV into one of the viewer's channels, map its columns, and follow the import to its counts. */
export function ContactImportDialog({ open, onClose }: ContactImportDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} size="lg" title="Import contacts" description="Add customers from a CSV file your CRM exported. Numbers already here are merged, not doubled.">
      <ImportSteps onClose={onClose} />
    </Dialog>
  );
}

function ImportSteps({ onClose }: { onClose: () => void }) {
  const [importId, setImportId] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<ContactImportView | null>(null);
  const progress = useContactImport(importId);
  if (!uploaded) return <UploadStep onClose={onClose} onUploaded={setUploaded} />;
  if (!importId) return <MappingStep upload={uploaded} onClose={onClose} onStarted={setImportId} />;
  return <ProgressStep view={progress.data ?? uploaded} onClose={onClose} />;
}

function UploadStep({ onClose, onUploaded }: { onClose: () => void; onUploaded: (view: ContactImportView) => void }) {
  const me = useSignedInUser();
  const { data: channels } = useChannels();
  // Imports are run by the admins and supervisors of the channel's team.
  const manageable = useMemo(
    () => (channels ?? []).filter((channel) => me.role === Role.Admin || (me.role === Role.Supervisor && me.teamIds.includes(channel.teamId))),
    [channels, me],
  );
  const [channelId, setChannelId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadContactImport();
  const channel = manageable.find((candidate) => candidate.id === channelId) ?? manageable[0];
  const tooLarge = file !== null && file.size > CONTACT_IMPORT_MAX_BYTES;

  if (channels && manageable.length === 0) {
    return (
      <div className="bt-form">
        <p>Contacts are imported by an admin or a supervisor of the team whose number they text.</p>
        <DialogFooter>
          <Button onClick={onClose}>Close</Button>
        </DialogFooter>
      </div>
    );
  }
  return (
    <form
      className="bt-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!channel || !file || tooLarge) return;
        upload.mutate({ channelId: channel.id, file }, { onSuccess: onUploaded });
      }}
    >
      <SelectField
        label="Into"
        hint="The team of this number sees the contacts; numbers without a country code are read as this number’s country; opt-outs apply to it."
        value={channel?.id ?? ''}
        onChange={setChannelId}
        options={manageable.map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${displayPhone(candidate.sender)}, ${candidate.country})` }))}
      />
      <FieldShell label="CSV file" hint={`A header row, then one customer per row; up to ${Math.round(CONTACT_IMPORT_MAX_BYTES / 1024 / 1024)} MB (about 100,000 rows).`}>
        {(control) => <input className="bt-input" type="file" accept=".csv,text/csv" onChange={(event) => setFile(event.target.files?.[0] ?? null)} {...control} />}
      </FieldShell>
      {tooLarge ? <Banner tone="danger">This file is larger than {Math.round(CONTACT_IMPORT_MAX_BYTES / 1024 / 1024)} MB; split it and import the parts.</Banner> : null}
      {upload.error ? <Banner tone="danger">{describeError(upload.error)}</Banner> : null}
      <DialogFooter>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" pending={upload.isPending} disabled={!file || !channel || tooLarge}>
          Next: match columns
        </Button>
      </DialogFooter>
    </form>
  );
}

function MappingStep({ upload, onClose, onStarted }: { upload: ContactImportView; onClose: () => void; onStarted: (importId: string) => void }) {
  const [choices, setChoices] = useState<ColumnChoice[]>(() => upload.headers.map((_, column) => upload.mapping.find((entry) => entry.column === column)?.field ?? 'ignore'));
  const [overwriteNames, setOverwriteNames] = useState(false);
  const start = useStartContactImport();
  const phones = choices.filter((choice) => choice === 'phone').length;
  const mapping: ContactImportColumn[] = choices.flatMap((field, column) => (field === 'ignore' ? [] : [{ column, field }]));

  return (
    <form
      className="bt-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (phones !== 1) return;
        start.mutate({ importId: upload.id, request: { mapping, overwriteNames } }, { onSuccess: (view) => onStarted(view.id) });
      }}
    >
      <p className="bt-import__summary">
        <strong>{upload.fileName || 'The file'}</strong> has {upload.totalRows.toLocaleString()} {upload.totalRows === 1 ? 'row' : 'rows'}. Say what each column holds.
      </p>
      <div className="bt-import__columns" role="table" aria-label="Columns of the file">
        <div className="bt-import__column bt-import__column--head" role="row">
          <span role="columnheader">Column</span>
          <span role="columnheader">First rows</span>
          <span role="columnheader">Import as</span>
        </div>
        {upload.headers.map((header, column) => (
          <div className="bt-import__column" role="row" key={column}>
            <span role="cell" className="bt-import__header">{header || `Column ${column + 1}`}</span>
            <span role="cell" className="bt-import__sample">
              {upload.sample.map((row) => row[column] ?? '').filter(Boolean).slice(0, 3).join(' · ') || '—'}
            </span>
            <span role="cell">
              <SelectField
                label={`Import “${header || `column ${column + 1}`}” as`}
                hideLabel
                value={choices[column]}
                onChange={(value) => setChoices((current) => current.map((choice, index) => (index === column ? value : choice)))}
                options={FIELD_OPTIONS}
              />
            </span>
          </div>
        ))}
      </div>
      <Checkbox
        label="Replace names already saved"
        description="Off: a contact’s empty name is filled from the file and a name someone already gave them stays."
        checked={overwriteNames}
        onChange={(event) => setOverwriteNames(event.target.checked)}
      />
      <p className="bt-field__hint">Consent is only imported when a column says a customer opted out (opted_out, unsubscribed, stop, no); other values never opt anyone in.</p>
      {phones !== 1 ? <Banner tone="warning">{phones === 0 ? 'Choose the column with the phone number.' : 'Only one column can be the phone number.'}</Banner> : null}
      {start.error ? <Banner tone="danger">{describeError(start.error)}</Banner> : null}
      <DialogFooter>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" pending={start.isPending} disabled={phones !== 1}>
          Import {upload.totalRows.toLocaleString()} {upload.totalRows === 1 ? 'row' : 'rows'}
        </Button>
      </DialogFooter>
    </form>
  );
}

function ProgressStep({ view, onClose }: { view: ContactImportView; onClose: () => void }) {
  const download = useDownloadContactCsv();
  const finished = view.status === 'done' || view.status === 'failed';
  const counts: Array<[string, number]> = [
    ['New contacts', view.created],
    ['Already here, updated', view.updated],
    ['Repeated in the file, merged', view.duplicates],
    ['Not imported', view.errors],
  ];
  return (
    <div className="bt-form">
      <div className="bt-import__progress">
        <progress max={Math.max(view.totalRows, 1)} value={view.processedRows} aria-label="Import progress" />
        <span role="status">
          {finished
            ? view.status === 'done'
              ? `Imported all ${view.totalRows.toLocaleString()} rows.`
              : 'The import stopped.'
            : `${view.processedRows.toLocaleString()} of ${view.totalRows.toLocaleString()} rows…`}
        </span>
      </div>
      <dl className="bt-import__counts">
        {counts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {view.failure ? <Banner tone="danger">{view.failure}</Banner> : null}
      {!finished ? <p className="bt-field__hint">You can close this window: the import carries on, and the contacts appear as it goes.</p> : null}
      {download.error ? <Banner tone="danger">{describeError(download.error)}</Banner> : null}
      <DialogFooter>
        {view.errors > 0 ? (
          <Button pending={download.isPending} onClick={() => download.mutate({ importErrors: view.id })}>
            Download rows not imported
          </Button>
        ) : null}
        <Button variant={finished ? 'primary' : 'secondary'} onClick={onClose}>
          {finished ? 'Done' : 'Close'}
        </Button>
      </DialogFooter>
    </div>
  );
}
