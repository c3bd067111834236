import { renderTemplate } from '@backtalk/sms';
import { contactVariables } from './contact-variables';

describe('filling a canned answer’s contact variables', () => {
  it('fills {{contact.<key>}} from the contact’s attributes, numbers as typed and yes/no as words', () => {
    const values = contactVariables({ name: 'Olena Kovalenko', attributes: { order_id: 'A-1042', orders: 12.5, vip: true, renews_on: '2026-03-01' } });
    expect(renderTemplate('Hi {{contact.first_name}}, order {{contact.order_id}} ({{contact.orders}} items, VIP: {{contact.vip}}) renews {{contact.renews_on}}.', values)).toEqual({
      body: 'Hi Olena, order A-1042 (12.5 items, VIP: yes) renews 2026-03-01.',
      missing: [],
    });
  });

  it('leaves out an attribute the contact has no value for and names it as missing, so the agent sees it before sending', () => {
    expect(renderTemplate('Your order {{contact.order_id}} is on its way.', contactVariables({ name: '', attributes: {} }))).toEqual({ body: 'Your order is on its way.', missing: ['contact.order_id'] });
  });
});
