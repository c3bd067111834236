import { formatMoney, type ChannelView } from '@backtalk/contracts';
import { useToastActions } from '@backtalk/console/data-access';
import { Badge, Button, CopyField, DetailList, Dialog, DialogFooter } from '@backtalk/console/ui';
import { currentLanguage, useTranslation } from '@backtalk/console/i18n';
import type { ReactNode } from 'react';
import { formatMinutes } from './channel-display';
import { countryName } from './channel-form';
import { formatSender, markedSecretLabel, orderedSecretsSet, PROVIDER_SPECS, SENDER_TYPE_LABELS } from './providers';
import { withProviderTerms } from './provider-terms';

function None() {
  const { t } = useTranslation('admin');
  return <span className="bt-muted">{t('shared.none')}</span>;
}

const none = <None />;

/** Which credentials are set, never their values; a missing required one is worth a warning. */
export function SecretBadges({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation('admin');
  const missing = PROVIDER_SPECS[channel.provider].secrets.filter((spec) => spec.required && !channel.secretsSet.includes(spec.field));
  if (channel.secretsSet.length === 0 && missing.length === 0) return none;
  return (
    <span className="bt-badges">
      {orderedSecretsSet(channel.provider, channel.secretsSet).map((field) => (
        <Badge key={field} tone="success">
          {withProviderTerms(markedSecretLabel(channel.provider, field))} ✓
        </Badge>
      ))}
      {missing.map((spec) => (
        <Badge key={spec.field} tone="warning">
          {withProviderTerms(t('channels.detailsDialog.secretMissing', { name: spec.markedLabel }))}
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
  const { t } = useTranslation('admin');
  const { toastShown } = useToastActions();
  const { confirmations, keywords } = channel;
  const country = countryName(channel.country);
  return (
    <div className="bt-form">
      <CopyField
        label={t('channels.columns.webhook')}
        value={channel.webhookUrl}
        multiline
        copyAccessibleName={t('channels.copyWebhookFor', { name: channel.name })}
        onCopied={() => toastShown('success', t('channels.webhookCopied'))}
        hint={withProviderTerms(t('channels.detailsDialog.webhookHint', { console: PROVIDER_SPECS[channel.provider].console }))}
      />
      <DetailList
        items={[
          { label: t('channels.columns.provider'), value: PROVIDER_SPECS[channel.provider].label },
          { label: t('channels.columns.sender'), value: `${formatSender(channel, formatPhone)} · ${SENDER_TYPE_LABELS[channel.senderType]}` },
          { label: t('channels.form.country'), value: country ? `${country} (${channel.country})` : channel.country },
          { label: t('channels.columns.team'), value: teamName ?? <span className="bt-muted">{t('channels.detailsDialog.unknownTeam')}</span> },
          { label: t('channels.columns.status'), value: channel.active ? <Badge tone="success">{t('shared.active')}</Badge> : <Badge>{t('shared.inactive')}</Badge> },
          { label: t('channels.detailsDialog.credentials'), value: <SecretBadges channel={channel} /> },
          { label: t('channels.form.helpText'), value: channel.helpText || none },
          {
            label: t('channels.form.keywords'),
            value: (
              <Lines
                lines={[
                  [t('channels.detailsDialog.optOut'), listOrNone(keywords.optOut)],
                  [t('channels.detailsDialog.optIn'), listOrNone(keywords.optIn)],
                  [t('channels.detailsDialog.help'), listOrNone(keywords.help)],
                ]}
              />
            ),
          },
          {
            label: t('channels.form.confirmations'),
            value: (
              <Lines
                lines={[
                  [t('channels.detailsDialog.optOut'), confirmations.optOut ?? none],
                  [t('channels.detailsDialog.optIn'), confirmations.optIn ?? none],
                  [t('channels.detailsDialog.help'), confirmations.help ? t('channels.detailsDialog.helpAnswered') : none],
                ]}
              />
            ),
          },
          { label: t('channels.detailsDialog.reopenWindow'), value: formatMinutes(channel.reopenWindowMinutes) },
          { label: t('channels.detailsDialog.rate'), value: t('channels.detailsDialog.rateValue', { count: channel.ratePerSecond }) },
          {
            label: t('channels.detailsDialog.price'),
            value: channel.pricePerSegment > 0 ? t('channels.detailsDialog.priceValue', { price: formatMoney(channel.pricePerSegment, channel.currency, currentLanguage()) }) : none,
          },
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
  const { t } = useTranslation('admin');
  return (
    <Dialog open={channel !== null} onClose={onClose} size="lg" title={channel?.name ?? ''} description={t('channels.detailsDialog.onlyAdmins')}>
      {channel ? (
        <>
          <ChannelDetails channel={channel} teamName={teamName} formatPhone={formatPhone} />
          <DialogFooter>
            <Button variant="primary" onClick={onClose} data-autofocus>
              {t('shared.done')}
            </Button>
          </DialogFooter>
        </>
      ) : null}
    </Dialog>
  );
}
