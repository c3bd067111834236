import type { ContactDetailView } from '@backtalk/contracts';
import { toFormErrors, useChannels, useStartConversation } from '@backtalk/console/data-access';
import { analyseReply, formatCost } from '@backtalk/console/feature-inbox';
import { Banner, Button, Dialog, DialogFooter, SelectField, TextAreaField } from '@backtalk/console/ui';
import { Trans, useTranslation } from '@backtalk/console/i18n';
import { useMemo, useRef, useState } from 'react';
import { contactTitle, displayPhone } from './phone';

export interface StartConversationDialogProps {
  open: boolean;
  contact: ContactDetailView;
  onClose: () => void;
  onStarted: (conversationId: string) => void;
}

/** Texting this customer first, from one of the viewer's numbers; the API sends it at most once. */
export function StartConversationDialog({ open, contact, onClose, onStarted }: StartConversationDialogProps) {
  const { t } = useTranslation('contacts');
  return (
    <Dialog open={open} onClose={onClose} title={t('start.title')} description={t('start.description', { contact: contactTitle(contact) })}>
      <StartForm contact={contact} onClose={onClose} onStarted={onStarted} />
    </Dialog>
  );
}

function StartForm({ contact, onClose, onStarted }: Omit<StartConversationDialogProps, 'open'>) {
  const { t } = useTranslation('contacts');
  const { data: channels } = useChannels();
  const active = useMemo(() => (channels ?? []).filter((channel) => channel.active), [channels]);
  const optedOut = useMemo(() => new Set(contact.consent.filter((consent) => consent.optedOut).map((consent) => consent.channelId)), [contact.consent]);
  // The number the customer last heard from, when it can still text them; else the first that can.
  const preferred = contact.conversations.map((conversation) => conversation.channelId).find((id) => active.some((channel) => channel.id === id) && !optedOut.has(id));
  const [channelId, setChannelId] = useState<string | null>(null);
  const [body, setBody] = useState('');
  const start = useStartConversation();
  const attempt = useRef<{ key: string; signature: string } | null>(null);

  const channel = active.find((c) => c.id === (channelId ?? preferred)) ?? active.find((c) => !optedOut.has(c.id)) ?? active[0];
  const blocked = channel ? optedOut.has(channel.id) : false;
  const analysis = analyseReply(body, channel?.pricePerSegment, channel?.smartEncoding);
  const errors = toFormErrors(start.error, ['body', 'channelId']);

  if (channels && active.length === 0) {
    return (
      <div className="bt-form">
        <p>{t('start.noChannels')}</p>
        <DialogFooter>
          <Button onClick={onClose}>{t('start.close')}</Button>
        </DialogFooter>
      </div>
    );
  }

  return (
    <form
      className="bt-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!channel || blocked) return;
        const signature = `${channel.id}|${body.trim()}`;
        if (attempt.current?.signature !== signature) attempt.current = { key: crypto.randomUUID(), signature };
        start.mutate(
          { request: { channelId: channel.id, phone: contact.phone, body: body.trim() }, idempotencyKey: attempt.current.key },
          { onSuccess: ({ conversation }) => onStarted(conversation.id) },
        );
      }}
    >
      <SelectField
        label={t('start.from')}
        value={channel?.id ?? ''}
        onChange={setChannelId}
        // Name and number are the channel's own; an option holds text only, so an opted-out one is marked as data with its
        // (translated) note.
        options={active.map((c) => ({ value: c.id, label: t(optedOut.has(c.id) ? 'start.channelOptionOptedOut' : 'start.channelOption', { name: c.name, phone: displayPhone(c.sender) }), isData: true }))}
        error={errors.fields['channelId']}
      />
      {blocked && channel ? (
        <Banner tone="warning" title={t('start.optedOutTitle')}>
          <Trans t={t} i18nKey="start.optedOutBody" values={{ channel: channel.name }} components={{ channel: <span translate="no" /> }} />
        </Banner>
      ) : null}
      <TextAreaField
        label={t('start.message')}
        rows={4}
        value={body}
        autoFocus
        onChange={(event) => setBody(event.target.value)}
        error={errors.fields['body']}
        hint={
          body
            ? analysis.estimatedCost !== null
              ? t('start.encodingWithCost', { encoding: analysis.encoding === 'UCS-2' ? 'unicode' : 'gsm', segments: analysis.segments, cost: formatCost(analysis.estimatedCost, channel?.currency) })
              : t('start.encoding', { encoding: analysis.encoding === 'UCS-2' ? 'unicode' : 'gsm', segments: analysis.segments })
            : t('start.hint')
        }
        required
      />
      {/* An opt-out the page did not know of yet (a STOP a moment ago) comes back here with the API's reason. */}
      {errors.form ? (
        <p className="bt-field__error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <DialogFooter>
        <Button onClick={onClose}>{t('start.cancel')}</Button>
        <Button type="submit" variant="primary" icon="send" pending={start.isPending} disabled={blocked || !body.trim()}>
          {t('start.send')}
        </Button>
      </DialogFooter>
    </form>
  );
}
