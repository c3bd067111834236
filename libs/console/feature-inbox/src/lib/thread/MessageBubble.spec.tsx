import { type MediaView, MessageDirection, MessageKind, MessageStatus, type MessageView } from '@backtalk/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { MessageBubble } from './MessageBubble';

function customerMessage(media: MediaView[]): MessageView {
  return {
    id: 'm1',
    conversationId: 'c1',
    direction: MessageDirection.Inbound,
    kind: MessageKind.Customer,
    authorId: null,
    status: MessageStatus.Received,
    body: 'see attached',
    encoding: 'GSM-7',
    segments: 1,
    media,
    providerMessageId: 'SM1',
    sentAt: '2025-01-01T10:00:00Z',
    incomplete: false,
    error: null,
    sendAt: null,
    estimatedCost: null,
    externalReference: null,
    metadata: null,
    createdAt: '2025-01-01T10:00:00Z',
  };
}

const render = (media: MediaView[]) => renderToStaticMarkup(<MessageBubble message={customerMessage(media)} author={undefined} selfId="u1" lastInRun />);
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map(([, href]) => href);

describe('MessageBubble media', () => {
  it('links http and https media, opening them in a new tab without a referrer', () => {
    const html = render([
      { url: 'https://api.twilio.com/Media/ME1', contentType: 'image/jpeg' },
      { url: 'http://media.example.com/ME2.pdf', contentType: 'application/pdf' },
    ]);

    expect(hrefs(html)).toEqual(['https://api.twilio.com/Media/ME1', 'http://media.example.com/ME2.pdf']);
    expect(html).toContain('rel="noreferrer noopener"');
  });

  it.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'ftp://files.example.com/a.jpg', '//evil.example.com/a.jpg'])(
    'never renders %j as a link, but still shows that an attachment was sent',
    (url) => {
      const html = render([{ url, contentType: 'image/jpeg' }]);

      expect(hrefs(html)).toEqual([]);
      expect(html).toContain('Image');
    },
  );
});
