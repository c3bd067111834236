import { type ContactDetailView, type ContactNoteView, Role } from '@backtalk/contracts';
import { describeError, useBlockContact, useContactDirectory, useMergeContacts, useSignedInUser, useToastActions } from '@backtalk/console/data-access';
import { Button, ConfirmDialog, Dialog, DialogFooter, formatDateTime, Icon, TextField } from '@backtalk/console/ui';
import { Trans, useTranslation } from '@backtalk/console/i18n';
import { useDeferredValue, useState } from 'react';
import { contactTitle, displayPhone } from './phone';

/** Admins merge any two contacts they see; a supervisor those seen in a team of theirs (the API checks it is both's). */
export function useCanMerge(): boolean {
  const me = useSignedInUser();
  return me.role === Role.Admin || me.role === Role.Supervisor;
}

export interface MergeContactDialogProps {
  open: boolean;
  contact: ContactDetailView;
  onClose: () => void;
}

/** Finds the duplicate by number or name and folds it into this contact, which stays. */
export function MergeContactDialog({ open, contact, onClose }: MergeContactDialogProps) {
  const { t } = useTranslation('contacts');
  return (
    <Dialog open={open} onClose={onClose} title={t('merge.title')} description={t('merge.description', { contact: contactTitle(contact) })}>
      <MergeForm contact={contact} onClose={onClose} />
    </Dialog>
  );
}

function MergeForm({ contact, onClose }: { contact: ContactDetailView; onClose: () => void }) {
  const { t } = useTranslation('contacts');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<{ id: string; label: string } | null>(null);
  const q = useDeferredValue(search.trim());
  const { data, isFetching } = useContactDirectory({ q });
  const merge = useMergeContacts();
  const { toastShown } = useToastActions();
  const candidates = q ? (data?.pages.flatMap((page) => page.items) ?? []).filter((item) => item.id !== contact.id).slice(0, 8) : [];
  return (
    <form
      className="bt-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!chosen) return;
        merge.mutate(
          { contactId: contact.id, otherContactId: chosen.id },
          {
            onSuccess: () => {
              toastShown('success', t('merge.merged', { other: chosen.label, contact: contactTitle(contact) }));
              onClose();
            },
          },
        );
      }}
    >
      <TextField label={t('merge.find')} type="search" placeholder={t('merge.findPlaceholder')} value={search} onChange={(event) => setSearch(event.target.value)} autoComplete="off" />
      {q && candidates.length === 0 && !isFetching ? <p className="bt-contact-page__quiet">{t('merge.noMatch')}</p> : null}
      {candidates.length > 0 ? (
        <fieldset className="bt-contact-merge__candidates">
          <legend className="bt-sr-only">{t('merge.candidates')}</legend>
          {candidates.map((item) => {
            const label = item.name.trim() ? `${item.name} (${displayPhone(item.phone)})` : displayPhone(item.phone);
            return (
              <label key={item.id} className="bt-contact-merge__candidate">
                <input type="radio" name="merge-candidate" checked={chosen?.id === item.id} onChange={() => setChosen({ id: item.id, label })} />
                <span>{label}</span>
                <span className="bt-contact-page__when">{t('merge.lastContact', { when: formatDateTime(item.lastContactAt) })}</span>
              </label>
            );
          })}
        </fieldset>
      ) : null}
      {chosen ? (
        <p className="bt-contact-merge__summary">
          {t('merge.summary', { other: chosen.label, contact: contactTitle(contact) })}
        </p>
      ) : null}
      {merge.error ? (
        <p className="bt-field__error" role="alert">
          {describeError(merge.error)}
        </p>
      ) : null}
      <DialogFooter>
        <Button onClick={onClose}>{t('merge.cancel')}</Button>
        <Button type="submit" variant="danger" pending={merge.isPending} disabled={!chosen}>
          {t('merge.confirm')}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** "Merged with +380… by Olha on 3 Dec": the numbers folded into this contact. */
