import { describeError, useQueues } from '@backtalk/console/data-access';
import { TakeNextButton } from '@backtalk/console/feature-inbox';
import { Banner, Button, EmptyState, LoadingState, PageHeader } from '@backtalk/console/ui';
import { QueueCard } from './QueueCard';
import './queues.css';

/** Every team's queue at a glance, live: for supervisors watching the load, and for agents choosing when to take more. */
export function QueuesPage() {
  const queues = useQueues();
  return (
    <div className="bt-queues">
      <PageHeader
        title="Queues"
        description="Who is waiting in each team, for how long, and who is free to answer. Updates live."
        actions={<TakeNextButton size="md" />}
      />
      {queues.error && !queues.data ? (
        <Banner
          tone="danger"
          title="Couldn't load the queues."
          action={
            <Button size="sm" onClick={() => void queues.refetch()}>
              Try again
            </Button>
          }
        >
          {describeError(queues.error)}
        </Banner>
      ) : queues.isPending ? (
        <LoadingState label="Loading queues…" />
      ) : queues.data.length === 0 ? (
        <EmptyState compact icon="queue" title="No queues to show">
          <p>Each team is a queue. You see the queues of the teams you belong to.</p>
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
