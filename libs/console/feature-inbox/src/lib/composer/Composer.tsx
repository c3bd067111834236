import { ErrorCode, Role, type CannedAnswerView, type ChannelView, type ConversationView, type ReplyCollisionDetails } from '@backtalk/contracts';
import {
  appliedSeq,
  describeError,
  isApiError,
  realtimeCommands,
  refreshConversation,
  replyCollisionOf,
  useAddFaqExample,
  useAddNote,
  useCannedAnswers,
  useRenderCannedAnswer,
  useSendReply,
  useSignedInUser,
  useThreadMessages,
  useToastActions,
  useTypingAgents,
  whenSeqKnown,
} from '@backtalk/console/data-access';
import { formatNumber, useTranslation } from '@backtalk/console/i18n';
import { Button, cx, formatDateTime, formatTime, Icon, Kbd, Menu } from '@backtalk/console/ui';
import { lengthCheck } from '@backtalk/sms';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { DateTimeDialog } from '../actions/DateTimeDialog';
import { snoozePresets } from '../actions/snooze-presets';
import { useInboxUi, type ComposerMode } from '../inbox-ui.store';
import { isSendChord } from '../shortcuts/shortcuts';
import { contactLabel } from '../thread/message-display';
import { joinedNames, withElements } from '../thread/wording';
import { CannedAnswerList, cannedOptionId } from './CannedAnswerList';
import {
  containsText,
  describeMissing,
  filterCannedAnswers,
  findSlashToken,
  keepsCannedAnswer,
  moveHighlight,
  replaceRange,
  waitingCustomerText,
  type TextRange,
} from './canned-answers';
import { analyseReply, describeCharacter, formatCost, highlightRuns, newIdempotencyKey, type ComposerAnalysis } from './composer-analysis';
import './composer-limits.css';

/** Unsent text per conversation, kept while the agent looks at other conversations. */
const drafts = new Map<string, { reply: string; note: string }>();

const hasReplyDraft = (conversationId: string): boolean => !!drafts.get(conversationId)?.reply.trim();

/** Whether the agent has unsent text here: a customer opting out meanwhile must not take it off the screen. */
export function hasDraft(conversationId: string): boolean {
  const draft = drafts.get(conversationId);
  return !!draft && !!(draft.reply.trim() || draft.note.trim());
}
const MAX_ROWS_PX = 240;
const CANNED_LIMIT = 8;
const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export interface ComposerProps {
  conversation: ConversationView;
  channel: ChannelView | undefined;
  /**
   * The contact opted out: replies cannot be sent. The composer stays (with the agent's draft, Send blocked and the
   * reason shown) so that a STOP arriving mid-sentence loses nothing, and a START makes the draft sendable again.
   */
  optedOut: boolean;
}

function TypingWarning({ conversationId }: { conversationId: string }) {
  const typists = useTypingAgents(conversationId);
  const { t } = useTranslation('inbox');
  if (typists.length === 0) return null;
  const names = typists.map((typist) => typist.userName);
  return (
    <div className="bt-composer__typing" role="status" data-testid="typing-indicator">
      <span className="bt-typing-dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      {names.length === 1 ? t('thread.composer.typingOne', { name: names[0] }) : t('thread.composer.typingMany', { names: joinedNames(names) })}
      <span className="bt-composer__typing-hint">{t('thread.composer.typingHint')}</span>
    </div>
  );
}

interface ExampleSuggestion {
  answer: CannedAnswerView;
  /** The customer's question the agent just answered with it. */
  text: string;
}

