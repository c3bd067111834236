import { CONTACT_IMPORT_MAX_BYTES, Role, type ContactAttributeView, type ContactImportColumn, type ContactImportField, type ContactImportView } from '@backtalk/contracts';
import { describeError, useChannels, useContactAttributes, useContactImport, useDownloadContactCsv, useSignedInUser, useStartContactImport, useUploadContactImport } from '@backtalk/console/data-access';
import { Banner, Button, Checkbox, Dialog, DialogFooter, FieldShell, LoadingState, SelectField } from '@backtalk/console/ui';
import { formatNumber, Trans, useConsoleLanguage, useTranslation } from '@backtalk/console/i18n';
import { useMemo, useState } from 'react';
import { displayPhone } from './phone';

export interface ContactImportDialogProps {
  open: boolean;
  onClose: () => void;
}

/** A field of the contact, `attribute:<key>` for a custom attribute, or nothing. */
type ColumnChoice = ContactImportField | 'ignore' | `attribute:${string}`;
const ATTRIBUTE_PREFIX = 'attribute:';

const toColumn = (choice: ColumnChoice, column: number): ContactImportColumn[] =>
  choice === 'ignore' ? [] : choice.startsWith(ATTRIBUTE_PREFIX) ? [{ column, field: 'attribute', attributeKey: choice.slice(ATTRIBUTE_PREFIX.length) }] : [{ column, field: choice as ContactImportField }];

/** The API guesses the contact's own fields; a header naming an attribute (its label or key, in any case) is one too. */
function guessedChoice(upload: ContactImportView, column: number, attributes: readonly ContactAttributeView[]): ColumnChoice {
  const entry = upload.mapping.find((candidate) => candidate.column === column);
  if (entry) return entry.field === 'attribute' ? `${ATTRIBUTE_PREFIX}${entry.attributeKey}` : entry.field;
  const header = (upload.headers[column] ?? '').trim().toLowerCase();
  const attribute = attributes.find((candidate) => candidate.label.toLowerCase() === header || candidate.key === header.replace(/\s+/g, '_'));
  return attribute ? `${ATTRIBUTE_PREFIX}${attribute.key}` : 'ignore';
}

const FIELD_LABEL_KEYS: ReadonlyArray<{ value: ColumnChoice; key: string }> = [
  { value: 'ignore', key: 'import.fieldIgnore' },
  { value: 'phone', key: 'import.fieldPhone' },
  { value: 'name', key: 'import.fieldName' },
  { value: 'consent', key: 'import.fieldConsent' },
  { value: 'notes', key: 'import.fieldNotes' },
];

const MAX_MEGABYTES = Math.round(CONTACT_IMPORT_MAX_BYTES / 1024 / 1024);

/** Upload a CSV into one of the viewer's channels, map its columns, and follow the import to its counts. */
export function ContactImportDialog({ open, onClose }: ContactImportDialogProps) {
  const { t } = useTranslation('contacts');
  return (
    <Dialog open={open} onClose={onClose} size="lg" title={t('import.title')} description={t('import.description')}>
      <ImportSteps onClose={onClose} />
    </Dialog>
  );
}

function ImportSteps({ onClose }: { onClose: () => void }) {
  const [importId, setImportId] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<ContactImportView | null>(null);
  const progress = useContactImport(importId);
  if (!uploaded) return <UploadStep onClose={onClose} onUploaded={setUploaded} />;
  if (!importId) return <MappingLoader upload={uploaded} onClose={onClose} onStarted={setImportId} />;
  return <ProgressStep view={progress.data ?? uploaded} onClose={onClose} />;
}

function UploadStep({ onClose, onUploaded }: { onClose: () => void; onUploaded: (view: ContactImportView) => void }) {
  const { t } = useTranslation('contacts');
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
        <p>{t('import.notAllowed')}</p>
        <DialogFooter>
          <Button onClick={onClose}>{t('import.close')}</Button>
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
        label={t('import.into')}
        hint={t('import.intoHint')}
        value={channel?.id ?? ''}
        onChange={setChannelId}
        options={manageable.map((candidate) => ({ value: candidate.id, label: t('import.intoOption', { name: candidate.name, phone: displayPhone(candidate.sender), country: candidate.country }), isData: true }))}
      />
      <FieldShell label={t('import.file')} hint={t('import.fileHint', { megabytes: MAX_MEGABYTES, rows: formatNumber(100_000) })}>
        {(control) => <input className="bt-input" type="file" accept=".csv,text/csv" onChange={(event) => setFile(event.target.files?.[0] ?? null)} {...control} />}
      </FieldShell>
      {tooLarge ? <Banner tone="danger">{t('import.tooLarge', { megabytes: MAX_MEGABYTES })}</Banner> : null}
      {upload.error ? <Banner tone="danger">{describeError(upload.error)}</Banner> : null}
      <DialogFooter>
        <Button onClick={onClose}>{t('import.cancel')}</Button>
        <Button type="submit" variant="primary" pending={upload.isPending} disabled={!file || !channel || tooLarge}>
          {t('import.next')}
        </Button>
      </DialogFooter>
    </form>
  );
}

interface MappingProps {
  upload: ContactImportView;
  onClose: () => void;
  onStarted: (importId: string) => void;
}

/** The columns are guessed once the attributes are known, so a header naming one starts mapped to it. */
function MappingLoader(props: MappingProps) {
  const { t } = useTranslation('contacts');
  const { data: attributes, isPending } = useContactAttributes();
  if (isPending) return <LoadingState label={t('import.loadingAttributes')} />;
  return <MappingStep {...props} attributes={attributes ?? []} />;
}

