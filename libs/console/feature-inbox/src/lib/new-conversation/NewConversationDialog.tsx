import type { CountryCode } from '@backtalk/phone';
import { describeError, toFormErrors, useChannels, useStartConversation } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Button, Dialog, DialogFooter, SelectField, TextAreaField, TextField } from '@backtalk/console/ui';
import { useMemo, useRef, useState } from 'react';
import { analyseReply, formatCost, newIdempotencyKey } from '../composer/composer-analysis';
import { loadPhone } from '../phone';

export interface NewConversationDialogProps {
  open: boolean;
  onClose: () => void;
  onStarted: (conversationId: string) => void;
}

/** Texting a customer first: which number to send from, to whom, and what. */
export function NewConversationDialog({ open, onClose, onStarted }: NewConversationDialogProps) {
  const { t } = useTranslation('inbox');
  return (
    <Dialog open={open} onClose={onClose} title={t('thread.newConversation.title')} description={t('thread.newConversation.description')}>
      <NewConversationForm onClose={onClose} onStarted={onStarted} />
    </Dialog>
  );
}

function NewConversationForm({ onClose, onStarted }: Omit<NewConversationDialogProps, 'open'>) {
  const { data: channels } = useChannels();
  const active = useMemo(() => (channels ?? []).filter((channel) => channel.active), [channels]);
  const [channelId, setChannelId] = useState('');
  const [phone, setPhone] = useState('');
  const [body, setBody] = useState('');
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const start = useStartConversation();
  const attempt = useRef<{ key: string; signature: string } | null>(null);
  const { t } = useTranslation('inbox');

  const channel = active.find((c) => c.id === channelId) ?? active[0];
  const analysis = analyseReply(body, channel?.pricePerSegment, channel?.smartEncoding);
  const errors = toFormErrors(start.error, ['phone', 'body', 'channelId']);
  const encoding = analysis.encoding === 'UCS-2' ? t('thread.composer.unicode') : 'GSM-7';

  if (channels && active.length === 0) {
    return (
      <div className="bt-form">
        <p>{t('thread.newConversation.noChannel')}</p>
        <DialogFooter>
          <Button onClick={onClose}>{t('thread.newConversation.close')}</Button>
        </DialogFooter>
      </div>
    );
  }

  return (
    <form
      className="bt-form"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!channel) return;
        const { toE164 } = await loadPhone();
        const normalised = toE164(phone, channel.country as CountryCode);
        if (!normalised) {
          setPhoneError(channel.country ? t('thread.newConversation.badPhoneFor', { country: channel.country }) : t('thread.newConversation.badPhone'));
          return;
        }
        const signature = `${channel.id}|${normalised}|${body.trim()}`;
        if (attempt.current?.signature !== signature) attempt.current = { key: newIdempotencyKey(), signature };
        start.mutate(
          { request: { channelId: channel.id, phone: normalised, body: body.trim() }, idempotencyKey: attempt.current.key },
          { onSuccess: ({ conversation }) => onStarted(conversation.id) },
        );
      }}
    >
      <SelectField
        label={t('thread.newConversation.from')}
        value={channel?.id ?? ''}
        onChange={setChannelId}
        options={active.map((c) => ({ value: c.id, label: `${c.name} (${c.sender})`, isData: true }))}
        error={errors.fields['channelId']}
      />
      <TextField
        label={t('thread.newConversation.to')}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        placeholder="+380 50 123 4567"
        value={phone}
        onChange={(event) => {
          setPhone(event.target.value);
          setPhoneError(null);
        }}
        error={phoneError ?? errors.fields['phone']}
        required
      />
      <TextAreaField
        label={t('thread.newConversation.message')}
        rows={4}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        error={errors.fields['body']}
        hint={
          body
            ? analysis.estimatedCost !== null
              ? t('thread.newConversation.statsCost', { encoding, count: analysis.segments, cost: formatCost(analysis.estimatedCost, channel?.currency) })
              : t('thread.newConversation.stats', { encoding, count: analysis.segments })
            : t('thread.newConversation.replyLands')
        }
        required
      />
      {errors.form ? (
        <p className="bt-field__error" role="alert">
          {errors.form}
        </p>
      ) : start.error && !errors.form && Object.keys(errors.fields).length === 0 ? (
        <p className="bt-field__error" role="alert">
          {describeError(start.error)}
        </p>
      ) : null}
      <DialogFooter>
        <Button onClick={onClose}>{t('thread.newConversation.cancel')}</Button>
        <Button type="submit" variant="primary" icon="send" pending={start.isPending} disabled={!phone.trim() || !body.trim()}>
          {t('thread.newConversation.send')}
        </Button>
      </DialogFooter>
    </form>
  );
}