export function MergeHistory({ contact }: { contact: ContactDetailView }) {
  const { t } = useTranslation('contacts');
  if (contact.merges.length === 0) return null;
  return (
    <ul className="bt-contact-merges" aria-label={t('merge.historyLabel')}>
      {contact.merges.map((merge) => (
        <li key={`${merge.absorbedPhone}-${merge.mergedAt}`}>
          <Icon name="contacts" size={12} />{' '}
          <Trans
            t={t}
            i18nKey={merge.absorbedName ? 'merge.mergedWithNamed' : 'merge.mergedWith'}
            values={{ phone: displayPhone(merge.absorbedPhone), name: merge.absorbedName ?? '', by: merge.mergedByName ?? t('merge.someoneGone'), when: formatDateTime(merge.mergedAt) }}
            components={{ phone: <span className="bt-mono" />, name: <span translate="no" />, by: <span translate={merge.mergedByName === null ? undefined : 'no'} /> }}
          />
        </li>
      ))}
    </ul>
  );
}

/**
 * Per team: blocked numbers' messages are kept but never reach the queue, an agent, automation or a survey. The teams
 * are those of the viewer the contact was seen in (the notes list the same); supervisors and admins change them.
 */
export function BlockPanel({ contact }: { contact: ContactDetailView }) {
  const { t } = useTranslation('contacts');
  const me = useSignedInUser();
  const [confirming, setConfirming] = useState<{ team: ContactNoteView; blocked: boolean } | null>(null);
  const change = useBlockContact();
  const { toastShown } = useToastActions();
  const manages = (teamId: string) => me.role === Role.Admin || (me.role === Role.Supervisor && me.teamIds.includes(teamId));
  if (contact.notes.length === 0) return null;
  return (
    <section className="bt-panel" aria-labelledby="contact-blocking">
      <header className="bt-panel__header">
        <h2 id="contact-blocking" className="bt-panel__title">
          {t('block.title')}
        </h2>
        <p className="bt-panel__description">{t('block.description')}</p>
      </header>
      <div className="bt-panel__body">
        <ul className="bt-contact-blocks">
          {contact.notes.map((team) => {
            const block = contact.blocks.find((entry) => entry.teamId === team.teamId);
            return (
              <li key={team.teamId} className={block ? 'bt-contact-blocks__blocked' : undefined}>
                <Icon name={block ? 'block' : 'circle-check'} size={14} />
                <span>
                  <strong translate="no">{team.teamName}</strong>: {block ? (
                    <Trans
                      t={t}
                      i18nKey="block.blockedBy"
                      values={{ name: block.blockedByName ?? t('block.someoneGone'), when: formatDateTime(block.blockedAt) }}
                      components={{ name: <span translate={block.blockedByName === null ? undefined : 'no'} /> }}
                    />
                  ) : (
                    t('block.notBlocked')
                  )}
                </span>
                {manages(team.teamId) ? (
                  <Button size="sm" variant={block ? 'secondary' : 'danger'} onClick={() => setConfirming({ team, blocked: !block })}>
                    {block ? t('block.unblock') : t('block.block')}
                  </Button>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
      <ConfirmDialog
        open={confirming !== null}
        title={
          confirming?.blocked
            ? t('block.confirmBlock', { contact: contactTitle(contact), team: confirming.team.teamName })
            : t('block.confirmUnblock', { contact: contactTitle(contact), team: confirming?.team.teamName ?? '' })
        }
        confirmLabel={confirming?.blocked ? t('block.block') : t('block.unblock')}
        tone={confirming?.blocked ? 'danger' : 'primary'}
        pending={change.isPending}
        error={change.error ? describeError(change.error) : null}
        onClose={() => {
          change.reset();
          setConfirming(null);
        }}
        onConfirm={() => {
          if (!confirming) return;
          change.mutate(
            { contactId: contact.id, teamId: confirming.team.teamId, blocked: confirming.blocked },
            {
              onSuccess: () => {
                toastShown('success', t(confirming.blocked ? 'block.blocked' : 'block.unblocked', { contact: contactTitle(contact), team: confirming.team.teamName }));
                setConfirming(null);
              },
            },
          );
        }}
      >
        {confirming?.blocked ? (
          <p>{t('block.blockBody', { team: confirming.team.teamName })}</p>
        ) : (
          <p>{t('block.unblockBody', { team: confirming?.team.teamName ?? '' })}</p>
        )}
      </ConfirmDialog>
    </section>
  );
}
