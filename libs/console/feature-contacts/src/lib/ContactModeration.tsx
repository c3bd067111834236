import { type ContactDetailView, type ContactNoteView, Role } from '@backtalk/contracts';
import { describeError, useBlockContact, useContactDirectory, useMergeContacts, useSignedInUser, useToastActions } from '@backtalk/console/data-access';
import { Button, ConfirmDialog, Dialog, DialogFooter, formatDateTime, Icon, TextField } from '@backtalk/console/ui';
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
  return (
    <Dialog open={open} onClose={onClose} title="Merge with another contact" description={`The other contact's conversations, notes, details and consent move to ${contactTitle(contact)}, and the other contact is deleted.`}>
      <MergeForm contact={contact} onClose={onClose} />
    </Dialog>
  );
}

function MergeForm({ contact, onClose }: { contact: ContactDetailView; onClose: () => void }) {
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
              toastShown('success', `${chosen.label} merged into ${contactTitle(contact)}.`);
              onClose();
            },
          },
        );
      }}
    >
      <TextField label="Find the other contact" type="search" placeholder="Number or name" value={search} onChange={(event) => setSearch(event.target.value)} autoComplete="off" />
      {q && candidates.length === 0 && !isFetching ? <p className="bt-contact-page__quiet">No other contact matches.</p> : null}
      {candidates.length > 0 ? (
        <fieldset className="bt-contact-merge__candidates">
          <legend className="bt-sr-only">Contact to merge</legend>
          {candidates.map((item) => {
            const label = item.name.trim() ? `${item.name} (${displayPhone(item.phone)})` : displayPhone(item.phone);
            return (
              <label key={item.id} className="bt-contact-merge__candidate">
                <input type="radio" name="merge-candidate" checked={chosen?.id === item.id} onChange={() => setChosen({ id: item.id, label })} />
                <span>{label}</span>
                <span className="bt-contact-page__when">Last contact {formatDateTime(item.lastContactAt)}</span>
              </label>
            );
          })}
        </fieldset>
      ) : null}
      {chosen ? (
        <p className="bt-contact-merge__summary">
          {chosen.label} will be merged into {contactTitle(contact)} and deleted. This cannot be undone.
        </p>
      ) : null}
      {merge.error ? (
        <p className="bt-field__error" role="alert">
          {describeError(merge.error)}
        </p>
      ) : null}
      <DialogFooter>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="danger" pending={merge.isPending} disabled={!chosen}>
          Merge into this contact
        </Button>
      </DialogFooter>
    </form>
  );
}

/** "Merged with +380… by Olha on 3 Dec": the numbers folded into this contact. */
export function MergeHistory({ contact }: { contact: ContactDetailView }) {
  if (contact.merges.length === 0) return null;
  return (
    <ul className="bt-contact-merges" aria-label="Merged contacts">
      {contact.merges.map((merge) => (
        <li key={`${merge.absorbedPhone}-${merge.mergedAt}`}>
          <Icon name="contacts" size={12} /> Merged with <span className="bt-mono">{displayPhone(merge.absorbedPhone)}</span>
          {merge.absorbedName ? ` (${merge.absorbedName})` : ''} by {merge.mergedByName ?? 'someone no longer here'} on {formatDateTime(merge.mergedAt)}
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
          Blocking
        </h2>
        <p className="bt-panel__description">A blocked number's texts are kept here, but never reach the queue, an agent or automation.</p>
      </header>
      <div className="bt-panel__body">
        <ul className="bt-contact-blocks">
          {contact.notes.map((team) => {
            const block = contact.blocks.find((entry) => entry.teamId === team.teamId);
            return (
              <li key={team.teamId} className={block ? 'bt-contact-blocks__blocked' : undefined}>
                <Icon name={block ? 'block' : 'circle-check'} size={14} />
                <span>
                  <strong>{team.teamName}</strong>: {block ? `blocked by ${block.blockedByName ?? 'someone no longer here'} on ${formatDateTime(block.blockedAt)}` : 'not blocked'}
                </span>
                {manages(team.teamId) ? (
                  <Button size="sm" variant={block ? 'secondary' : 'danger'} onClick={() => setConfirming({ team, blocked: !block })}>
                    {block ? 'Unblock' : 'Block'}
                  </Button>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
      <ConfirmDialog
        open={confirming !== null}
        title={confirming?.blocked ? `Block ${contactTitle(contact)} in ${confirming.team.teamName}?` : `Unblock ${contactTitle(contact)} in ${confirming?.team.teamName ?? ''}?`}
        confirmLabel={confirming?.blocked ? 'Block' : 'Unblock'}
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
                toastShown('success', `${contactTitle(contact)} ${confirming.blocked ? 'blocked' : 'unblocked'} in ${confirming.team.teamName}.`);
                setConfirming(null);
              },
            },
          );
        }}
      >
        {confirming?.blocked ? (
          <p>Their texts to {confirming.team.teamName} will still be kept on this page, but nobody is assigned, nothing answers automatically and no survey is sent. Conversations already open stay open.</p>
        ) : (
          <p>Their next text to {confirming?.team.teamName} is queued and routed like anyone else's.</p>
        )}
      </ConfirmDialog>
    </section>
  );
}
