import { autoReplyHold, sameText, type TakeoverFacts } from './auto-reply-guard';

const nobody: TakeoverFacts = { assigneeName: null, humanMessage: null, takenBy: null, typists: [], sameTextSent: false };
const rule = { answerAssigned: false, windowMinutes: 60 };

describe('when a person stands in the way of an automatic reply', () => {
  it('lets the reply go when nobody has touched the conversation', () => {
    expect(autoReplyHold(nobody, rule)).toBeNull();
  });

  it('leaves a conversation a person has to them, unless the rule answers assigned conversations too', () => {
    const assigned = { ...nobody, assigneeName: 'Andriy Agent' };
    expect(autoReplyHold(assigned, rule)).toEqual({ kind: 'assigned', name: 'Andriy Agent' });
    expect(autoReplyHold(assigned, { ...rule, answerAssigned: true })).toBeNull();
  });

  it('always holds when a person took the conversation, replied or wrote a note after the customer wrote, whatever the rule says', () => {
    const answering = { ...rule, answerAssigned: true };
    expect(autoReplyHold({ ...nobody, takenBy: { name: 'Andriy Agent' }, assigneeName: 'Andriy Agent' }, answering)).toEqual({ kind: 'took', name: 'Andriy Agent' });
    expect(autoReplyHold({ ...nobody, humanMessage: { kind: 'agent', name: 'Ada' } }, answering)).toEqual({ kind: 'replied', name: 'Ada' });
    expect(autoReplyHold({ ...nobody, humanMessage: { kind: 'note', name: 'Ada' } }, answering)).toEqual({ kind: 'note', name: 'Ada' });
  });

  it('holds while someone is typing, and names everyone typing', () => {
    expect(autoReplyHold({ ...nobody, typists: ['Ada', 'Bo'] }, rule)).toEqual({ kind: 'typing', name: 'Ada, Bo' });
  });

  it('holds a text the customer already got within the window', () => {
    expect(autoReplyHold({ ...nobody, sameTextSent: true }, rule)).toEqual({ kind: 'same_text', windowMinutes: 60 });
  });

  it('leaves the name out, for the console to word, when the person’s account is gone', () => {
    expect(autoReplyHold({ ...nobody, takenBy: { name: null } }, rule)).toEqual({ kind: 'took', name: null });
    expect(autoReplyHold({ ...nobody, humanMessage: { kind: 'note', name: null } }, rule)).toEqual({ kind: 'note', name: null });
  });

  it('names what a person did first, before a repeated text', () => {
    expect(autoReplyHold({ ...nobody, humanMessage: { kind: 'agent', name: 'Ada' }, sameTextSent: true }, rule)).toMatchObject({ kind: 'replied' });
  });
});

describe('the same text', () => {
  it('ignores case, accents and spacing, and nothing else', () => {
    expect(sameText('  Your order is ON its way. ', 'your order is on  its way.')).toBe(true);
    expect(sameText('Café', 'cafe')).toBe(true);
    expect(sameText('Your order is on its way.', 'Your order is on its way!')).toBe(false);
  });
});
