import { ActivityType, type ActivityView } from '@backtalk/contracts';
import { setConsoleLanguage } from '@backtalk/console/i18n';
import { activityData, describeActivity, isShownInThread } from './activity-line';

const ME = 'user-me';
const maria = { kind: 'user' as const, id: 'user-maria', name: 'Maria Agent' };
const customer = { kind: 'customer' as const, id: null, name: null };
const system = { kind: 'system' as const, id: null, name: null };

function line(type: ActivityType, actor: ActivityView['actor'], data: Record<string, unknown> = {}): ActivityView {
  return { id: 'a1', conversationId: 'c1', type, actor, data, occurredAt: '2025-01-06T14:02:00.000Z' };
}

const text = (activity: ActivityView) => describeActivity(activity, { selfId: ME, when: (iso) => `when(${iso})` }).text;

describe('how an activity line reads', () => {
  it('says who resolved, reopened or marked the conversation pending, and "You" for the reader', () => {
    expect(text(line(ActivityType.Resolved, maria))).toBe('Maria Agent resolved the conversation');
    expect(text(line(ActivityType.Resolved, { ...maria, id: ME, name: 'Me Myself' }))).toBe('You resolved the conversation');
    expect(text(line(ActivityType.Reopened, maria))).toBe('Maria Agent reopened the conversation');
    expect(text(line(ActivityType.MarkedPending, maria))).toBe('Maria Agent marked the conversation pending');
  });

  it('says a conversation was closed because its number was blocked or its customer erased, in English and Ukrainian', () => {
    expect(text(line(ActivityType.Resolved, maria, { numberBlocked: true }))).toBe('Maria Agent blocked the number; the conversation was closed');
    expect(text(line(ActivityType.Resolved, maria, { customerErased: true }))).toBe('Maria Agent erased the customer’s data; the conversation was closed');
    expect(text(line(ActivityType.Resolved, { ...maria, id: ME }, { customerErased: true }))).toBe('You erased the customer’s data; the conversation was closed');
    setConsoleLanguage('uk');
    try {
      expect(text(line(ActivityType.Resolved, maria, { customerErased: true }))).toBe('Maria Agent: дані клієнта стерто, розмову закрито');
      expect(text(line(ActivityType.Resolved, { ...maria, id: ME }, { customerErased: true }))).toBe('Ви стерли дані клієнта, і розмову закрито');
    } finally {
      setConsoleLanguage('en');
    }
  });

  it('says when the customer’s message reopened or woke the conversation', () => {
    expect(text(line(ActivityType.Reopened, customer))).toBe('Reopened by the customer’s message');
    expect(text(line(ActivityType.Woke, customer, { reason: 'customer' }))).toBe('Snooze ended by the customer’s message');
    expect(text(line(ActivityType.Woke, system, { reason: 'timer' }))).toBe('Snooze ended');
  });

  it('says until when a conversation was snoozed, and by whom', () => {
    expect(text(line(ActivityType.Snoozed, maria, { until: '2025-01-06T09:00:00.000Z' }))).toBe('Snoozed until when(2025-01-06T09:00:00.000Z) by Maria Agent');
    expect(text(line(ActivityType.Snoozed, maria, { until: null }))).toBe('Snoozed until the customer writes, by Maria Agent');
  });

  it('names the labels put on and taken off, and the rule that did it', () => {
    const vip = { id: 'l1', name: 'VIP', color: 'purple' };
    const refund = { id: 'l2', name: 'Refund', color: 'amber' };
    const bug = { id: 'l3', name: 'Bug', color: 'red' };
    expect(text(line(ActivityType.LabelsChanged, maria, { added: [vip, refund, bug], removed: [] }))).toBe('Maria Agent added “VIP”, “Refund” and “Bug”');
    expect(text(line(ActivityType.LabelsChanged, { ...maria, id: ME }, { added: [vip], removed: [refund] }))).toBe('You added “VIP” and removed “Refund”');
    expect(text(line(ActivityType.LabelsChanged, { kind: 'automation', id: null, name: null }, { added: [vip], removed: [], ruleName: 'Big spenders' }))).toBe('Rule “Big spenders” added “VIP”');
  });

  it('says which step of which macro ran, and why a failed one stopped the run', () => {
    const run = { macroId: 'm1', macroName: 'Refund sent', runId: 'r1', steps: 3 };
    expect(text(line(ActivityType.MacroStep, maria, { ...run, step: 1, stepType: 'send_canned_answer', outcome: 'done' }))).toBe('Maria Agent ran “Refund sent”, step 1 of 3: send the canned answer');
    expect(text(line(ActivityType.MacroStep, maria, { ...run, step: 2, stepType: 'add_label', outcome: 'failed', reason: 'That label does not exist' }))).toBe(
      '“Refund sent” stopped at step 2 of 3 (add the label): That label does not exist',
    );
  });

  it('says why a macro step failed by its error code, in Ukrainian without the API’s English message', () => {
    const failed = line(ActivityType.MacroStep, maria, { macroId: 'm1', macroName: 'Refund sent', runId: 'r1', steps: 3, step: 2, stepType: 'add_label', outcome: 'failed', code: 'NOT_FOUND', reason: 'Label not found' });
    expect(text(failed)).toBe('“Refund sent” stopped at step 2 of 3 (add the label): Label not found');
    setConsoleLanguage('uk');
    try {
      expect(text(failed)).not.toContain('Label not found');
      expect(activityData(failed)).not.toContain('Label not found');
    } finally {
      setConsoleLanguage('en');
    }
  });

  it('names the priorities a change went from and to', () => {
    expect(text(line(ActivityType.PriorityChanged, { kind: 'user', id: 's', name: 'Sofia Supervisor' }, { from: 'normal', to: 'urgent' }))).toBe(
      'Priority changed from normal to urgent by Sofia Supervisor',
    );
  });

  it('says what the customer texted to opt out or back in', () => {
    expect(text(line(ActivityType.OptedOut, customer, { keyword: 'STOP' }))).toBe('Customer opted out (STOP)');
    expect(text(line(ActivityType.OptedIn, customer, { keyword: 'START' }))).toBe('Customer opted back in (START)');
    expect(text(line(ActivityType.OptedOut, customer, { keyword: null }))).toBe('Customer opted out');
  });

  it('names the SLA target that was breached', () => {
    expect(text(line(ActivityType.SlaBreached, system, { kind: 'first_response' }))).toBe('SLA first-response target breached');
    expect(text(line(ActivityType.SlaBreached, system, { kind: 'next_response' }))).toBe('SLA next-response target breached');
  });

  describe('why automation held a reply back, from the hold’s kind', () => {
    const automation = { kind: 'automation' as const, id: null, name: null };
    afterEach(() => setConsoleLanguage('en'));

    it('words each kind with its details, and a gone agent as "An agent"', () => {
      expect(text(line(ActivityType.AutomationHeld, automation, { hold: { kind: 'assigned', name: 'Maria Agent' } }))).toBe('No automatic reply: Maria Agent has the conversation');
      expect(text(line(ActivityType.AutomationHeld, automation, { hold: { kind: 'replied', name: null } }))).toBe('No automatic reply: An agent replied after the customer wrote');
      expect(text(line(ActivityType.AutomationHeld, automation, { hold: { kind: 'recent_auto_reply', windowMinutes: 1 } }))).toBe('No automatic reply: an automatic reply already went out in the last 1 minute');
      expect(text(line(ActivityType.AutomationHeld, automation, { hold: { kind: 'faq_not_autonomous', title: 'Refunds' } }))).toBe('No automatic reply: the FAQ “Refunds” may not answer on its own');
      expect(text(line(ActivityType.AutomationHeld, automation, { hold: { kind: 'from_the_future' } }))).toBe('No automatic reply: a reason this console does not know yet');
    });

    it('says what a cancelled reply was overtaken by, and that the rule’s status was undone', () => {
      expect(text(line(ActivityType.AutoReplyCancelled, automation, { hold: { kind: 'took', name: 'Maria Agent' }, messageId: 'm1', restoredStatus: 'open' }))).toBe(
        'Automatic reply cancelled: Maria Agent took the conversation before it went out; the conversation is open again',
      );
      expect(text(line(ActivityType.AutoReplyCancelled, automation, { hold: { kind: 'same_text', windowMinutes: 60 }, messageId: 'm1' }))).toBe(
        'Automatic reply cancelled: the same text already went to this customer in the last 60 minutes',
      );
    });

    it('reads as Ukrainian, with plural minutes and the names marked as data', () => {
      setConsoleLanguage('uk');
      expect(text(line(ActivityType.AutomationHeld, automation, { hold: { kind: 'asked_for_person' } }))).toBe('Без автовідповіді: клієнт попросив живого оператора');
      expect(text(line(ActivityType.AutomationHeld, automation, { hold: { kind: 'same_text', windowMinutes: 5 } }))).toBe('Без автовідповіді: цей самий текст уже надсилали клієнтові за останні 5 хвилин');
      expect(text(line(ActivityType.AutomationHeld, automation, { hold: { kind: 'burst', limit: 2 } }))).toBe('Без автовідповіді: понад 2 повідомлення за десять хвилин');
      const cancelled = line(ActivityType.AutoReplyCancelled, automation, { hold: { kind: 'typing', name: 'Марія' }, messageId: 'm1', restoredStatus: 'open' });
      expect(text(cancelled)).toBe('Автовідповідь скасовано: коли мала піти автовідповідь, оператор саме писав відповідь (Марія); розмова знову має статус «відкрита»');
      expect(activityData(cancelled)).toEqual(['Марія']);
    });
  });

  it('quotes the sentence of a line written before holds had kinds', () => {
    const automation = { kind: 'automation' as const, id: null, name: null };
    expect(text(line(ActivityType.AutomationHeld, automation, { reason: 'the customer asked for a person' }))).toBe('No automatic reply: the customer asked for a person');
    expect(text(line(ActivityType.AutoReplyCancelled, automation, { reason: 'Maria Agent took the conversation' }))).toBe(
      'Automatic reply cancelled: Maria Agent took the conversation',
    );
    expect(text(line(ActivityType.AutomationHeld, automation))).toBe('No automatic reply');
    // A reason written as a whole sentence is shown as it is, without repeating the lead-in.
    expect(text(line(ActivityType.AutoReplyCancelled, automation, { reason: 'Maria Agent replied before the automatic reply went out.' }))).toBe(
      'Maria Agent replied before the automatic reply went out',
    );
    expect(text(line(ActivityType.AutoReplyCancelled, automation, { reason: 'The automatic reply was not sent: the same text already went to this customer.' }))).toBe(
      'The automatic reply was not sent: the same text already went to this customer',
    );
    expect(text(line(ActivityType.AutomationHeld, automation, { reason: 'No automatic reply: the customer opted out.' }))).toBe('No automatic reply: the customer opted out');
  });

  it('gives the customer’s survey rating with their comment, as a warning when it is low or reopened the conversation', () => {
    const rated = (data: Record<string, unknown>) => describeActivity(line(ActivityType.CsatRated, customer, data), { selfId: ME, when: (iso) => iso });
    expect(rated({ rating: 4, comment: 'спасибі', reopened: false })).toEqual({ icon: 'star', tone: 'muted', text: 'The customer rated the conversation 4 of 5: “спасибі”' });
    expect(rated({ rating: 5, comment: null, reopened: false }).text).toBe('The customer rated the conversation 5 of 5');
    expect(rated({ rating: 2, comment: null, reopened: false }).tone).toBe('warning');
    expect(rated({ rating: 1, comment: 'too slow', reopened: true })).toEqual({
      icon: 'star',
      tone: 'warning',
      text: 'The customer rated the conversation 1 of 5: “too slow” (reopened for the low score)',
    });
  });

  it('names the supervisor a low rating reopened the conversation for, and says “you” to that supervisor', () => {
    const rated = (selfId: string) =>
      describeActivity(line(ActivityType.CsatRated, customer, { rating: 2, comment: null, reopened: true, supervisorId: 'user-maria', supervisorName: 'Maria Lead' }), { selfId, when: (iso) => iso });
    expect(rated(ME)).toEqual({ icon: 'star', tone: 'warning', text: 'The customer rated the conversation 2 of 5 (reopened for supervisor Maria Lead because of rating 2)' });
    expect(rated('user-maria').text).toBe('The customer rated the conversation 2 of 5 (reopened for you as supervisor because of rating 2)');
  });

  it('describes transfers and assignments, by a person or by routing', () => {
    const data = { fromTeamName: 'Support', toTeamName: 'Billing', assigneeName: null, reason: 'transfer' };
    expect(text(line(ActivityType.Transferred, maria, data))).toBe('Maria Agent transferred the conversation from Support to Billing');
    expect(text(line(ActivityType.Assigned, system, { assigneeId: 'x', assigneeName: 'Andriy Agent', reason: 'round_robin' }))).toBe('Assigned to Andriy Agent by routing');
    expect(text(line(ActivityType.Assigned, maria, { assigneeId: 'user-maria', assigneeName: 'Maria Agent', reason: 'take_next' }))).toBe('Maria Agent took the conversation');
  });

  it('names the rule when automation changed the conversation', () => {
    const automation = { kind: 'automation' as const, id: null, name: null };
    expect(text(line(ActivityType.PriorityChanged, automation, { from: 'normal', to: 'urgent', ruleName: 'Charged twice' }))).toBe(
      'Priority changed from normal to urgent by rule “Charged twice”',
    );
    expect(text(line(ActivityType.MarkedPending, automation, { ruleName: 'Charged twice' }))).toBe('Rule “Charged twice” marked the conversation pending');
    expect(text(line(ActivityType.Resolved, automation))).toBe('Automation resolved the conversation');
  });

  it('says the conversation was closed because a supervisor blocked the number', () => {
    const lena = { kind: 'user' as const, id: 'user-lena', name: 'Lena Lead' };
    expect(text(line(ActivityType.Resolved, lena, { numberBlocked: true }))).toBe('Lena Lead blocked the number; the conversation was closed');
    expect(text(line(ActivityType.Resolved, { ...lena, id: ME }, { numberBlocked: true }))).toBe('You blocked the number; the conversation was closed');
  });

  describe('an auto-reply sent in the answer’s default language', () => {
    const automation = { kind: 'automation' as const, id: null, name: null };
    const fallback = (wantedFrom: 'contact' | 'conversation') =>
      line(ActivityType.AnswerLanguageFallback, automation, {
        wantedLanguage: 'ru',
        usedLanguage: 'en',
        wantedFrom,
        answerTitle: 'Opening hours',
        ruleName: 'FAQ',
        reason: 'answered in English: no Russian version',
      });

    afterEach(() => setConsoleLanguage('en'));

    it('names the language sent and the one missing, from the structured fields rather than the English reason', () => {
      expect(text(fallback('conversation'))).toBe('Auto-reply sent in English: this FAQ has no Russian version');
      expect(text(fallback('contact'))).toBe('Auto-reply sent in English: this FAQ has no Russian version (the language set on the contact)');
    });

    it('reads as Ukrainian, with the language names declined, in the Ukrainian console', () => {
      setConsoleLanguage('uk');
      expect(text(fallback('conversation'))).toBe('Автовідповідь надіслано англійською: у цього FAQ немає російської версії');
    });
  });

  it('reads sensibly when the person was deleted since', () => {
    expect(text(line(ActivityType.Resolved, { kind: 'user', id: null, name: null }))).toBe('A former agent resolved the conversation');
  });

  it('leaves changes of hands to the assignment lines the thread already shows', () => {
    expect(isShownInThread(line(ActivityType.Assigned, maria))).toBe(false);
    expect(isShownInThread(line(ActivityType.Transferred, maria))).toBe(false);
    expect(isShownInThread(line(ActivityType.Resolved, maria))).toBe(true);
  });

  it('gives quiet warning tone only to what agents must notice', () => {
    const tone = (activity: ActivityView) => describeActivity(activity, { selfId: ME, when: String }).tone;
    expect(tone(line(ActivityType.SlaBreached, system))).toBe('warning');
    expect(tone(line(ActivityType.OptedOut, customer))).toBe('warning');
    expect(tone(line(ActivityType.AutomationHeld, system))).toBe('info');
    expect(tone(line(ActivityType.Resolved, maria))).toBe('muted');
  });
});

