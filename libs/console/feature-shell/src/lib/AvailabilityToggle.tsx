import { chooseAvailability, useAvailability, useSignedInUser, type Availability } from '@backtalk/console/data-access';
import { Icon, Menu } from '@backtalk/console/ui';

const OPTIONS: Record<Availability, { label: string; hint: string }> = {
  online: { label: 'Online', hint: 'Gets new conversations' },
  away: { label: 'Away', hint: 'No new conversations' },
};

/**
 * Whether routing may hand this agent new conversations. Away keeps the conversations they hold (only being offline
 * can return them to the queue, and only in teams set to do so), and they can still take the next one themselves.
 */
export function AvailabilityToggle() {
  const user = useSignedInUser();
  const availability = useAvailability();
  const { label } = OPTIONS[availability];
  return (
    <span className={`bt-availability bt-availability--${availability}`} data-testid="availability" data-availability={availability}>
      <Menu
        label={`Availability: ${label}. Change`}
        variant="ghost"
        size="sm"
        align="end"
        title={`You are ${label.toLowerCase()}: ${OPTIONS[availability].hint.toLowerCase()}`}
        entries={[
          { kind: 'heading', id: 'h', label: 'Your availability' },
          ...(Object.keys(OPTIONS) as Availability[]).map((value) => ({
            id: value,
            label: OPTIONS[value].label,
            hint: OPTIONS[value].hint,
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
