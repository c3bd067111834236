import { type ContactDetailView, Role } from '@backtalk/contracts';
import { describeError, useDownloadContactData, useEraseContact, useSignedInUser, useToastActions } from '@backtalk/console/data-access';
import { Button, Dialog, DialogFooter, TextField } from '@backtalk/console/ui';
import { Trans, useTranslation } from '@backtalk/console/i18n';
import { useState } from 'react';
import { displayPhone } from './phone';

/** Erasing takes an admin; the API refuses anyone else, so nobody else is offered the button. */
export function useCanErase(): boolean {
  return useSignedInUser().role === Role.Admin;
}

/** "Download data": everything about the customer the viewer may see, as the API's JSON document. */
export function DownloadContactDataButton({ contact }: { contact: ContactDetailView }) {
  const { t } = useTranslation('contacts');
  const download = useDownloadContactData();
  const { toastShown } = useToastActions();
  return (
    <Button
      pending={download.isPending}
      title={t('rights.downloadTitle')}
      onClick={() => download.mutate(contact.id, { onError: (error) => toastShown('danger', t('rights.downloadFailed', { reason: describeError(error) })) })}
    >
      {t('rights.download')}
    </Button>
  );
}

export interface EraseContactDialogProps {
  open: boolean;
  contact: ContactDetailView;
  onClose: () => void;
}

/**
 * The admin types the customer's number again before anything goes: erasing cannot be undone, and a number is the one
 * thing they have to look at to type, so the dialog is not clicked through on the wrong customer.
 */
export function EraseContactDialog({ open, contact, onClose }: EraseContactDialogProps) {
  const { t } = useTranslation('contacts');
  return (
    <Dialog open={open} onClose={onClose} title={t('rights.eraseTitle')} size="sm">
      <EraseForm contact={contact} onClose={onClose} />
    </Dialog>
  );
}

function EraseForm({ contact, onClose }: { contact: ContactDetailView; onClose: () => void }) {
  const { t } = useTranslation('contacts');
  const [typed, setTyped] = useState('');
  const erase = useEraseContact();
  const { toastShown } = useToastActions();
  const digits = (value: string) => value.replace(/[^\d]/g, '');
  const matches = digits(typed) !== '' && digits(typed) === digits(contact.phone);
  return (
    <form
      className="bt-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!matches) return;
        erase.mutate(
          { contactId: contact.id, confirmPhone: typed },
          {
            onSuccess: () => {
              toastShown('success', t('rights.erased'));
              onClose();
            },
          },
        );
      }}
    >
      <p className="bt-contact-erase__warning">
        <Trans t={t} i18nKey="rights.eraseBody" values={{ phone: displayPhone(contact.phone) }} components={{ phone: <span className="bt-mono" translate="no" /> }} />
      </p>
      <ul className="bt-contact-erase__list">
        <li>{t('rights.eraseRemoves')}</li>
        <li>{t('rights.eraseKeeps')}</li>
        <li>{t('rights.eraseResolves')}</li>
        <li>{t('rights.eraseOptOut')}</li>
      </ul>
      <TextField
        label={t('rights.confirmLabel')}
        hint={t('rights.confirmHint')}
        inputMode="tel"
        autoComplete="off"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        error={erase.error ? describeError(erase.error) : null}
      />
      <DialogFooter>
        <Button onClick={onClose}>{t('rights.cancel')}</Button>
        <Button type="submit" variant="danger" pending={erase.isPending} disabled={!matches}>
          {t('rights.eraseConfirm')}
        </Button>
      </DialogFooter>
    </form>
  );
}
