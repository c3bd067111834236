import { useMyTeams } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Button, type ButtonSize, type ButtonVariant } from '@backtalk/console/ui';
import { useTakeNextCommand } from '../actions/use-take-next';

/** Shown to members of a team only: the queue belongs to the teams one answers for. */
export function TakeNextButton({ variant = 'primary', size = 'sm' }: { variant?: ButtonVariant; size?: ButtonSize }) {
  const { data: teams } = useMyTeams();
  const { takeNext, pending } = useTakeNextCommand();
  const { t } = useTranslation('inbox');
  if (!teams || teams.length === 0) return null;
  return (
    <Button
      variant={variant}
      size={size}
      icon="arrow-right"
      pending={pending}
      onClick={takeNext}
      title={t('list.routing.takeNextTitle')}
    >
      {t('list.routing.takeNext')}
    </Button>
  );
}
