import { MessageDirection, type ActivityView, type AssignmentRecordView, type ConversationView } from '@backtalk/contracts';
import { loadOlderMessages, loadThread, useAssignmentHistory, useThread, useThreadActivity, useThreadMessages } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { Banner, Button, cx, formatDateTime, formatDayLabel, formatTime, formatUpcoming, Icon, Spinner, useNow } from '@backtalk/console/ui';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { usePeople, useTeamMap } from '../directory';
import { describeAssignment } from '../routing/assignment-display';
import { activityData, describeActivity, isShownInThread, type ActivityLine as ActivityLineText } from './activity-line';
import { splitData } from './data-in-text';
import { MessageBubble } from './MessageBubble';
import { withDaySeparators } from './message-display';

const NO_RECORDS: AssignmentRecordView[] = [];
const NO_LINES: ActivityView[] = [];

/** A line's sentence, with the names it quotes marked as content that translation leaves alone. */
function SentenceWithData({ text, data }: { text: string; data: readonly string[] }) {
  return (
    <span>
      {splitData(text, data).map((part, index) =>
        part.isData ? (
          <span key={index} translate="no">
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </span>
  );
}

/** Something else that happened to the conversation (resolved, snoozed, opted out…), as a quiet line. */
function ActivityLine({ activity, line }: { activity: ActivityView; line: ActivityLineText }) {
  return (
    <p className={cx('bt-thread__event-text', `bt-thread__event-text--${line.tone}`)} data-testid="activity-line" data-activity-type={activity.type}>
      <Icon name={line.icon} size={12} />
      <SentenceWithData text={line.text} data={activityData(activity)} />
      <time dateTime={activity.occurredAt} title={formatDateTime(activity.occurredAt)}>
        {formatTime(activity.occurredAt)}
      </time>
    </p>
  );
}

/** A change of hands, as a quiet line between the messages. */
function AssignmentLine({ record, text, names }: { record: AssignmentRecordView; text: string; names: readonly string[] }) {
  return (
    <p className="bt-thread__event-text" data-testid="assignment-event">
      <Icon name={record.assigneeId ? 'user' : 'queue'} size={12} />
      <SentenceWithData text={text} data={names} />
      <time dateTime={record.createdAt} title={formatDateTime(record.createdAt)}>
        {formatTime(record.createdAt)}
      </time>
    </p>
  );
}

/** Closer than this to the bottom counts as reading the newest messages: new ones scroll into view. */
const STICK_TO_BOTTOM_PX = 120;
/** Closer than this to the top fetches older messages. */
const LOAD_OLDER_PX = 200;

export function MessageThread({ conversation, selfId }: { conversation: ConversationView; selfId: string }) {
  const thread = useThread(conversation.id);
  const messages = useThreadMessages(conversation.id);
  const people = usePeople();
  const teams = useTeamMap();
  const now = useNow();
  const { t } = useTranslation('inbox');
  const { data: records = NO_RECORDS } = useAssignmentHistory(conversation.id);
  const activity = useThreadActivity(conversation.id);
  // While older messages are not loaded, older changes of hands would float above the messages they came after.
  const firstSentAt = messages[0]?.sentAt;
  const olderPending = !!thread?.olderCursor;
  const shownRecords = useMemo(
    () => (thread?.loaded ? records.filter((record) => !olderPending || (!!firstSentAt && record.createdAt >= firstSentAt)) : NO_RECORDS),
    [records, thread?.loaded, olderPending, firstSentAt],
  );
  const shownActivity = useMemo(
    () => (thread?.loaded ? activity.filter((line) => isShownInThread(line) && (!olderPending || (!!firstSentAt && line.occurredAt >= firstSentAt))) : NO_LINES),
    [activity, thread?.loaded, olderPending, firstSentAt],
  );
  const events = useMemo(
    () =>
      [...shownRecords.map((record) => ({ id: record.id, createdAt: record.createdAt })), ...shownActivity.map((line) => ({ id: line.id, createdAt: line.occurredAt }))].sort((a, b) =>
        a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
      ),
    [shownRecords, shownActivity],
  );
  const items = useMemo(() => withDaySeparators(messages, events), [messages, events]);
  const byId = useMemo(() => new Map(messages.map((message) => [message.id, message])), [messages]);
  const recordTexts = useMemo(
    () =>
      new Map(
        shownRecords.map((record) => [
          record.id,
          {
            record,
            text: describeAssignment(record, { selfId, person: (id) => people.get(id)?.name, team: (id) => teams.get(id)?.name }),
            names: [record.actorId, record.assigneeId, record.previousAssigneeId].flatMap((id) => (id ? (people.get(id)?.name ?? []) : [])).concat(teams.get(record.teamId)?.name ?? []),
          },
        ]),
      ),
    [shownRecords, selfId, people, teams],
  );
  const activityTexts = useMemo(
    () => new Map(shownActivity.map((line) => [line.id, { activity: line, line: describeActivity(line, { selfId, when: (iso) => formatUpcoming(iso, now) }) }])),
    [shownActivity, selfId, now],
  );

  const scroller = useRef<HTMLDivElement>(null);
  const shown = useRef<{ conversationId: string; firstId: string | null; lastId: string | null; height: number }>({
    conversationId: '',
    firstId: null,
    lastId: null,
    height: 0,
  });
  const nearBottom = useRef(true);
  const [unseen, setUnseen] = useState(0);

  // Keep the reader where they are: at the bottom when they were there, at the same message when older ones load.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const previous = shown.current;
    const firstId = messages[0]?.id ?? null;
    const last = messages[messages.length - 1];
    const lastId = last?.id ?? null;

    if (previous.conversationId !== conversation.id) {
      element.scrollTop = element.scrollHeight;
      nearBottom.current = true;
      setUnseen(0);
    } else if (firstId !== previous.firstId && lastId === previous.lastId) {
      element.scrollTop += element.scrollHeight - previous.height;
    } else if (lastId !== previous.lastId && last) {
      const mine = last.authorId === selfId || last.direction === MessageDirection.Internal;
      if (nearBottom.current || mine) {
        element.scrollTop = element.scrollHeight;
        setUnseen(0);
      } else {
        setUnseen((count) => count + 1);
      }
    }
    shown.current = { conversationId: conversation.id, firstId, lastId, height: element.scrollHeight };
  }, [messages, conversation.id, selfId]);

  // A change of hands while the reader is at the bottom stays in view, as a new message would.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && nearBottom.current) element.scrollTop = element.scrollHeight;
  }, [shownRecords.length, shownActivity.length]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    nearBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_TO_BOTTOM_PX;
    if (nearBottom.current && unseen > 0) setUnseen(0);
    if (element.scrollTop < LOAD_OLDER_PX && thread?.olderCursor && !thread.loading) void loadOlderMessages(conversation.id);
  };

  const jumpToLatest = () => {
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight, behavior: 'smooth' });
    setUnseen(0);
  };

  return (
    <div className="bt-thread">
      <div ref={scroller} className="bt-thread__scroller" onScroll={onScroll} data-testid="thread">
        {thread?.olderCursor ? (
          <div className="bt-thread__older">
            {thread.loading ? (
              <>
                <Spinner size="sm" /> {t('thread.thread.loadingOlder')}
              </>
            ) : (
              <Button size="sm" variant="ghost" onClick={() => void loadOlderMessages(conversation.id)}>
                {t('thread.thread.loadOlder')}
              </Button>
            )}
          </div>
        ) : thread?.loaded && messages.length > 0 ? (
          <p className="bt-thread__start">{t('thread.thread.start')}</p>
        ) : null}
        {!thread?.loaded && thread?.error ? (
          <Banner
            tone="danger"
            action={
              <Button size="sm" onClick={() => void loadThread(conversation.id)}>
                {t('thread.thread.retry')}
              </Button>
            }
          >
            {thread.error}
          </Banner>
        ) : null}
        {!thread?.loaded && !thread?.error ? (
          <div className="bt-thread__loading" role="status">
            <Spinner /> {t('thread.thread.loading')}
          </div>
        ) : null}
        <ol className="bt-thread__items" aria-label={t('thread.thread.messages')}>
          {items.map((item) =>
            item.kind === 'day' ? (
              <li key={item.key} className="bt-thread__day" aria-label={formatDayLabel(item.value, now)}>
                <span>{formatDayLabel(item.value, now)}</span>
              </li>
            ) : item.kind === 'event' ? (
              <li key={item.key} className="bt-thread__event">
                {recordTexts.has(item.value) ? <AssignmentLine {...recordTexts.get(item.value)!} /> : null}
                {activityTexts.has(item.value) ? <ActivityLine {...activityTexts.get(item.value)!} /> : null}
              </li>
            ) : (
              <li key={item.key} className={cx('bt-thread__item', item.continued && 'bt-thread__item--continued')}>
                <MessageBubble
                  message={byId.get(item.value)!}
                  author={people.get(byId.get(item.value)?.authorId ?? '')}
                  selfId={selfId}
                  lastInRun={item.lastInRun}
                />
              </li>
            ),
          )}
        </ol>
      </div>
      {unseen > 0 ? (
        <button type="button" className="bt-thread__jump" onClick={jumpToLatest}>
          <Icon name="chevron-down" size={14} />
          {t('thread.thread.newMessages', { count: unseen })}
        </button>
      ) : null}
    </div>
  );
}
