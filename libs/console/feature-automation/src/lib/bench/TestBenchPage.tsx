import { RuleTrigger, type AutomationTestNote, type AutomationTestRequest, type AutomationTestResult, type ChannelView, type FaqCandidate, type ReplayReport } from '@backtalk/contracts';
import { describeError, describeHold, useAutomationTest, useChannels, useRecentConversations, useReplayReport, useRules } from '@backtalk/console/data-access';
import { analyseReply, formatCost } from '@backtalk/console/feature-inbox';
import { useTranslation } from '@backtalk/console/i18n';
import { Badge, Banner, Button, cx, EmptyState, FieldShell, formatConfidence, Icon, LANGUAGE_LABELS, PageHeader, Panel, SelectField, Spinner, Table, type TableColumn } from '@backtalk/console/ui';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import '../automation.css';
import { AutomationTabs } from '../AutomationTabs';
import { describeActions, markSummaryData, type RuleNames } from '../rules/rule-summary';
import { SummaryText } from '../rules/SummaryText';
import { useRuleNames } from '../rules/use-rule-names';
import { autoReplyThreshold, formatShare, recentCustomerMessages, scoreBar } from './bench-display';

const TYPING_PAUSE_MS = 350;

const noteKey = (note: AutomationTestNote) => JSON.stringify(note);

/** One of the bench's notes as a sentence in the console's language; names from the records are marked as data. */
function BenchNote({ note }: { note: AutomationTestNote }) {
  const { t } = useTranslation('automation');
  if (note.kind === 'no_rule_fires') return <>{t('bench.toQueue')}</>;
  const marked = Object.fromEntries(Object.entries(note).map(([key, value]) => [key, typeof value === 'string' && key !== 'kind' ? markSummaryData(value) : value]));
  return <SummaryText summary={t('bench.noReplyBecause', { reason: describeHold(marked) })} />;
}
const TOP_FAQS = 5;
const REPLAY_SIZES = ['50', '100', '200'] as const;
type ReplaySize = (typeof REPLAY_SIZES)[number];
type BenchTrigger = NonNullable<AutomationTestRequest['trigger']>;
const BENCH_TRIGGERS: ReadonlyArray<{ value: BenchTrigger; labelKey: string }> = [
  { value: RuleTrigger.InboundMessage, labelKey: 'bench.inConversation' },
  { value: RuleTrigger.FirstMessage, labelKey: 'bench.firstMessage' },
];

