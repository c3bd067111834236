import { describeError, useQueues } from '@backtalk/console/data-access';
import { TakeNextButton } from '@backtalk/console/feature-inbox';
import { useTranslation } from '@backtalk/console/i18n';
import { Banner, Button, EmptyState, LoadingState, PageHeader } from '@backtalk/console/ui';
import { QueueCard } from './QueueCard';
import './queues.css';

/** Every team's queue at a glance, live: for supervisors watching the load, and for agents choosing when to take more. */
export function QueuesPage() {
  const { t } = useTranslation('queues');
  const queues = useQueues();
  return (
    <div className="bt-queues">
      <PageHeader
        title={t('page.title')}
        description={t('page.description')}
        actions={<TakeNextButton size="md" />}
      />
      {queues.error && !queues.data ? (
        <Banner
          tone="danger"
          title={t('page.loadFailed')}
          action={
            <Button size="sm" onClick={() => void queues.refetch()}>
              {t('page.retry')}
            </Button>
          }
        >
          {describeError(queues.error)}
        </Banner>
      ) : queues.isPending ? (
        <LoadingState label={t('page.loading')} />
      ) : queues.data.length === 0 ? (
        <EmptyState compact icon="queue" title={t('page.emptyTitle')}>
          <p>{t('page.emptyBody')}</p>
        </EmptyState>
      ) : (
        <div className="bt-queues__grid">
          {queues.data.map((queue) => (
            <QueueCard key={queue.teamId} queue={queue} />
          ))}
        </div>
      )}
    </div>
  );
}
