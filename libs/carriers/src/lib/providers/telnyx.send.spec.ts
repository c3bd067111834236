import { ErrorCategory } from '../carrier-adapter';
import { SendConfigurationError } from '../send';
import { CYRILLIC_TEXT, outboundSms } from '../test-support';
import { telnyxSender } from './telnyx.send';

// Request: developers.telnyx.com/api-reference/messages/send-a-message (from, to, text, webhook_url; Bearer API key).
// Response: the example on that page, wrapped in `data` as the API answers it. Error envelope: MessagingError in
// team-telnyx/telnyx-node src/resources/messages/messages.ts @ 0918b35972dba786824fbeefd1528d3f93b3c7b0; codes and
// titles from developers.telnyx.com/docs/messaging/messages/error-codes and development/api-fundamentals/api-errors.

const CREDENTIALS = { apiKey: 'KEY0123456789ABCDEF_secret' };
const SMS = outboundSms();

const SENT = JSON.stringify({
  data: {
    record_type: 'message',
    direction: 'outbound',
    id: '40385f64-5717-4562-b3fc-2c963f66afa6',
    type: 'SMS',
    messaging_profile_id: '4000eba1-a0c0-4563-9925-b25e842a7cb6',
    organization_id: 'b448f9cc-a842-4784-98e9-03c1a5872950',
    from: { phone_number: '+18445550001', carrier: 'TELNYX LLC', line_type: 'VoIP' },
    to: [{ phone_number: '+18665550001', status: 'queued', carrier: 'T-MOBILE USA, INC.', line_type: 'Wireless' }],
    cc: [],
    text: 'Hello, World!',
    media: [],
    webhook_url: 'https://www.example.com/hooks',
    webhook_failover_url: 'https://backup.example.com/hooks',
    encoding: 'GSM-7',
    parts: 1,
    tags: ['Greetings'],
    cost: { amount: '0.0051', currency: 'USD' },
    received_at: '2019-01-23T18:10:02.574Z',
    sent_at: null,
    completed_at: null,
    valid_until: null,
    errors: [],
  },
});

function telnyxError(code: string, title: string, detail?: string): string {
  return JSON.stringify({ errors: [{ code, title, ...(detail ? { detail } : {}), meta: { url: `https://developers.telnyx.com/docs/overview/errors/${code}` } }] });
}

describe('Telnyx sender', () => {
  describe('buildSendRequest', () => {
    it('posts from, to, text and our webhook URL with the API key as a bearer token', () => {
      expect(telnyxSender.buildSendRequest(SMS, CREDENTIALS)).toEqual({
        method: 'POST',
        url: 'https://api.telnyx.com/v2/messages',
        headers: { authorization: 'Bearer KEY0123456789ABCDEF_secret', accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ from: '+15550001111', to: '+380501234567', text: SMS.text, webhook_url: SMS.statusCallbackUrl }),
      });
    });

    it('sends Cyrillic text unchanged and lets Telnyx pick the encoding', () => {
      expect(JSON.parse(telnyxSender.buildSendRequest(outboundSms({ text: CYRILLIC_TEXT }), CREDENTIALS).body ?? '').text).toBe(CYRILLIC_TEXT);
    });

    it('sends no Idempotency-Key, which Send a message does not declare', () => {
      expect(Object.keys(telnyxSender.buildSendRequest(SMS, CREDENTIALS).headers)).not.toContain('idempotency-key');
    });

    it('needs the API key', () => {
      expect(() => telnyxSender.buildSendRequest(SMS, {})).toThrow(SendConfigurationError);
    });
  });

  describe('interpretResponse', () => {
    it('accepts the documented response under data.id with its part count', () => {
      expect(telnyxSender.interpretResponse(200, {}, SENT)).toEqual({ kind: 'accepted', providerMessageId: '40385f64-5717-4562-b3fc-2c963f66afa6', segments: 1 });
    });

    it('fails an opted-out recipient (40300)', () => {
      // Code and title from the error-code reference; the detail wording is illustrative.
      const body = telnyxError('40300', 'Blocked due to STOP message', "Messages cannot be sent from '+15550001111' to '+380501234567' due to an existing block rule.");
      expect(telnyxSender.interpretResponse(400, {}, body)).toMatchObject({
        kind: 'failed',
        error: { code: '40300', category: ErrorCategory.OptedOut, permanent: true, reason: expect.stringContaining('replied STOP') },
      });
    });

    it('retries a full queue (40318)', () => {
      expect(telnyxSender.interpretResponse(400, {}, telnyxError('40318', 'Message queue full'))).toMatchObject({ kind: 'retry', reason: expect.stringContaining('40318') });
    });

    it('retries a 429 (10011) after Retry-After', () => {
      expect(telnyxSender.interpretResponse(429, { 'Retry-After': '2' }, telnyxError('10011', 'Too many requests'))).toEqual({
        kind: 'retry',
        reason: 'Telnyx answered HTTP 429',
        retryAfterSeconds: 2,
      });
    });

    it('retries a 500', () => {
      expect(telnyxSender.interpretResponse(500, {}, telnyxError('10007', 'Unexpected error'))).toEqual({ kind: 'retry', reason: 'Telnyx answered HTTP 500' });
    });

    it.each([
      ['10002', 'Invalid phone number'],
      ['10016', 'Phone number must be in +E.164 format'],
    ])('fails an invalid recipient (%s)', (code, title) => {
      expect(telnyxSender.interpretResponse(422, {}, telnyxError(code, title))).toMatchObject({ kind: 'failed', error: { code, category: ErrorCategory.InvalidNumber, permanent: true } });
    });

    it('fails a 401 (10009) as an authentication problem', () => {
      // Code and title from the API error reference; the detail wording is illustrative.
      const body = telnyxError('10009', 'Authentication failed', 'The API key looks malformed. Check that you copied it correctly.');
      expect(telnyxSender.interpretResponse(401, {}, body)).toMatchObject({ kind: 'failed', error: { code: '10009', category: ErrorCategory.Authentication, permanent: true } });
    });

    it('fails a 403 with an unmapped code as an authentication problem', () => {
      const body = telnyxError('10010', 'Authorization failed', 'You do not have permission to perform the requested action.');
      expect(telnyxSender.interpretResponse(403, {}, body)).toMatchObject({ kind: 'failed', error: { code: '10010', category: ErrorCategory.Authentication } });
    });

    it('passes on Telnyx\'s detail for a code our table does not know', () => {
      // A made-up code: the point is that an unknown one keeps Telnyx's words.
      const body = telnyxError('49999', 'Something new', 'A reason Telnyx added after this table was written.');
      expect(telnyxSender.interpretResponse(400, {}, body)).toEqual({
        kind: 'failed',
        error: { code: '49999', reason: 'Telnyx refused the message: A reason Telnyx added after this table was written.', category: ErrorCategory.Rejected, permanent: true },
      });
    });

    it('calls a 200 without data.id unknown', () => {
      expect(telnyxSender.interpretResponse(200, {}, '{"data":{}}')).toMatchObject({ kind: 'unknown' });
    });
  });
});