/** Learning: after answering a customer with an FAQ's answer, one click makes their question one more example of it. */
function LearnFromReply({ suggestion, onDone }: { suggestion: ExampleSuggestion; onDone: () => void }) {
  const add = useAddFaqExample();
  const { toastShown } = useToastActions();
  const { t } = useTranslation('inbox');
  return (
    <div className="bt-composer__learn" role="status" data-testid="example-suggestion">
      <Icon name="bolt" size={13} className="bt-composer__learn-icon" />
      <span className="bt-composer__learn-text">
        {t('thread.composer.learnBefore', { text: suggestion.text })}
        <strong translate="no">{suggestion.answer.title}</strong>
        {t('thread.composer.learnAfter')}
      </span>
      <Button
        size="sm"
        pending={add.isPending}
        onClick={() =>
          add.mutate(
            { answerId: suggestion.answer.id, text: suggestion.text },
            {
              onSuccess: () => {
                toastShown('success', t('thread.composer.exampleAdded', { title: suggestion.answer.title }));
                onDone();
              },
              onError: (error) => toastShown('danger', t('thread.composer.exampleFailed', { error: describeError(error) })),
            },
          )
        }
      >
        {t('thread.composer.addExample')}
      </Button>
      <button type="button" className="bt-composer__learn-dismiss" aria-label={t('thread.composer.dismissSuggestion')} title={t('thread.composer.dismiss')} onClick={onDone}>
        <Icon name="close" size={13} />
      </button>
    </div>
  );
}

/** Characters that force UCS-2, with the one-click fix (or what the channel will replace by itself, undoable). */
function EncodingAdvice({ analysis, keepAsTyped, onFix, onKeepAsTyped }: { analysis: ComposerAnalysis; keepAsTyped: boolean; onFix: (fixed: string) => void; onKeepAsTyped: (keep: boolean) => void }) {
  const { replacements, irreplaceable, autoReplaced } = analysis;
  const { t } = useTranslation('inbox');
  const chip = (character: string) => (
    <span key={character} className="bt-composer__char" title={describeCharacter(character)}>
      {character === ' ' || character === '\u00a0' ? '␣' : character}
    </span>
  );
  if (autoReplaced.length > 0) {
    return (
      <div className="bt-composer__advice bt-composer__advice--auto">
        <Icon name="check" size={13} />
        <span>
          {withElements('thread.composer.autoReplaced', {
            from: autoReplaced.map((r) => chip(r.from)),
            to: <span className="bt-mono">{autoReplaced.map((r) => (r.to === ' ' ? '␣' : r.to || '∅')).join(' ')}</span>,
          })}
        </span>
        <Button size="sm" variant="ghost" onClick={() => onKeepAsTyped(true)}>
          {t('thread.composer.sendAsTyped')}
        </Button>
      </div>
    );
  }
  if (analysis.encoding !== 'UCS-2') return null;
  const shown = [...replacements.map((r) => r.from), ...irreplaceable.slice(0, 6)];
  return (
    <div className="bt-composer__advice">
      <Icon name="info" size={13} />
      <span>
        {withElements(
          'thread.composer.unicodeBecause',
          { characters: [...shown.map(chip), irreplaceable.length > 6 ? '…' : null] },
          { perSegment: analysis.segments > 1 ? 67 : 70, gsmPerSegment: analysis.segments > 1 ? 153 : 160 },
        )}
        {replacements.length > 0 && irreplaceable.length > 0 ? t('thread.composer.punctuationNotEnough') : null}
      </span>
      {analysis.fixedText !== null ? (
        <Button size="sm" variant="secondary" onClick={() => onFix(analysis.fixedText ?? '')} title={replacements.map((r) => `${r.from} → ${r.to || t('thread.composer.nothing')}`).join('   ')}>
          {t('thread.composer.usePlain', { count: replacements.length })}
        </Button>
      ) : keepAsTyped ? (
        <Button size="sm" variant="ghost" onClick={() => onKeepAsTyped(false)}>
          {t('thread.composer.letChannelReplace')}
        </Button>
      ) : null}
    </div>
  );
}

interface HeldReply {
  message: string;
  details: ReplyCollisionDetails;
  /** The schedule the held send asked for, so "Send anyway" sends it the same way. */
  sendAt?: Date;
}

/**
 * A reply the API held because a colleague took or answered the conversation after this agent opened it: who, what
 * they sent, and the agent's two ways on. The draft stays in the box either way until the agent decides.
 */
