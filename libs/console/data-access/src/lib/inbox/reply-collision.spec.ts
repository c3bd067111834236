import { ErrorCode } from '@backtalk/contracts';
import { setConsoleLanguage } from '@backtalk/console/i18n';
import '../../i18n';
import { ApiError } from '../http/api-error';
import { replyCollisionOf } from './reply-collision';

describe('a reply held because a colleague moved first', () => {
  const held = new ApiError(409, ErrorCode.ReplyCollision, 'Maria Agent answered this customer after you opened the conversation.', { takenBy: null, repliedBy: { id: 'u2', name: 'Maria Agent' }, replies: [] }, null, true);
  afterEach(() => setConsoleLanguage('en'));

  it('keeps the API’s sentence naming the colleague in English, and says it in Ukrainian by the error’s code', () => {
    expect(replyCollisionOf(held)?.message).toBe('Maria Agent answered this customer after you opened the conversation.');
    setConsoleLanguage('uk');
    expect(replyCollisionOf(held)?.message).not.toContain('Maria Agent answered');
  });
});
