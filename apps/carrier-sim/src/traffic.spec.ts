import { sendRecord } from './providers/test-support';
import { phoneKey, TrafficLog } from './traffic';

describe('TrafficLog', () => {
  it('moves a message forward only, whatever order its reports arrive in', () => {
    const traffic = new TrafficLog();
    const send = sendRecord();
    traffic.recordSend(send);
    const report = { errorCode: null, duplicate: false, postedAt: '2026-11-25T10:00:01.000Z', httpStatus: 200, error: null };

    traffic.recordReport(send, { ...report, status: 'delivered' });
    traffic.recordReport(send, { ...report, status: 'sent' });

    expect(send.status).toBe('delivered');
    expect(send.reports.map((posted) => posted.status)).toEqual(['delivered', 'sent']);
  });

  it('finds sends by recipient however the number is written', () => {
    const traffic = new TrafficLog();
    traffic.recordSend(sendRecord({ to: '380501234567', phone: '+380501234567' }));

    expect(traffic.listSends({ to: '+380 50 123 4567' })).toHaveLength(1);
    expect(traffic.listSends({ to: '+380671112233' })).toHaveLength(0);
  });

  it('counts repeated requests for the same message', () => {
    const traffic = new TrafficLog();

    expect([traffic.countAttempt('a'), traffic.countAttempt('a'), traffic.countAttempt('b')]).toEqual([1, 2, 1]);
  });

  it('lists phones added by hand and phones that received messages, most recent first', () => {
    const traffic = new TrafficLog();
    traffic.addPhone('+380671112233', 'Олена');
    traffic.recordSend(sendRecord({ receivedAt: new Date(Date.now() + 60_000).toISOString() }));

    expect(traffic.listPhones().map(({ phone, name, messages }) => [phone, name, messages])).toEqual([
      ['+380501234567', null, 1],
      ['+380671112233', 'Олена', 0],
    ]);
  });

  it('tells listeners which phone changed', () => {
    const traffic = new TrafficLog();
    const changes: unknown[] = [];
    const stop = traffic.onChange((change) => changes.push(change));
    traffic.recordSend(sendRecord());
    stop();
    traffic.clearSends();

    expect(changes).toEqual([{ kind: 'send', phone: '+380501234567' }]);
  });

  it('writes customers in E.164 whether or not the provider kept the plus', () => {
    expect(phoneKey('380501234567')).toBe('+380501234567');
    expect(phoneKey('+380501234567')).toBe('+380501234567');
  });
});