/** The candidates as bars, with a tick where the rules start answering on their own. */
function FaqScores({ faqs, threshold }: { faqs: readonly FaqCandidate[]; threshold: number | null }) {
  const { t } = useTranslation('automation');
  if (faqs.length === 0) return <p className="bt-muted bt-small">{t('bench.noResemblance')}</p>;
  return (
    <ol className="bt-scores" aria-label={t('bench.closestFaqs')}>
      {faqs.slice(0, TOP_FAQS).map((faq, index) => {
        const bar = scoreBar(faq.score, threshold);
        return (
          <li key={faq.faqId} className={cx('bt-scores__row', index === 0 && 'bt-scores__row--top')} data-testid="faq-score">
            <span translate="no" className="bt-scores__title">{faq.title}</span>
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
  const { t } = useTranslation('automation');
  if (result.reply) {
    const confidence = formatConfidence(result.reply.confidence);
    const title = result.faqs.find((faq) => faq.faqId === result.reply?.faqId)?.title ?? names.answer(result.reply.cannedAnswerId) ?? t('bench.someAnswer');
    return (
      <Banner tone="success" title={confidence ? t('bench.wouldAutoReplyConfidence', { title, confidence }) : t('bench.wouldAutoReply', { title })}>
        {result.fired.length > 0 ? t('bench.ruleFires', { name: result.fired[0].name }) : t('bench.aRuleFires')}
      </Banner>
    );
  }
  if (result.fired.length > 0) {
    return (
      <Banner tone="info" title={t('bench.firesWithoutReply', { name: result.fired[0].name })}>
        {result.notes.length > 0 ? t('bench.seeNotes') : t('bench.actionsApply')}
      </Banner>
    );
  }
  // With no rule firing, the notes say where the message goes (and what would have blocked a reply anyway).
  return (
    <Banner tone="info" title={t('bench.noRuleFires')}>
      {result.notes.length > 0 ? result.notes.map((note) => <BenchNote key={noteKey(note)} note={note} />).reduce<ReactNode[]>((all, note) => (all.length > 0 ? [...all, ' ', note] : [note]), []) : t('bench.toQueue')}
    </Banner>
  );
}

function BenchResult({ result, channel, threshold }: { result: AutomationTestResult; channel: ChannelView | undefined; threshold: number | null }) {
  const { t } = useTranslation('automation');
  const names = useRuleNames();
  const reply = result.reply ? analyseReply(result.reply.body, channel?.pricePerSegment, channel?.smartEncoding ?? false) : null;
  return (
    <div className="bt-bench-result" data-testid="bench-result">
      <Outcome result={result} names={names} />
      <section className="bt-bench-section" aria-label={t('bench.closestFaqs')}>
        <h3 className="bt-bench-section__title">
          {t('bench.closestFaqs')}
          {result.language ? <span className="bt-bench-section__aside">{t('bench.language', { language: LANGUAGE_LABELS[result.language] })}</span> : null}
        </h3>
        <FaqScores faqs={result.faqs} threshold={threshold} />
        {threshold !== null ? <p className="bt-small bt-muted">{t('bench.tick', { confidence: formatConfidence(threshold) })}</p> : null}
      </section>
      {result.fired.length > 0 ? (
        <section className="bt-bench-section" aria-label={t('bench.wouldFireSection')}>
          <h3 className="bt-bench-section__title">{t('bench.wouldFire', { count: result.fired.length })}</h3>
          <ol className="bt-fired">
            {result.fired.map((fired) => (
              <li key={fired.ruleId} className="bt-fired__rule">
                <span translate="no" className="bt-fired__name">{fired.name}</span>
                <span className="bt-fired__actions">
                  <SummaryText summary={describeActions(fired.actions, names, markSummaryData)} />
                </span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {result.reply && reply ? (
        <section className="bt-bench-section" aria-label={t('bench.replySection')}>
          <h3 className="bt-bench-section__title">{t('bench.replySection')}</h3>
          <div className="bt-phone bt-phone--compact">
            <p className="bt-phone__bubble" data-testid="bench-reply" translate="no">
              {result.reply.body}
            </p>
          </div>
          <p className="bt-sms-stats">
            <span className={cx('bt-sms-stats__encoding', reply.encoding === 'UCS-2' && 'bt-sms-stats__encoding--ucs2')}>{reply.encoding === 'UCS-2' ? 'Unicode' : 'GSM-7'}</span>
            <span>{t('common.segments', { count: reply.segments })}</span>
            {reply.estimatedCost !== null ? <span>≈ {formatCost(reply.estimatedCost, channel?.currency)}</span> : null}
          </p>
        </section>
      ) : null}
      {result.notes.length > 0 && result.fired.length > 0 ? (
        <section className="bt-bench-section" aria-label={t('bench.notes')}>
          <h3 className="bt-bench-section__title">{t('bench.notes')}</h3>
          <ul className="bt-notes">
            {result.notes.map((note) => (
              <li key={noteKey(note)}>
                <Icon name="info" size={13} />
                <span>
                  <BenchNote note={note} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function ReplayResults({ report, onTry }: { report: ReplayReport; onTry: (text: string) => void }) {
  const { t } = useTranslation('automation');
  const most = Math.max(1, ...report.byFaq.map((row) => row.count));
  const columns: TableColumn<ReplayReport['samples'][number]>[] = [
    { id: 'text', header: t('bench.columnMessage'), grow: true, cell: (sample) => <span translate="no" className="bt-replay__text">{sample.text}</span> },
    { id: 'faq', header: t('bench.columnFaq'), secondary: true, cell: (sample) => sample.faqTitle ?? <span className="bt-muted">—</span> },
    { id: 'confidence', header: t('bench.columnConfidence'), align: 'end', cell: (sample) => formatConfidence(sample.confidence) ?? <span className="bt-muted">—</span> },
    {
      id: 'outcome',
      header: t('bench.columnOutcome'),
      cell: (sample) =>
        sample.wouldReply ? (
          <span title={sample.ruleName ? t('bench.ruleTitle', { name: sample.ruleName }) : undefined}>
            <Badge tone="success">{t('bench.autoReply')}</Badge>
          </span>
        ) : sample.ruleName ? (
          <span title={t('bench.ruleNoReplyTitle', { name: sample.ruleName })}>
            <Badge tone="accent">{t('bench.ruleNoReply')}</Badge>
          </span>
        ) : (
          <Badge>{t('bench.toTeam')}</Badge>
        ),
    },
    {
      id: 'try',
      header: <span className="bt-sr-only">{t('bench.try')}</span>,
      align: 'end',
      cell: (sample) => (
        <Button size="sm" variant="ghost" aria-label={t('bench.tryLabel', { text: sample.text })} onClick={() => onTry(sample.text)}>
          {t('bench.try')}
        </Button>
      ),
    },
  ];
  return (
    <div className="bt-stack" data-testid="replay-report">
      <div className="bt-replay__summary">
        <p className="bt-replay__figure">
          <strong>{report.autoAnswered}</strong> {t('bench.ofMessages', { total: report.messages })}
          <span className="bt-replay__share">{formatShare(report.autoAnswered, report.messages)}</span>
        </p>
        <p className="bt-muted">{t('bench.autoAnsweredRest')}</p>
      </div>
      {report.byFaq.length > 0 ? (
        <section className="bt-bench-section" aria-label={t('bench.byFaqSection')}>
          <h3 className="bt-bench-section__title">{t('bench.byFaq')}</h3>
          <ol className="bt-scores">
            {report.byFaq.map((row) => (
              <li key={row.faqId} className="bt-scores__row">
                <span translate="no" className="bt-scores__title">{row.title}</span>
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
        <section className="bt-bench-section" aria-label={t('bench.samples')}>
          <h3 className="bt-bench-section__title">{t('bench.samples')}</h3>
          <Table caption={t('bench.samplesCaption')} columns={columns} rows={report.samples} rowKey={(sample) => sample.messageId} />
        </section>
      ) : null}
    </div>
  );
}

/** Settings → Automation → Test bench: what the rules would do with a message, and with the last N real ones. */
export function TestBenchPage() {
  const { t } = useTranslation('automation');
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
      <PageHeader title={t('bench.title')} description={t('bench.description')} />
      <AutomationTabs />
      <div className="bt-bench">
        <Panel title={t('bench.tryPanel')} description={t('bench.tryPanelDescription')}>
          <div className="bt-form">
            {channels.length === 0 ? (
              <Banner tone="warning">{t('bench.addChannelFirst')}</Banner>
            ) : (
              <SelectField
                label={t('bench.arrivesOn')}
                value={channel?.id ?? ''}
                onChange={setChannelId}
                options={channels.map((option) => ({ value: option.id, label: option.name, isData: true }))}
                hint={t('bench.arrivesOnHint')}
              />
            )}
            <div className="bt-segmented" role="radiogroup" aria-label={t('bench.message')}>
              {BENCH_TRIGGERS.map((option) => (
                <label key={option.value} className={cx('bt-segmented__option', trigger === option.value && 'bt-segmented__option--checked')}>
                  <input type="radio" name="bench-trigger" checked={trigger === option.value} onChange={() => setTrigger(option.value)} />
                  {t(option.labelKey)}
                </label>
              ))}
            </div>
            <FieldShell label={t('bench.customerMessage')}>
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
                <span className="bt-field__label">{t('bench.recent')}</span>
                <ul className="bt-recent" aria-label={t('bench.recent')}>
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
        <Panel title={t('bench.resultPanel')} description={test.isFetching ? t('bench.checking') : t('bench.updatesAsYouType')}>
          {!request ? (
            <EmptyState compact icon="bolt" title={t('bench.typeToTry')}>
              {t('bench.typeToTryBody')}
            </EmptyState>
          ) : test.error ? (
            <Banner tone="danger" title={t('bench.testFailed')}>
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

      <Panel title={t('bench.replayPanel')} description={t('bench.replayDescription')}>
        <div className="bt-stack">
          <div className="bt-toolbar">
            <SelectField
              label={t('bench.replaySize')}
              hideLabel
              value={replaySize}
              onChange={setReplaySize}
              options={REPLAY_SIZES.map((size) => ({ value: size, label: t('bench.lastMessages', { size }) }))}
            />
            <Button icon="refresh" pending={replay.isFetching} onClick={() => void replay.refetch()}>
              {t('bench.runAgain')}
            </Button>
          </div>
          {replay.error ? (
            <Banner tone="danger" title={t('bench.replayFailed')}>
              {describeError(replay.error)}
            </Banner>
          ) : replay.data ? (
            replay.data.messages === 0 ? (
              <p className="bt-muted">{t('bench.nothingToReplay')}</p>
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
