import { type PostWebhook, postWebhookVia } from './webhook-client';

describe('postWebhookVia', () => {
  it('posts to the given origin but keeps the path, query, headers and body the signature was made over', async () => {
    const seen: Parameters<PostWebhook>[0][] = [];
    const post = postWebhookVia('http://api:3000', async (request) => {
      seen.push(request);
      return { status: 200, body: '', error: null };
    });
    await post({ method: 'POST', url: 'https://backtalk.example.com/api/webhooks/twilio/abc?x=1', headers: { 'x-twilio-signature': 'sig' }, body: 'Body=hi' });
    expect(seen).toEqual([{ method: 'POST', url: 'http://api:3000/api/webhooks/twilio/abc?x=1', headers: { 'x-twilio-signature': 'sig' }, body: 'Body=hi' }]);
  });
});
