import { RuleTrigger, type AutomationTestRequest, type AutomationTestResult, type ChannelView, type FaqCandidate, type ReplayReport } from '@backtalk/contracts';
import { describeError, useAutomationTest, useChannels, useRecentConversations, useReplayReport, useRules } from '@backtalk/console/data-access';
import { analyseReply, formatCost } from '@backtalk/console/feature-inbox';
import { Badge, Banner, Button, cx, EmptyState, FieldShell, formatConfidence, Icon, LANGUAGE_LABELS, PageHeader, Panel, SelectField, Spinner, Table, type TableColumn } from '@backtalk/console/ui';
import { useEffect, useMemo, useRef, useState } from 'react';
import '../automation.css';
import { AutomationTabs } from '../AutomationTabs';
import { describeActions, type RuleNames } from '../rules/rule-summary';
import { useRuleNames } from '../rules/use-rule-names';
import { autoReplyThreshold, formatShare, recentCustomerMessages, scoreBar } from './bench-display';

const TYPING_PAUSE_MS = 350;
const TOP_FAQS = 5;
const REPLAY_SIZES = ['50', '100', '200'] as const;
type ReplaySize = (typeof REPLAY_SIZES)[number];
type BenchTrigger = NonNullable<AutomationTestRequest['trigger']>;
const BENCH_TRIGGERS: ReadonlyArray<{ value: BenchTrigger; label: string }> = [
  { value: RuleTrigger.InboundMessage, label: 'In a conversation' },
  { value: RuleTrigger.FirstMessage, label: 'First message' },
];

/** The candidates as bars, with a tick where the rules start answering on their own. */
function FaqScores({ faqs, threshold }: { faqs: readonly FaqCandidate[]; threshold: number | null }) {
  if (faqs.length === 0) return <p className="bt-muted bt-small">No FAQ resembles this message at all.</p>;
  return (
    <ol className="bt-scores" aria-label="Closest FAQs">
      {faqs.slice(0, TOP_FAQS).map((faq, index) => {
        const bar = scoreBar(faq.score, threshold);
        return (
          <li key={faq.faqId} className={cx('bt-scores__row', index === 0 && 'bt-scores__row--top')} data-testid="faq-score">
            <span className="bt-scores__title">{faq.title}</span>
            <span className="bt-scores__track" aria-hidden="true">
              <span className={`bt-scores__fill bt-scores__fill--${bar.tone}`} style={{ width: bar.width }} />
              {threshold !== null ? <span className="bt-scores__threshold" style={{ left: `${threshold * 100}%` }} /> : null}
            </span>
            <span className="bt-scores__value">{formatConfidence(faq.score)}</span>
          </li>
        );
      })}
    </ol>
  );
}

function Outcome({ result, names }: { result: AutomationTestResult; names: RuleNames }) {
  if (result.reply) {
    const confidence = formatConfidence(result.reply.confidence);
    const title = result.faqs.find((faq) => faq.faqId === result.reply?.faqId)?.title ?? names.answer(result.reply.cannedAnswerId) ?? 'an answer';
    return (
      <Banner tone="success" title={`Would auto-reply with “${title}”${confidence ? ` (${confidence})` : ''}`}>
        {result.fired.length > 0 ? `Rule “${result.fired[0].name}” fires.` : 'A rule fires.'} The customer gets the reply below at once.
      </Banner>
    );
  }
  if (result.fired.length > 0) {
    return (
      <Banner tone="info" title={`Rule “${result.fired[0].name}” would fire, without a reply`}>
        {result.notes.length > 0 ? 'See the notes below for why nothing would be sent.' : 'Its actions apply; the message waits for an agent.'}
      </Banner>
    );
  }
  // With no rule firing, the API's notes say where the message goes (and what would have blocked a reply anyway).
  return (
    <Banner tone="info" title="No rule fires">
      {result.notes.length > 0 ? result.notes.join(' ') : 'The message goes to the team’s queue untouched, as it would without automation.'}
    </Banner>
  );
}