function MappingStep({ upload, onClose, onStarted, attributes }: MappingProps & { attributes: readonly ContactAttributeView[] }) {
  const { t } = useTranslation('contacts');
  const [choices, setChoices] = useState<ColumnChoice[]>(() => upload.headers.map((_, column) => guessedChoice(upload, column, attributes)));
  const [overwriteNames, setOverwriteNames] = useState(false);
  const start = useStartContactImport();
  const phones = choices.filter((choice) => choice === 'phone').length;
  const attributeChoices = choices.filter((choice) => choice.startsWith(ATTRIBUTE_PREFIX));
  const attributeTwice = new Set(attributeChoices).size !== attributeChoices.length;
  const mapping: ContactImportColumn[] = choices.flatMap(toColumn);
  const options = [
    ...FIELD_LABEL_KEYS.map(({ value, key }) => ({ value, label: t(key) })),
    // An option holds text only, so the attribute's own label marks the whole option as data, its translated prefix too.
    ...attributes.map((attribute) => ({ value: `${ATTRIBUTE_PREFIX}${attribute.key}` as ColumnChoice, label: t('import.fieldAttribute', { label: attribute.label }), isData: true })),
  ];

  return (
    <form
      className="bt-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (phones !== 1 || attributeTwice) return;
        start.mutate({ importId: upload.id, request: { mapping, overwriteNames } }, { onSuccess: (view) => onStarted(view.id) });
      }}
    >
      <p className="bt-import__summary">
        <Trans t={t} i18nKey="import.summary" values={{ file: upload.fileName || t('import.theFile'), count: upload.totalRows }} components={{ file: <strong translate="no" /> }} />
      </p>
      <div className="bt-import__columns" role="table" aria-label={t('import.columnsLabel')}>
        <div className="bt-import__column bt-import__column--head" role="row">
          <span role="columnheader">{t('import.column')}</span>
          <span role="columnheader">{t('import.firstRows')}</span>
          <span role="columnheader">{t('import.importAs')}</span>
        </div>
        {upload.headers.map((header, column) => (
          <div className="bt-import__column" role="row" key={column}>
            <span role="cell" className="bt-import__header" translate={header ? 'no' : undefined}>{header || t('import.columnNumber', { number: column + 1 })}</span>
            <span role="cell" className="bt-import__sample" translate="no">
              {upload.sample.map((row) => row[column] ?? '').filter(Boolean).slice(0, 3).join(' · ') || '—'}
            </span>
            <span role="cell">
              <SelectField
                label={t('import.importColumnAs', { column: header || t('import.columnNumberLower', { number: column + 1 }) })}
                hideLabel
                value={choices[column]}
                onChange={(value) => setChoices((current) => current.map((choice, index) => (index === column ? value : choice)))}
                options={options}
              />
            </span>
          </div>
        ))}
      </div>
      <Checkbox
        label={t('import.overwriteNames')}
        description={t('import.overwriteNamesHint')}
        checked={overwriteNames}
        onChange={(event) => setOverwriteNames(event.target.checked)}
      />
      <p className="bt-field__hint">
        {/* The values a file holds, written as they must appear in it. */}
        <Trans t={t} i18nKey="import.consentHint" components={{ value: <code translate="no" /> }} />
      </p>
      {attributes.length > 0 ? <p className="bt-field__hint">{t('import.attributesHint')}</p> : null}
      {phones !== 1 ? <Banner tone="warning">{phones === 0 ? t('import.choosePhone') : t('import.onePhone')}</Banner> : null}
      {attributeTwice ? <Banner tone="warning">{t('import.oneAttribute')}</Banner> : null}
      {start.error ? <Banner tone="danger">{describeError(start.error)}</Banner> : null}
      <DialogFooter>
        <Button onClick={onClose}>{t('import.cancel')}</Button>
        <Button type="submit" variant="primary" pending={start.isPending} disabled={phones !== 1 || attributeTwice}>
          {t('import.start', { count: upload.totalRows })}
        </Button>
      </DialogFooter>
    </form>
  );
}

function ProgressStep({ view, onClose }: { view: ContactImportView; onClose: () => void }) {
  const { t } = useTranslation('contacts');
  const language = useConsoleLanguage();
  const download = useDownloadContactCsv();
  const finished = view.status === 'done' || view.status === 'failed';
  const counts: Array<[string, number]> = [
    [t('import.created'), view.created],
    [t('import.updated'), view.updated],
    [t('import.duplicates'), view.duplicates],
    [t('import.errors'), view.errors],
  ];
  return (
    <div className="bt-form">
      <div className="bt-import__progress">
        <progress max={Math.max(view.totalRows, 1)} value={view.processedRows} aria-label={t('import.progressLabel')} />
        <span role="status">
          {finished
            ? view.status === 'done'
              ? t('import.done', { count: view.totalRows })
              : t('import.stopped')
            : t('import.processed', { processed: formatNumber(view.processedRows), count: view.totalRows })}
        </span>
      </div>
      <dl className="bt-import__counts">
        {counts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatNumber(value)}</dd>
          </div>
        ))}
      </dl>
      {/* The runner's reason is written in English for whoever reads the logs; other languages get a sentence of their own. */}
      {view.failure ? <Banner tone="danger">{language === 'en' ? view.failure : t('import.stoppedReason')}</Banner> : null}
      {!finished ? <p className="bt-field__hint">{t('import.canClose')}</p> : null}
      {download.error ? <Banner tone="danger">{describeError(download.error)}</Banner> : null}
      <DialogFooter>
        {view.errors > 0 ? (
          <Button pending={download.isPending} onClick={() => download.mutate({ importErrors: view.id })}>
            {t('import.downloadErrors')}
          </Button>
        ) : null}
        <Button variant={finished ? 'primary' : 'secondary'} onClick={onClose}>
          {finished ? t('import.finish') : t('import.close')}
        </Button>
      </DialogFooter>
    </div>
  );
}
