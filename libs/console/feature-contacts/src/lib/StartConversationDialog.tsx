import type { ContactDetailView } from '@backtalk/contracts';
import { toFormErrors, useChannels, useStartConversation } from '@backtalk/console/data-access';
import { analyseReply, formatCost } from '@backtalk/console/feature-inbox';
import { Banner, Button, Dialog, DialogFooter, SelectField, TextAreaField } from '@backtalk/console/ui';
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
  return (
    <Dialog open={open} onClose={onClose} title="New conversation" description={`Text ${contactTitle(contact)} from one of your team's numbers.`}>
      <StartForm contact={contact} onClose={onClose} onStarted={onStarted} />
    </Dialog>
  );
}

function StartForm({ contact, onClose, onStarted }: Omit<StartConversationDialogProps, 'open'>) {
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
        <p>None of your teams has an active channel yet. An admin can connect a number under Settings → Channels.</p>
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
        label="From"
        value={channel?.id ?? ''}
        onChange={setChannelId}
        options={active.map((c) => ({ value: c.id, label: `${c.name} (${displayPhone(c.sender)})${optedOut.has(c.id) ? ' · opted out' : ''}` }))}
        error={errors.fields['channelId']}
      />
      {blocked && channel ? (
        <Banner tone="warning" title="This customer opted out of this number">
          They texted STOP to {channel.name}, so nothing can be sent from it until they text START. Pick another number, or wait for them to write.
        </Banner>
      ) : null}
      <TextAreaField
        label="Message"
        rows={4}
        value={body}
        autoFocus
        onChange={(event) => setBody(event.target.value)}
        error={errors.fields['body']}
        hint={
          body
            ? `${analysis.encoding === 'UCS-2' ? 'Unicode' : 'GSM-7'} · ${analysis.segments} ${analysis.segments === 1 ? 'segment' : 'segments'}${
                analysis.estimatedCost !== null ? ` · ≈ ${formatCost(analysis.estimatedCost, channel?.currency)}` : ''
              }`
            : 'Their reply lands in the new conversation.'
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
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" icon="send" pending={start.isPending} disabled={blocked || !body.trim()}>
          Send
        </Button>
      </DialogFooter>
    </form>
  );
}