function BenchResult({ result, channel, threshold }: { result: AutomationTestResult; channel: ChannelView | undefined; threshold: number | null }) {
  const names = useRuleNames();
  const reply = result.reply ? analyseReply(result.reply.body, channel?.pricePerSegment, channel?.smartEncoding ?? false) : null;
  return (
    <div className="bt-bench-result" data-testid="bench-result">
      <Outcome result={result} names={names} />
      <section className="bt-bench-section" aria-label="Closest FAQs">
        <h3 className="bt-bench-section__title">
          Closest FAQs
          {result.language ? <span className="bt-bench-section__aside">Language: {LANGUAGE_LABELS[result.language]}</span> : null}
        </h3>
        <FaqScores faqs={result.faqs} threshold={threshold} />
        {threshold !== null ? <p className="bt-small bt-muted">The tick marks {formatConfidence(threshold)}, the lowest confidence an enabled rule answers at.</p> : null}
      </section>
      {result.fired.length > 0 ? (
        <section className="bt-bench-section" aria-label="Rules that would fire">
          <h3 className="bt-bench-section__title">{result.fired.length === 1 ? 'Rule that would fire' : 'Rules that would fire'}</h3>
          <ol className="bt-fired">
            {result.fired.map((fired) => (
              <li key={fired.ruleId} className="bt-fired__rule">
                <span className="bt-fired__name">{fired.name}</span>
                <span className="bt-fired__actions">{describeActions(fired.actions, names)}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {result.reply && reply ? (
        <section className="bt-bench-section" aria-label="Reply that would be sent">
          <h3 className="bt-bench-section__title">Reply that would be sent</h3>
          <div className="bt-phone bt-phone--compact">
            <p className="bt-phone__bubble" data-testid="bench-reply">
              {result.reply.body}
            </p>
          </div>
          <p className="bt-sms-stats">
            <span className={cx('bt-sms-stats__encoding', reply.encoding === 'UCS-2' && 'bt-sms-stats__encoding--ucs2')}>{reply.encoding === 'UCS-2' ? 'Unicode' : 'GSM-7'}</span>
            <span>
              {reply.segments} {reply.segments === 1 ? 'segment' : 'segments'}
            </span>
            {reply.estimatedCost !== null ? <span>≈ {formatCost(reply.estimatedCost, channel?.currency)}</span> : null}
          </p>
        </section>
      ) : null}
      {result.notes.length > 0 && result.fired.length > 0 ? (
        <section className="bt-bench-section" aria-label="Notes">
          <h3 className="bt-bench-section__title">Notes</h3>
          <ul className="bt-notes">
            {result.notes.map((note) => (
              <li key={note}>
                <Icon name="info" size={13} />
                <span>{note}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function ReplayResults({ report, onTry }: { report: ReplayReport; onTry: (text: string) => void }) {
  const most = Math.max(1, ...report.byFaq.map((row) => row.count));
  const columns: TableColumn<ReplayReport['samples'][number]>[] = [
    { id: 'text', header: 'Customer message', grow: true, cell: (sample) => <span className="bt-replay__text">{sample.text}</span> },
    { id: 'faq', header: 'FAQ', secondary: true, cell: (sample) => sample.faqTitle ?? <span className="bt-muted">—</span> },
    { id: 'confidence', header: 'Confidence', align: 'end', cell: (sample) => formatConfidence(sample.confidence) ?? <span className="bt-muted">—</span> },
    {
      id: 'outcome',
      header: 'Outcome',
      cell: (sample) =>
        sample.wouldReply ? (
          <span title={sample.ruleName ? `Rule “${sample.ruleName}”` : undefined}>
            <Badge tone="success">Auto-reply</Badge>
          </span>
        ) : sample.ruleName ? (
          <span title={`Rule “${sample.ruleName}” fires without a reply`}>
            <Badge tone="accent">Rule, no reply</Badge>
          </span>
        ) : (
          <Badge>To the team</Badge>
        ),
    },
    {
      id: 'try',
      header: <span className="bt-sr-only">Try</span>,
      align: 'end',
      cell: (sample) => (
        <Button size="sm" variant="ghost" aria-label={`Try “${sample.text}” in the test bench`} onClick={() => onTry(sample.text)}>
          Try
        </Button>
      ),
    },
  ];
  return (
    <div className="bt-stack" data-testid="replay-report">
      <div className="bt-replay__summary">
        <p className="bt-replay__figure">
          <strong>{report.autoAnswered}</strong> of {report.messages} {report.messages === 1 ? 'message' : 'messages'}
          <span className="bt-replay__share">{formatShare(report.autoAnswered, report.messages)}</span>
        </p>
        <p className="bt-muted">would have got an automatic answer; the rest would have gone to your agents as they did.</p>
      </div>
      {report.byFaq.length > 0 ? (
        <section className="bt-bench-section" aria-label="Auto-replies by FAQ">
          <h3 className="bt-bench-section__title">By FAQ</h3>
          <ol className="bt-scores">
            {report.byFaq.map((row) => (
              <li key={row.faqId} className="bt-scores__row">
                <span className="bt-scores__title">{row.title}</span>
                <span className="bt-scores__track" aria-hidden="true">
                  <span className="bt-scores__fill bt-scores__fill--above" style={{ width: `${(row.count / most) * 100}%` }} />
                </span>
                <span className="bt-scores__value">{row.count}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {report.samples.length > 0 ? (
        <section className="bt-bench-section" aria-label="Sample messages">
          <h3 className="bt-bench-section__title">Sample messages</h3>
          <Table caption="Replayed messages" columns={columns} rows={report.samples} rowKey={(sample) => sample.messageId} />
        </section>
      ) : null}
    </div>
  );
}

/** Settings → Automation → Test bench: what the rules would do with a message, and with the last N real ones. */
export function TestBenchPage() {
  const { data: channels = [] } = useChannels();
  const { data: rules = [] } = useRules();
  const { data: conversations = [] } = useRecentConversations();
  const [channelId, setChannelId] = useState('');
  const [trigger, setTrigger] = useState<BenchTrigger>(RuleTrigger.InboundMessage);
  const [text, setText] = useState('');
  const [settled, setSettled] = useState('');
  const [replaySize, setReplaySize] = useState<ReplaySize>('200');
  const replay = useReplayReport(Number(replaySize), true);
  const input = useRef<HTMLTextAreaElement>(null);

  const channel = channels.find((candidate) => candidate.id === channelId) ?? channels[0];
  const threshold = useMemo(() => autoReplyThreshold(rules), [rules]);
  const recent = useMemo(() => recentCustomerMessages(conversations, replay.data), [conversations, replay.data]);

  // The bench asks once typing pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const request = settled && channel ? { text: settled, channelId: channel.id, trigger } : null;
  const test = useAutomationTest(request);

  const tryText = (value: string, onChannel?: string | null) => {
    setText(value);
    setSettled(value.trim());
    if (onChannel && channels.some((candidate) => candidate.id === onChannel)) setChannelId(onChannel);
    input.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    input.current?.focus();
  };

  return (
    <>
      <PageHeader title="Automation" description="Try messages against the saved rules and FAQs. Nothing is sent and nothing changes." />
      <AutomationTabs />
      <div className="bt-bench">
        <Panel title="Try a message" description="As if a customer sent it now.">
          <div className="bt-form">
            {channels.length === 0 ? (
              <Banner tone="warning">Add a channel first: rules and FAQs apply per channel and team.</Banner>
            ) : (
              <SelectField
                label="Arrives on"
                value={channel?.id ?? ''}
                onChange={setChannelId}
                options={channels.map((option) => ({ value: option.id, label: option.name }))}
                hint="Its team's rules and FAQs apply."
              />
            )}
            <div className="bt-segmented" role="radiogroup" aria-label="Message">
              {BENCH_TRIGGERS.map((option) => (
                <label key={option.value} className={cx('bt-segmented__option', trigger === option.value && 'bt-segmented__option--checked')}>
                  <input type="radio" name="bench-trigger" checked={trigger === option.value} onChange={() => setTrigger(option.value)} />
                  {option.label}
                </label>
              ))}
            </div>
            <FieldShell label="Customer's message">
              {(control) => (
                <textarea
                  {...control}
                  ref={input}
                  className="bt-input bt-input--multiline"
                  rows={3}
                  placeholder="de moye zamovlennya? / Де моє замовлення?"
                  value={text}
                  onChange={(event) => setText(event.target.value)}
                />
              )}
            </FieldShell>
            {recent.length > 0 ? (
              <div className="bt-field">
                <span className="bt-field__label">Recent customer messages</span>
                <ul className="bt-recent" aria-label="Recent customer messages">
                  {recent.map((message) => (
                    <li key={message.key}>
                      <button type="button" className="bt-recent__message" title={message.text} onClick={() => tryText(message.text, message.channelId)}>
                        {message.text}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        </Panel>
        <Panel title="What would happen" description={test.isFetching ? 'Checking…' : 'Updates as you type.'}>
          {!request ? (
            <EmptyState compact icon="bolt" title="Type a message to try">
              Or pick a recent one. You see the closest FAQs, the rule that would fire and the reply the customer would get.
            </EmptyState>
          ) : test.error ? (
            <Banner tone="danger" title="Couldn't run the test.">
              {describeError(test.error)}
            </Banner>
          ) : test.data ? (
            <div className={cx(test.isPlaceholderData && 'bt-stale')}>
              <BenchResult result={test.data} channel={channel} threshold={threshold} />
            </div>
          ) : (
            <Spinner />
          )}
        </Panel>
      </div>

      <Panel title="Replay" description="The rules as they are now, run over real customer messages as a dry run: how many would have been answered automatically, and with which FAQ.">
        <div className="bt-stack">
          <div className="bt-toolbar">
            <SelectField
              label="Messages to replay"
              hideLabel
              value={replaySize}
              onChange={setReplaySize}
              options={REPLAY_SIZES.map((size) => ({ value: size, label: `Last ${size} customer messages` }))}
            />
            <Button icon="refresh" pending={replay.isFetching} onClick={() => void replay.refetch()}>
              Run again
            </Button>
          </div>
          {replay.error ? (
            <Banner tone="danger" title="Couldn't run the replay.">
              {describeError(replay.error)}
            </Banner>
          ) : replay.data ? (
            replay.data.messages === 0 ? (
              <p className="bt-muted">No customer messages yet: the replay has nothing to run over.</p>
            ) : (
              <ReplayResults report={replay.data} onTry={(value) => tryText(value)} />
            )
          ) : (
            <Spinner />
          )}
        </div>
      </Panel>
    </>
  );
}
