import { AssignmentPolicy, Role, type QueueAgentView, type QueueView } from '@backtalk/contracts';
import { usePresences, useSignedInUser } from '@backtalk/console/data-access';
import { Avatar, Badge, cx, Icon, LANGUAGE_CODES, LANGUAGE_LABELS, POLICY_LABELS, PRESENCE_LABELS, PRIORITIES_BY_URGENCY, PRIORITY_LABELS, useNow } from '@backtalk/console/ui';
import { useTranslation } from '@backtalk/console/i18n';
import { Link } from 'react-router-dom';
import { availabilitySummary, formatWait, loadState, openingState, sortAgents } from './queue-display';


function Stat({ label, value, tone, testId }: { label: string; value: string; tone?: 'warning' | 'danger'; testId: string }) {
  return (
    <div className={cx('bt-queue__stat', tone && `bt-queue__stat--${tone}`)}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** Ticks every second on its own, so the rest of the card does not re-render with it. */
function LongestWait({ since }: { since: string | null }) {
  const { t } = useTranslation('queues');
  const now = useNow(1_000);
  const waited = since ? now - Date.parse(since) : null;
  return <Stat label={t('card.longestWait')} value={waited === null ? '—' : formatWait(waited)} tone={waited !== null && waited >= 15 * 60_000 ? 'warning' : undefined} testId="queue-longest-wait" />;
}

function AgentRow({ agent }: { agent: QueueAgentView }) {
  const { t } = useTranslation('queues');
  const me = useSignedInUser();
  const load = loadState(agent.load, agent.capacity);
  const status = PRESENCE_LABELS[agent.status];
  return (
    <li className={cx('bt-queue-agent', `bt-queue-agent--${agent.status}`)} data-testid="queue-agent" data-user-id={agent.userId} data-status={agent.status}>
      <Avatar name={agent.name} size="sm" presence={agent.status} title={t('agents.status', { name: agent.name, status })} />
      <span className="bt-queue-agent__who">
        <span className="bt-queue-agent__name">
          <span translate="no">{agent.name}</span>
          {agent.userId === me.id ? <span className="bt-muted"> {t('agents.you')}</span> : null}
        </span>
        <span className="bt-queue-agent__status">{status}</span>
      </span>
      <span className="bt-queue-agent__languages" role="img" aria-label={agent.languages.length > 0 ? t('agents.speaks', { languages: agent.languages.map((l) => LANGUAGE_LABELS[l]).join(', ') }) : t('agents.noLanguages')}>
        {agent.languages.map((language) => (
          <span key={language} className="bt-queue-agent__language" title={LANGUAGE_LABELS[language]} aria-hidden="true">
            {LANGUAGE_CODES[language]}
          </span>
        ))}
      </span>
      <span className={cx('bt-queue-agent__load', `bt-queue-agent__load--${load.tone}`)} title={agent.capacity === null ? t('load.titleUnlimited') : t('load.titleCapacity')}>
        {load.ratio !== null ? (
          <span className="bt-queue-agent__bar" aria-hidden="true">
            <span style={{ width: `${Math.round(load.ratio * 100)}%` }} />
          </span>
        ) : null}
        <span className="bt-queue-agent__load-text" data-testid="queue-agent-load">
          {load.text}
        </span>
      </span>
    </li>
  );
}

export function QueueCard({ queue }: { queue: QueueView }) {
  const { t } = useTranslation('queues');
  const me = useSignedInUser();
  const presences = usePresences();
  const now = useNow();
  // Presence arrives live on the socket; the queue's own copy is as old as its last fetch.
  const agents = sortAgents(queue.agents.map((agent) => ({ ...agent, status: presences[agent.userId]?.status ?? agent.status })));
  const opening = openingState(queue, now);
  const canManage = me.role === Role.Admin || (me.role === Role.Supervisor && me.teamIds.includes(queue.teamId));

  return (
    <section className="bt-queue" aria-label={t('card.label', { team: queue.teamName })} data-testid="queue-card" data-team-id={queue.teamId}>
      <header className="bt-queue__header">
        <div className="bt-queue__title">
          <h2 translate="no">{queue.teamName}</h2>
          <p className="bt-queue__policy" title={t(`policyHints.${queue.policy}`)}>
            <Icon name={queue.policy === AssignmentPolicy.Manual ? 'user' : 'shuffle'} size={12} />
            {POLICY_LABELS[queue.policy]}
            <span className="bt-muted"> · {t(`policyHints.${queue.policy}`)}</span>
          </p>
        </div>
        <span className={cx('bt-queue__opening', !opening.open && 'bt-queue__opening--closed')} data-testid="queue-opening">
          <Badge tone={opening.open ? 'success' : 'neutral'}>{opening.label}</Badge>
          <span className="bt-queue__opening-detail">{opening.detail}</span>
        </span>
      </header>

      <dl className="bt-queue__stats">
        <Stat label={t('card.waiting')} value={String(queue.waiting)} testId="queue-waiting" />
        <LongestWait since={queue.oldestWaitingSince} />
        <Stat label={t('card.slaAtRisk')} value={String(queue.slaAtRisk)} tone={queue.slaAtRisk > 0 ? 'warning' : undefined} testId="queue-sla-at-risk" />
        <Stat label={t('card.slaBreached')} value={String(queue.slaBreached)} tone={queue.slaBreached > 0 ? 'danger' : undefined} testId="queue-sla-breached" />
      </dl>

      <div className="bt-queue__priorities" aria-label={t('card.byPriority')}>
        {PRIORITIES_BY_URGENCY.map((priority) => (
          <span
            key={priority}
            className={cx('bt-queue__priority', `bt-queue__priority--${priority}`, queue.waitingByPriority[priority] === 0 && 'bt-queue__priority--none')}
            data-testid={`queue-priority-${priority}`}
          >
            <span className="bt-queue__priority-dot" aria-hidden="true" />
            {PRIORITY_LABELS[priority]}
            <strong>{queue.waitingByPriority[priority]}</strong>
          </span>
        ))}
      </div>

      <div className="bt-queue__agents">
        <h3 className="bt-queue__agents-title">
          {t('agents.title')} <span className="bt-muted">· {availabilitySummary(agents)}</span>
        </h3>
        {agents.length === 0 ? (
          <p className="bt-muted">{t('agents.nobody')}</p>
        ) : (
          <ul aria-label={t('agents.listLabel', { team: queue.teamName })}>
            {agents.map((agent) => (
              <AgentRow key={agent.userId} agent={agent} />
            ))}
          </ul>
        )}
      </div>

      {canManage ? (
        <footer className="bt-queue__footer">
          <Link to={`/settings/teams/${queue.teamId}/routing`}>
            <Icon name="settings" size={13} /> {t('card.routingSettings')}
          </Link>
        </footer>
      ) : null}
    </section>
  );
}