function HeldReplyPanel({ held, pending, onSendAnyway, onDiscard }: { held: HeldReply; pending: boolean; onSendAnyway: () => void; onDiscard: () => void }) {
  const { takenBy, repliedBy, replies } = held.details;
  const { t } = useTranslation('inbox');
  return (
    <section className="bt-composer__held" role="alert" aria-label={t('thread.composer.heldLabel')} data-testid="held-reply">
      <p className="bt-composer__held-title">
        <Icon name="alert" size={14} /> {t('thread.composer.notSent', { reason: held.message })}
      </p>
      {takenBy && takenBy.id !== repliedBy?.id ? <p className="bt-composer__held-line">{t('thread.composer.nowAssignedTo', { name: takenBy.name })}</p> : null}
      {replies.length > 0 ? (
        <ul className="bt-composer__held-replies" aria-label={t('thread.composer.whatTheySent')}>
          {replies.map((reply) => (
            <li key={reply.id} className="bt-composer__held-reply">
              <span className="bt-composer__held-meta">
                {reply.authorName} · {formatTime(reply.sentAt)}
              </span>
              <span translate="no" className="bt-composer__held-body">{reply.body}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="bt-composer__held-actions">
        <Button size="sm" variant="primary" icon="send" pending={pending} onClick={onSendAnyway}>
          {t('thread.composer.sendAnyway')}
        </Button>
        <Button size="sm" variant="ghost" disabled={pending} onClick={onDiscard}>
          {t('thread.composer.discardReply')}
        </Button>
      </div>
    </section>
  );
}

/** Reply or private note, with the SMS maths live under it. */
export function Composer({ conversation, channel, optedOut }: ComposerProps) {
  const conversationId = conversation.id;
  const { t } = useTranslation('inbox');
  // Opened on an opted-out customer, the box starts as a note, unless a reply was drafted before they opted out.
  const [mode, setMode] = useState<ComposerMode>(() => (optedOut && !hasReplyDraft(conversationId) ? 'note' : 'reply'));
  const [text, setText] = useState(() => drafts.get(conversationId)?.[mode] ?? '');
  const [error, setError] = useState<string | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const attempt = useRef<{ key: string; body: string } | null>(null);
  // What the agent had in front of them when they opened the thread (or last sent, or read a colleague's reply in the
  // held panel): a colleague taking or answering the conversation after it holds the reply.
  const seenThrough = useRef<number | undefined>(appliedSeq());
  const [held, setHeld] = useState<HeldReply | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const composerRequest = useInboxUi((s) => s.composerRequest);
  const sendReply = useSendReply();
  const addNote = useAddNote();
  const effectiveMode: ComposerMode = mode;
  const renderCanned = useRenderCannedAnswer();
  const me = useSignedInUser();
  const threadMessages = useThreadMessages(conversationId);
  // The last canned answer put in the box, as filled in: a reply that still carries it says so to the API.
  const [inserted, setInserted] = useState<{ answer: CannedAnswerView; body: string } | null>(null);
  const [exampleSuggestion, setExampleSuggestion] = useState<ExampleSuggestion | null>(null);
  // A reply is not sent while a canned answer is still being filled in: the box would go out holding `/shortcode`.
  const pending = sendReply.isPending || addNote.isPending || renderCanned.isPending;

  // Canned answers: `/query` at the caret opens the inline popover; the toolbar button opens the picker.
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [picker, setPicker] = useState<{ range: TextRange; query: string } | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const [missing, setMissing] = useState<string[]>([]);
  // The answer had no text in the customer's language: the agent is told which one went in instead.
  const [languageFallback, setLanguageFallback] = useState<{ title: string; wanted: string; used: string } | null>(null);
  const caretAfterInsert = useRef<number | null>(null);
  const pickerToggle = useRef<HTMLButtonElement>(null);
  const slashToken = effectiveMode === 'reply' && !picker ? findSlashToken(text, caret) : null;
  const popoverOpen = !!slashToken && dismissedAt !== slashToken.start;
  const canned = useCannedAnswers({ conversationId, enabled: popoverOpen || !!picker });
  const cannedMatches = useMemo(
    () => filterCannedAnswers(canned.data ?? [], picker ? picker.query : (slashToken?.query ?? ''), { includeBody: !!picker, limit: CANNED_LIMIT }),
    [canned.data, picker, slashToken?.query],
  );
  const cannedError = canned.error ? t('thread.composer.cannedLoadFailed', { error: describeError(canned.error) }) : null;

  // A channel with smart encoding replaces look-alikes as it sends, unless the agent asks for the text as typed.
  const [keepAsTyped, setKeepAsTyped] = useState(false);
  const autoEncode = !!channel?.smartEncoding && !keepAsTyped;
  const analysis = useMemo(() => analyseReply(text, channel?.pricePerSegment, autoEncode), [text, channel?.pricePerSegment, autoEncode]);
  const length = useMemo(() => lengthCheck(text), [text]);
  // A reply that cannot go out keeps its text: Send waits for the customer's START or for the agent to shorten it.
  const replyBlocked = effectiveMode === 'reply' && (optedOut || length.level === 'over');
  const runs = useMemo(
    () => (effectiveMode === 'reply' && analysis.encoding === 'UCS-2' ? highlightRuns(text, autoEncode ? new Set(analysis.nonGsmCharacters) : undefined) : null),
    [effectiveMode, analysis, text, autoEncode],
  );

  // r and n from anywhere in the inbox land here: switch to that mode (with its draft), then take the focus.
  const [handledRequest, setHandledRequest] = useState(composerRequest?.nonce ?? 0);
  if (composerRequest && composerRequest.nonce !== handledRequest) {
    setHandledRequest(composerRequest.nonce);
    const requested: ComposerMode = composerRequest.mode;
    if (requested !== mode) {
      setMode(requested);
      setText(drafts.get(conversationId)?.[requested] ?? '');
    }
  }
  useEffect(() => {
    if (composerRequest) textarea.current?.focus();
  }, [composerRequest]);

  // Opened before the realtime stream was live: the thread on screen is what the stream's first sequence covers.
  useEffect(() => (seenThrough.current === undefined ? whenSeqKnown((seq) => (seenThrough.current ??= seq)) : undefined), []);

  // Leaving the conversation ends any typing signal.
  useEffect(() => () => realtimeCommands.stoppedTyping(), [conversationId]);

  // The textarea grows with its text up to a limit, then scrolls.
  useLayoutEffect(() => {
    const element = textarea.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight + 2, MAX_ROWS_PX)}px`;
  }, [text, effectiveMode]);

  // After an answer goes in, the caret lands at its end.
  useLayoutEffect(() => {
    const element = textarea.current;
    if (!element || caretAfterInsert.current === null) return;
    element.focus();
    element.setSelectionRange(caretAfterInsert.current, caretAfterInsert.current);
    caretAfterInsert.current = null;
  }, [text]);

  const changeText = (value: string, caretAt?: number) => {
    setText(value);
    setError(null);
    if (!value) {
      setMissing([]);
      setLanguageFallback(null);
      setInserted(null);
    }
    if (caretAt !== undefined) {
      setCaret(caretAt);
      // A new `/` (or none) reopens the popover after an Esc; the highlight starts at the top for each new query.
      const token = findSlashToken(value, caretAt);
      if (!token || token.query === '') setDismissedAt(null);
      setHighlighted(0);
    }
    const draft = drafts.get(conversationId) ?? { reply: '', note: '' };
    drafts.set(conversationId, { ...draft, [effectiveMode]: value });
    if (effectiveMode === 'reply') {
      if (value) realtimeCommands.typed(conversationId);
      else realtimeCommands.stoppedTyping();
    }
  };

  const switchMode = (next: ComposerMode) => {
    if (next === effectiveMode) return;
    realtimeCommands.stoppedTyping();
    setMode(next);
    setText(drafts.get(conversationId)?.[next] ?? '');
    setError(null);
    textarea.current?.focus();
  };

  const sent = () => {
    attempt.current = null;
    setHeld(null);
    seenThrough.current = appliedSeq() ?? seenThrough.current;
    setMissing([]);
    setLanguageFallback(null);
    setInserted(null);
    setKeepAsTyped(false);
    const draft = drafts.get(conversationId) ?? { reply: '', note: '' };
    drafts.set(conversationId, { ...draft, [effectiveMode]: '' });
    setText('');
    realtimeCommands.stoppedTyping();
  };

  /** Fills the answer in for this conversation, then puts it where `range` was (the `/query`, or the picker's caret). */
  const insertCanned = (answer: CannedAnswerView, range: TextRange) => {
    const replaced = text.slice(range.start, range.end);
    setDismissedAt(range.start);
    setPicker(null);
    renderCanned.mutate(
      { answerId: answer.id, conversationId },
      {
        onSuccess: (rendered) => {
          const current = textarea.current?.value ?? text;
          // The agent may have typed on while it rendered: replace the token only if it is still where it was.
          const target = current.slice(range.start, range.end) === replaced ? range : { start: current.length, end: current.length };
          const next = replaceRange(current, target, rendered.body);
          caretAfterInsert.current = next.caret;
          changeText(next.text, next.caret);
          setMissing(rendered.missing);
          const choice = rendered.choice;
          setLanguageFallback(choice?.fallback && choice.wantedLanguage ? { title: answer.title, wanted: choice.wantedLanguage, used: choice.chosenLanguage } : null);
          setInserted({ answer, body: rendered.body });
        },
        onError: (e) => setError(t('thread.composer.cannedInsertFailed', { title: answer.title, error: describeError(e) })),
      },
    );
  };

  const openPicker = () => {
    const element = textarea.current;
    const range = element ? { start: element.selectionStart, end: element.selectionEnd } : { start: text.length, end: text.length };
    setHighlighted(0);
    setPicker({ range, query: '' });
  };

  const closePicker = (refocus: boolean) => {
    setPicker(null);
    if (refocus) textarea.current?.focus();
  };

  /** ↑/↓, Enter/Tab and Esc in the popover or the picker's search; true when the key was used. */
  const handleListKey = (event: KeyboardEvent, range: TextRange | null, close: () => void): boolean => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
      return true;
    }
    if (cannedMatches.length === 0 || !range) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlighted((current) => moveHighlight(cannedMatches.length, current, event.key === 'ArrowDown' ? 1 : -1));
      return true;
    }
    if ((event.key === 'Enter' && !event.shiftKey && !event.altKey) || (event.key === 'Tab' && !event.shiftKey)) {
      // Ctrl/Cmd+Enter picks too: with the list open, the reply must not go out holding `/query`.
      event.preventDefault();
      event.stopPropagation();
      const answer = cannedMatches[Math.min(Math.max(highlighted, 0), cannedMatches.length - 1)];
      if (answer && !renderCanned.isPending) insertCanned(answer, range);
      return true;
    }
    return false;
  };

  const submit = (sendAt?: Date, force = false) => {
    const body = text.trim();
    if (!body || pending || replyBlocked) return;
    setError(null);
    if (effectiveMode === 'note') {
      addNote.mutate({ conversationId, body }, { onSuccess: sent, onError: (e) => setError(describeError(e)) });
      return;
    }
    // The same text sent again after a failure reuses the key, so a reply that did go through is not sent twice.
    const signature = `${body}|${keepAsTyped}`;
    if (attempt.current?.body !== signature) attempt.current = { key: newIdempotencyKey(), body: signature };
    const canned = inserted && keepsCannedAnswer(inserted.body, body) ? inserted.answer : null;
    // Asked before sending: once the reply is in the thread, the customer is no longer waiting.
    const question = canned ? waitingCustomerText(threadMessages) : null;
    // Only FAQs learn (a plain canned answer has no examples to add to); admins write every answer, supervisors their teams'.
    const mayTeach = !!canned && canned.examples.length > 0 && (me.role === Role.Admin || (me.role === Role.Supervisor && canned.teamId !== null));
    sendReply.mutate(
      {
        conversationId,
        request: {
          body,
          ...(keepAsTyped && channel?.smartEncoding ? { smartEncode: false } : {}),
          ...(sendAt ? { sendAt: sendAt.toISOString() } : {}),
          ...(canned ? { cannedAnswerId: canned.id } : {}),
          ...(seenThrough.current !== undefined ? { seenThrough: seenThrough.current } : {}),
          ...(force ? { force: true } : {}),
        },
        idempotencyKey: attempt.current.key,
      },
      {
        onSuccess: () => {
          sent();
          setScheduling(false);
          setExampleSuggestion(canned && question && mayTeach && !containsText(canned.examples, question) ? { answer: canned, text: question } : null);
        },
        onError: (e) => {
          const collision = replyCollisionOf(e);
          if (collision) {
            setHeld({ ...collision, sendAt });
            setScheduling(false);
            return;
          }
          setError(describeError(e));
          if (isApiError(e) && e.code === ErrorCode.ContactOptedOut) void refreshConversation(conversationId).catch(() => undefined);
        },
      },
    );
  };

  /** The agent read what the colleague sent and keeps out: their draft goes, and they have now seen the thread. */
  const discardHeld = () => {
    sent();
    textarea.current?.focus();
  };

  const placeholder =
    effectiveMode === 'note'
      ? t('thread.composer.notePlaceholder')
      : channel
        ? t('thread.composer.replyFromPlaceholder', { channel: channel.name })
        : t('thread.composer.replyPlaceholder');
  const segmentsText = t('thread.composer.segments', { count: analysis.segments });
  const schedulePresets = snoozePresets(new Date()).filter((preset) => preset.id === 'tomorrow' || preset.id === 'next-week');

  return (
    <div className={cx('bt-composer', effectiveMode === 'note' && 'bt-composer--note')}>
      <TypingWarning conversationId={conversationId} />
      {held && effectiveMode === 'reply' ? <HeldReplyPanel held={held} pending={sendReply.isPending} onSendAnyway={() => submit(held.sendAt, true)} onDiscard={discardHeld} /> : null}
      {exampleSuggestion && effectiveMode === 'reply' ? <LearnFromReply suggestion={exampleSuggestion} onDone={() => setExampleSuggestion(null)} /> : null}
      <div className="bt-composer__box">
        {popoverOpen && slashToken ? (
          <div className="bt-canned bt-canned--inline" data-testid="canned-popover">
            <CannedAnswerList
              id={listId}
              answers={cannedMatches}
              highlighted={highlighted}
              loading={canned.isPending}
              error={cannedError}
              emptyText={slashToken.query ? t('thread.composer.noCannedMatchSlash', { query: slashToken.query }) : t('thread.composer.noCannedAnswers')}
              onHighlight={setHighlighted}
              onPick={(answer) => insertCanned(answer, slashToken)}
            />
          </div>
        ) : null}
        <div className="bt-composer__modes" role="tablist" aria-label={t('thread.composer.messageType')}>
          <button
            type="button"
            role="tab"
            aria-selected={effectiveMode === 'reply'}
            className="bt-composer__mode"
            onClick={() => switchMode('reply')}
          >
            <Icon name="message" size={13} /> {t('thread.composer.reply')}
          </button>
          <button type="button" role="tab" aria-selected={effectiveMode === 'note'} className="bt-composer__mode" onClick={() => switchMode('note')}>
            <Icon name="lock" size={13} /> {t('thread.composer.privateNote')}
          </button>
        </div>
        <div className="bt-composer__field">
          {runs ? (
            <div ref={backdrop} className="bt-composer__backdrop" aria-hidden="true">
              {runs.map((run, index) => (run.flagged ? <mark key={index}>{run.text}</mark> : <span key={index}>{run.text}</span>))}
              {'\n'}
            </div>
          ) : null}
          <textarea
            ref={textarea}
            className="bt-composer__input"
            aria-label={effectiveMode === 'note' ? t('thread.composer.privateNote') : t('thread.composer.reply')}
            placeholder={placeholder}
            rows={2}
            value={text}
            aria-controls={popoverOpen ? listId : undefined}
            aria-activedescendant={popoverOpen && cannedMatches.length > 0 ? cannedOptionId(listId, highlighted) : undefined}
            aria-autocomplete={effectiveMode === 'reply' ? 'list' : undefined}
            onChange={(event) => changeText(event.target.value, event.target.selectionStart)}
            onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
            onScroll={(event) => {
              if (backdrop.current) backdrop.current.scrollTop = event.currentTarget.scrollTop;
            }}
            onKeyDown={(event) => {
              if (popoverOpen && slashToken && handleListKey(event, slashToken, () => setDismissedAt(slashToken.start))) return;
              if (isSendChord(event)) {
                event.preventDefault();
                submit();
              } else if (event.key === 'Escape') {
                event.currentTarget.blur();
              }
            }}
            onBlur={() => realtimeCommands.stoppedTyping()}
          />
        </div>
        {picker ? (
          <div
            className="bt-canned bt-canned--picker"
            data-testid="canned-picker"
            onBlur={(event) => {
              const next = event.relatedTarget;
              if (next instanceof Node && (event.currentTarget.contains(next) || pickerToggle.current?.contains(next))) return;
              closePicker(false);
            }}
          >
            <label className="bt-canned__search">
              <Icon name="search" size={13} />
              <input
                type="search"
                aria-label={t('thread.composer.searchCanned')}
                placeholder={t('thread.composer.searchCannedPlaceholder')}
                autoFocus
                value={picker.query}
                aria-controls={listId}
                aria-activedescendant={cannedMatches.length > 0 ? cannedOptionId(listId, highlighted) : undefined}
                onChange={(event) => {
                  setPicker({ ...picker, query: event.target.value });
                  setHighlighted(0);
                }}
                onKeyDown={(event) => {
                  if (isSendChord(event) && cannedMatches.length === 0) event.preventDefault();
                  handleListKey(event, picker.range, () => closePicker(true));
                }}
              />
            </label>
            <CannedAnswerList
              id={listId}
              answers={cannedMatches}
              highlighted={highlighted}
              loading={canned.isPending}
              error={cannedError}
              emptyText={picker.query ? t('thread.composer.noCannedMatch', { query: picker.query }) : t('thread.composer.noCannedAnswers')}
              onHighlight={setHighlighted}
              onPick={(answer) => insertCanned(answer, picker.range)}
            />
          </div>
        ) : null}
        {renderCanned.isPending ? (
          <p className="bt-composer__canned" role="status">
            <Icon name="bolt" size={12} /> {t('thread.composer.fillingIn')}
          </p>
        ) : null}
        {missing.length > 0 && effectiveMode === 'reply' ? (
          <div className="bt-composer__advice" role="status" data-testid="canned-missing">
            <Icon name="alert" size={13} />
            <span>{describeMissing(missing)}</span>
            <Button size="sm" variant="ghost" onClick={() => setMissing([])}>
              {t('thread.composer.dismiss')}
            </Button>
          </div>
        ) : null}
        {languageFallback && effectiveMode === 'reply' ? (
          <div className="bt-composer__advice" role="status" data-testid="canned-language-fallback">
            <Icon name="alert" size={13} />
            <span>{t('thread.composer.languageFallback', languageFallback)}</span>
            <Button size="sm" variant="ghost" onClick={() => setLanguageFallback(null)}>
              {t('thread.composer.dismiss')}
            </Button>
          </div>
        ) : null}
        {effectiveMode === 'reply' && text ? (
          <EncodingAdvice analysis={analysis} keepAsTyped={keepAsTyped && !!channel?.smartEncoding} onFix={(fixed) => changeText(fixed)} onKeepAsTyped={setKeepAsTyped} />
        ) : null}
        {effectiveMode === 'reply' && optedOut ? (
          <p className="bt-composer__blocked" role="status" data-testid="reply-blocked">
            <Icon name="block" size={13} />
            <span>
              {conversation.contact.erasedAt ? t('thread.composer.erased') : t('thread.composer.optedOut', { contact: contactLabel(conversation) })}
              {text.trim() ? t('thread.composer.draftStays') : ''}
              {t('thread.composer.notesStillWork')}
            </span>
          </p>
        ) : null}
        {effectiveMode === 'reply' && length.level === 'over' ? (
          <p className="bt-composer__blocked" role="status" data-testid="length-over">
            <Icon name="alert" size={13} />
            <span>
              {t('thread.composer.tooLong', { count: length.over, max: formatNumber(length.max) })}
            </span>
          </p>
        ) : null}
        {error ? (
          <p className="bt-composer__error" role="alert">
            <Icon name="alert" size={13} /> {error}
          </p>
        ) : null}
        <div className="bt-composer__footer">
          {effectiveMode === 'reply' && !text ? (
            <span className="bt-sms-stats">{t('thread.composer.emptyStats')}</span>
          ) : effectiveMode === 'reply' ? (
            <span className="bt-sms-stats" data-testid="sms-stats" aria-live="polite">
              <span className={cx('bt-sms-stats__encoding', analysis.encoding === 'UCS-2' && 'bt-sms-stats__encoding--ucs2')}>
                {analysis.encoding === 'UCS-2' ? t('thread.composer.unicode') : 'GSM-7'}
              </span>
              <span title={t('thread.composer.characters', { count: analysis.characters })}>{segmentsText}</span>
              {analysis.segments > 0 ? <span>{t('thread.composer.left', { count: formatNumber(analysis.unitsLeftInSegment) })}</span> : null}
              {analysis.estimatedCost !== null && analysis.segments > 0 ? <span title={t('thread.composer.costTitle')}>≈ {formatCost(analysis.estimatedCost, channel?.currency)}</span> : null}
              <span
                className={cx('bt-sms-stats__length', length.level !== 'ok' && `bt-sms-stats__length--${length.level}`)}
                data-testid="length-counter"
                title={t('thread.composer.maxLengthTitle', { max: formatNumber(length.max) })}
              >
                {formatNumber(length.length)} / {formatNumber(length.max)}
              </span>
            </span>
          ) : (
            <span className="bt-sms-stats">
              <Icon name="lock" size={12} /> {t('thread.composer.notesPrivate')}
            </span>
          )}
          <span className="bt-composer__actions">
            {effectiveMode === 'reply' ? (
              <button
                ref={pickerToggle}
                type="button"
                className={cx('bt-composer__tool', picker && 'bt-composer__tool--active')}
                aria-label={t('thread.composer.cannedAnswers')}
                aria-expanded={!!picker}
                title={t('thread.composer.cannedTitle')}
                onClick={() => (picker ? closePicker(true) : openPicker())}
              >
                <Icon name="bolt" size={14} />
              </button>
            ) : null}
            <span className="bt-composer__shortcut" aria-hidden="true">
              <Kbd>{IS_MAC ? '⌘' : 'Ctrl'}</Kbd>
              <Kbd>↵</Kbd>
            </span>
            {effectiveMode === 'reply' ? (
              <Menu
                label={t('thread.composer.sendLater')}
                icon="clock"
                size="sm"
                variant="ghost"
                align="end"
                title={t('thread.composer.sendLater')}
                disabled={!text.trim() || pending || replyBlocked}
                entries={[
                  ...schedulePresets.map((preset) => ({
                    id: preset.id,
                    label: preset.label,
                    hint: formatDateTime(preset.until),
                    onSelect: () => submit(new Date(preset.until)),
                  })),
                  { id: 'custom', label: t('thread.composer.pickTime'), onSelect: () => setScheduling(true) },
                ]}
              />
            ) : null}
            <Button variant="primary" size="sm" icon={effectiveMode === 'note' ? 'note' : 'send'} pending={pending} disabled={!text.trim() || replyBlocked} onClick={() => submit()}>
              {effectiveMode === 'note' ? t('thread.composer.addNote') : t('thread.composer.send')}
            </Button>
          </span>
        </div>
      </div>
      <DateTimeDialog
        open={scheduling}
        title={t('thread.composer.sendLater')}
        description={t('thread.composer.scheduleDescription')}
        confirmLabel={t('thread.composer.schedule')}
        pending={sendReply.isPending}
        error={error}
        onConfirm={(at) => submit(at)}
        onClose={() => setScheduling(false)}
      />
    </div>
  );
}
