import { MessageDirection, type CannedAnswerView } from '@backtalk/contracts';
import { chosenBody, containsText, describeMissing, filterCannedAnswers, findSlashToken, keepsCannedAnswer, moveHighlight, previewLine, replaceRange, waitingCustomerText } from './canned-answers';

const answer = (shortcode: string, title: string, body = `${title}.`): CannedAnswerView => ({
  id: `id-${shortcode}`,
  shortcode,
  title,
  body,
  language: null,
  tags: [],
  teamId: null,
  examples: [],
  keywords: [],
  autoReply: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('findSlashToken', () => {
  it('finds the query after a slash at the start of the text', () => {
    expect(findSlashToken('/ref', 4)).toEqual({ start: 0, end: 4, query: 'ref' });
  });

  it('finds a slash that starts a word after other text, with an empty query right after the slash', () => {
    expect(findSlashToken('Hello /', 7)).toEqual({ start: 6, end: 7, query: '' });
    expect(findSlashToken('Hello\n/ship', 11)).toEqual({ start: 6, end: 11, query: 'ship' });
  });

  it('covers the rest of the word after the caret but queries only what is before it', () => {
    expect(findSlashToken('/refund thanks', 4)).toEqual({ start: 0, end: 7, query: 'ref' });
  });

  it('ignores a slash inside a word, such as and/or or a URL', () => {
    expect(findSlashToken('and/or', 6)).toBeNull();
    expect(findSlashToken('see https://x.io/help', 21)).toBeNull();
  });

  it('ends the token at a space, so the caret after it finds nothing', () => {
    expect(findSlashToken('/ref ', 5)).toBeNull();
    expect(findSlashToken('no slash here', 5)).toBeNull();
  });

  it('accepts digits, dashes and underscores in the query', () => {
    expect(findSlashToken('/late-order_2', 13)?.query).toBe('late-order_2');
  });
});

describe('filterCannedAnswers', () => {
  const answers = [answer('hours', 'Opening hours'), answer('prefund', 'Partial refund'), answer('refund', 'Refund on its way'), answer('ship', 'Shipping delay', 'Your parcel is late; a refund is possible.')];

  it('puts an exact shortcode first, then shortcodes starting with the query, then title words', () => {
    expect(filterCannedAnswers(answers, 'refund').map((a) => a.shortcode)).toEqual(['refund', 'prefund']);
    expect(filterCannedAnswers(answers, 'ref').map((a) => a.shortcode)).toEqual(['refund', 'prefund']);
  });

  it('matches title words regardless of case', () => {
    expect(filterCannedAnswers(answers, 'OPEN').map((a) => a.shortcode)).toEqual(['hours']);
  });

  it('matches the body only when asked, as the picker search does', () => {
    expect(filterCannedAnswers(answers, 'parcel')).toEqual([]);
    expect(filterCannedAnswers(answers, 'parcel', { includeBody: true }).map((a) => a.shortcode)).toEqual(['ship']);
  });

  it('keeps the API order for an empty query and honours the limit', () => {
    expect(filterCannedAnswers(answers, '').map((a) => a.shortcode)).toEqual(['hours', 'prefund', 'refund', 'ship']);
    expect(filterCannedAnswers(answers, '', { limit: 2 })).toHaveLength(2);
  });
});

describe('an answer with texts in several languages', () => {
  const hours: CannedAnswerView = {
    ...answer('hours', 'Opening hours', 'We open at 9.'),
    defaultLanguage: 'en',
    variants: [
      { language: 'en', body: 'We open at 9.' },
      { language: 'uk', body: 'Ми відчиняємося о 9.' },
    ],
    languages: ['en', 'uk'],
  };

  it('previews the text chosen for the conversation, and the default one when none was chosen', () => {
    expect(chosenBody({ ...hours, choice: { chosenLanguage: 'uk', wantedLanguage: 'uk', wantedFrom: 'conversation', fallback: false } })).toBe('Ми відчиняємося о 9.');
    expect(chosenBody(hours)).toBe('We open at 9.');
  });

  it('is found by the picker’s search through any of its texts', () => {
    expect(filterCannedAnswers([hours], 'відчиняємося', { includeBody: true })).toEqual([hours]);
  });
});

describe('replaceRange', () => {
  it('replaces the /query with the answer and puts the caret after it', () => {
    expect(replaceRange('/ref', { start: 0, end: 4 }, 'Hi Iryna, your refund is on its way.')).toEqual({
      text: 'Hi Iryna, your refund is on its way.',
      caret: 36,
    });
  });

  it('keeps the text around the token', () => {
    expect(replaceRange('Hello /ref\nBye', { start: 6, end: 10 }, 'there')).toEqual({ text: 'Hello there\nBye', caret: 11 });
  });

  it('adds a space when the following text would stick to the insertion', () => {
    expect(replaceRange('/refThanks', { start: 0, end: 4 }, 'Done.')).toEqual({ text: 'Done. Thanks', caret: 6 });
  });

  it('inserts at the caret when the range is empty, as the picker does', () => {
    expect(replaceRange('Hi. ', { start: 4, end: 4 }, 'Bye.')).toEqual({ text: 'Hi. Bye.', caret: 8 });
  });
});

describe('previewLine', () => {
  it('puts a multi-line body on one line and cuts it with an ellipsis', () => {
    expect(previewLine('Hi {{contact.first_name}},\n\nyour refund   is on its way.', 30)).toBe('Hi {{contact.first_name}}, yo…');
    expect(previewLine('Short one.')).toBe('Short one.');
  });
});

describe('describeMissing', () => {
  it('names every variable that had no value', () => {
    expect(describeMissing(['contact.first_name'])).toBe('{{contact.first_name}} had no value for this conversation and was left out. Check the reply before sending.');
    expect(describeMissing(['contact.first_name', 'agent.name', 'channel.name'])).toContain('{{contact.first_name}}, {{agent.name}} and {{channel.name}} had no value');
  });
});

describe('moveHighlight', () => {
  it('moves down and up, wrapping at both ends', () => {
    expect(moveHighlight(3, 0, 1)).toBe(1);
    expect(moveHighlight(3, 2, 1)).toBe(0);
    expect(moveHighlight(3, 0, -1)).toBe(2);
  });

  it('starts at the first or last item when nothing is highlighted, and stays at -1 for an empty list', () => {
    expect(moveHighlight(3, -1, 1)).toBe(0);
    expect(moveHighlight(3, -1, -1)).toBe(2);
    expect(moveHighlight(0, 0, 1)).toBe(-1);
  });
});

describe('keepsCannedAnswer', () => {
  const rendered = 'Hi Iryna, your order is on its way. Track it at example.com/t/123.';

  it('holds for the answer as inserted, and with a few words fixed or added', () => {
    expect(keepsCannedAnswer(rendered, rendered)).toBe(true);
    expect(keepsCannedAnswer(rendered, 'Hi Iryna! Your order #7781 is on its way, it left Kyiv today. Track it at example.com/t/123.')).toBe(true);
  });

  it('does not hold once the agent wrote something else instead', () => {
    expect(keepsCannedAnswer(rendered, 'Sorry, your order was cancelled; the refund is coming.')).toBe(false);
    expect(keepsCannedAnswer('', 'anything')).toBe(false);
  });

  it('compares words whatever their case and punctuation, in Cyrillic too', () => {
    expect(keepsCannedAnswer('Ваше замовлення в дорозі.', 'ваше ЗАМОВЛЕННЯ в дорозі!')).toBe(true);
  });
});

describe('waitingCustomerText', () => {
  const message = (direction: MessageDirection, body: string) => ({ direction, body });

  it('is the customer’s last message since the last reply, notes aside', () => {
    expect(
      waitingCustomerText([
        message(MessageDirection.Inbound, 'Hello'),
        message(MessageDirection.Outbound, 'Hi, how can we help?'),
        message(MessageDirection.Inbound, 'Де моє   замовлення?'),
        message(MessageDirection.Internal, 'Checking with the warehouse'),
      ]),
    ).toBe('Де моє замовлення?');
  });

  it('is null when the last word was ours', () => {
    expect(waitingCustomerText([message(MessageDirection.Inbound, 'Hello'), message(MessageDirection.Outbound, 'Hi!')])).toBeNull();
    expect(waitingCustomerText([])).toBeNull();
  });
});

describe('containsText', () => {
  it('finds a text whatever its case and spacing', () => {
    expect(containsText(['Де моє замовлення?'], '  де моє  ЗАМОВЛЕННЯ? ')).toBe(true);
    expect(containsText(['Where is my order'], 'Where is my parcel')).toBe(false);
  });
});
