import { useTranslation } from '@backtalk/console/i18n';
import { chooseAvailability, useAvailability, useSignedInUser, type Availability } from '@backtalk/console/data-access';
import { Icon, Menu } from '@backtalk/console/ui';

const AVAILABILITIES: readonly Availability[] = ['online', 'away'];

/**
 * Whether routing may hand this agent new conversations. Away keeps the conversations they hold (only being offline
 * can return them to the queue, and only in teams set to do so), and they can still take the next one themselves.
 */
export function AvailabilityToggle() {
  const user = useSignedInUser();
  const availability = useAvailability();
  const { t } = useTranslation('shell');
  const label = t(`availability.${availability}`);
  return (
    <span className={`bt-availability bt-availability--${availability}`} data-testid="availability" data-availability={availability}>
      <Menu
        label={t('availability.menu', { label })}
        variant="ghost"
        size="sm"
        align="end"
        title={t('availability.title', { availability })}
        entries={[
          { kind: 'heading', id: 'h', label: t('availability.heading') },
          ...AVAILABILITIES.map((value) => ({
            id: value,
            label: t(`availability.${value}`),
            hint: t(`availability.${value}Hint`),
            checked: availability === value,
            onSelect: () => chooseAvailability(user.id, value),
          })),
        ]}
      >
        <span className="bt-availability__dot" aria-hidden="true" />
        <span>{label}</span>
        <Icon name="chevron-down" size={12} />
      </Menu>
    </span>
  );
}
