import { formatMoney, type ChannelView } from '@backtalk/contracts';
import { useToastActions } from '@backtalk/console/data-access';
import { Badge, Button, CopyField, DetailList, Dialog, DialogFooter } from '@backtalk/console/ui';
import type { ReactNode } from 'react';
import { formatMinutes } from './channel-display';
import { countryName } from './channel-form';
import { formatSender, orderedSecretsSet, PROVIDER_SPECS, secretLabel, SENDER_TYPE_LABELS } from './providers';

const none = <span className="bt-muted">None</span>;

/** Which credentials are set, never their values; a missing required one is worth a warning. */
export function SecretBadges({ channel }: { channel: ChannelView }) {
  const missing = PROVIDER_SPECS[channel.provider].secrets.filter((spec) => spec.required && !channel.secretsSet.includes(spec.field));
  if (channel.secretsSet.length === 0 && missing.length === 0) return none;
  return (
    <span className="bt-badges">
      {orderedSecretsSet(channel.provider, channel.secretsSet).map((field) => (
        <Badge key={field} tone="success">
          {secretLabel(channel.provider, field)} ✓
        </Badge>
      ))}
      {missing.map((spec) => (
        <Badge key={spec.field} tone="warning">
          {spec.label} missing
        </Badge>
      ))}
    </span>
  );
}

/** Label/value lines inside one detail, e.g. the three keyword lists. */
function Lines({ lines }: { lines: ReadonlyArray<[string, ReactNode]> }) {
  return (
    <span className="bt-lines">
      {lines.map(([label, value]) => (
        <span key={label}>
          <span className="bt-lines__label">{label}</span>
          <span>{value}</span>
        </span>
      ))}
    </span>
  );
}

const listOrNone = (list: readonly string[]) => (list.length > 0 ? list.join(', ') : none);

interface ChannelDetailsProps {
  channel: ChannelView;
  teamName: string | undefined;
  formatPhone: (e164: string) => string;
}

function ChannelDetails({ channel, teamName, formatPhone }: ChannelDetailsProps) {
  const { toastShown } = useToastActions();
  const { confirmations, keywords } = channel;
  const country = countryName(channel.country);
  return (
    <div className="bt-form">
      <CopyField
        label="Webhook URL"
        value={channel.webhookUrl}
        multiline
        copyAccessibleName={`Copy webhook URL for ${channel.name}`}
        onCopied={() => toastShown('success', 'Webhook URL copied')}
        hint={`Set in ${PROVIDER_SPECS[channel.provider].console} for inbound messages and delivery reports.`}
      />
      <DetailList
        items={[
          { label: 'Provider', value: PROVIDER_SPECS[channel.provider].label },
          { label: 'Sender', value: `${formatSender(channel, formatPhone)} · ${SENDER_TYPE_LABELS[channel.senderType]}` },
          { label: 'Country', value: country ? `${country} (${channel.country})` : channel.country },
          { label: 'Team', value: teamName ?? <span className="bt-muted">Unknown team</span> },
          { label: 'Status', value: channel.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge> },
          { label: 'Credentials', value: <SecretBadges channel={channel} /> },
          { label: 'Help text', value: channel.helpText || none },
          {
            label: 'Keywords',
            value: (
              <Lines
                lines={[
                  ['Opt-out', listOrNone(keywords.optOut)],
                  ['Opt-in', listOrNone(keywords.optIn)],
                  ['Help', listOrNone(keywords.help)],
                ]}
              />
            ),
          },
          {
            label: 'Confirmations',
            value: (
              <Lines
                lines={[
                  ['Opt-out', confirmations.optOut ?? none],
                  ['Opt-in', confirmations.optIn ?? none],
                  ['Help', confirmations.help ? 'Answered with the help text' : none],
                ]}
              />
            ),
          },
          { label: 'Reopen window', value: formatMinutes(channel.reopenWindowMinutes) },
          { label: 'Rate', value: `${channel.ratePerSecond} ${channel.ratePerSecond === 1 ? 'segment' : 'segments'} a second` },
          { label: 'Price', value: channel.pricePerSegment > 0 ? `${formatMoney(channel.pricePerSegment, channel.currency)} a segment` : none },
        ]}
      />
    </div>
  );
}

export interface ChannelDetailsDialogProps {
  channel: ChannelView | null;
  teamName: string | undefined;
  formatPhone: (e164: string) => string;
  onClose: () => void;
}

/** Read-only: what supervisors and agents may know about a channel of their team. */
export function ChannelDetailsDialog({ channel, teamName, formatPhone, onClose }: ChannelDetailsDialogProps) {
  return (
    <Dialog open={channel !== null} onClose={onClose} size="lg" title={channel?.name ?? ''} description="Only admins can change channels.">
      {channel ? (
        <>
          <ChannelDetails channel={channel} teamName={teamName} formatPhone={formatPhone} />
          <DialogFooter>
            <Button variant="primary" onClick={onClose} data-autofocus>
              Done
            </Button>
          </DialogFooter>
        </>
      ) : null}
    </Dialog>
  );
}