describe('what an activity line quotes from records', () => {
  it('lists the actor’s name, the rule, teams, labels and a customer’s comment, not the interface words', () => {
    expect(activityData(line(ActivityType.Resolved, maria))).toEqual(['Maria Agent']);
    expect(activityData(line(ActivityType.LabelsChanged, maria, { added: [{ id: 'l1', name: 'VIP', color: '#000' }], removed: [{ id: 'l2', name: 'Bug', color: '#000' }] }))).toEqual([
      'Maria Agent',
      'VIP',
      'Bug',
    ]);
    // A line from before holds had kinds quotes the English sentence it stored.
    expect(activityData(line(ActivityType.AutomationHeld, { kind: 'automation', id: null, name: null }, { ruleName: 'After hours', reason: 'the customer asked for a person' }))).toEqual([
      'After hours',
      'the customer asked for a person',
    ]);
    expect(activityData(line(ActivityType.AutomationHeld, { kind: 'automation', id: null, name: null }, { hold: { kind: 'assigned', name: 'Maria Agent' } }))).toEqual(['Maria Agent']);
    expect(activityData(line(ActivityType.CsatRated, customer, { rating: 1, comment: 'too slow', supervisorName: 'Maria Lead' }))).toEqual(['Maria Lead', 'too slow']);
    expect(activityData(line(ActivityType.Woke, system))).toEqual([]);
  });
});
