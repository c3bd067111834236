import type { ContactAttributeView } from '@backtalk/contracts';
import { choicesOf, contactAttributeFormFrom, emptyContactAttributeForm, keyFromLabel, toCreateContactAttributeRequest, toUpdateContactAttributeRequest, validateContactAttributeForm } from './contact-attribute-form';

const plan: ContactAttributeView = { id: 'a1', key: 'plan', label: 'Plan', type: 'list', choices: ['Gold', 'Silver'], position: 0, createdAt: '', updatedAt: '' };

describe('the contact attribute form', () => {
  it('suggests a key canned answers can name from the label', () => {
    expect(keyFromLabel('Order ID')).toBe('order_id');
    expect(keyFromLabel('  Дата народження / Birthday ')).toBe('birthday');
    expect(keyFromLabel('2nd phone')).toBe('field_2nd_phone');
    expect(keyFromLabel('!!!')).toBe('');
  });

  it('says what is wrong before sending: no label, a key that cannot be typed or is taken, a list without choices', () => {
    expect(validateContactAttributeForm({ ...emptyContactAttributeForm(), key: 'Order ID' }, [], true)).toEqual({ label: 'Give the attribute a label.', key: 'Lower-case letters, digits and _, starting with a letter, e.g. order_id.' });
    expect(validateContactAttributeForm({ ...emptyContactAttributeForm(), label: 'Plan', key: 'plan' }, [plan], true)).toEqual({ key: 'The key plan is already used by Plan.' });
    expect(validateContactAttributeForm({ ...emptyContactAttributeForm(), label: 'Name', key: 'name' }, [], true).key).toContain('already filled from the contact');
    expect(validateContactAttributeForm({ ...emptyContactAttributeForm(), label: 'Tier', key: 'tier', type: 'list', choices: ' \n ' }, [], true)).toEqual({ choices: 'A list needs at least one choice, one a line.' });
  });

  it('sends choices one a line without blanks or repeats, and only what changed when editing', () => {
    expect(choicesOf('Gold\n\n Silver \nGold')).toEqual(['Gold', 'Silver']);
    expect(toCreateContactAttributeRequest({ label: ' Tier ', key: 'tier', keyEdited: false, type: 'list', choices: 'A\nB' })).toEqual({ key: 'tier', label: 'Tier', type: 'list', choices: ['A', 'B'] });
    expect(toCreateContactAttributeRequest({ label: 'VIP', key: 'vip', keyEdited: false, type: 'boolean', choices: 'ignored' })).toEqual({ key: 'vip', label: 'VIP', type: 'boolean' });
    expect(toUpdateContactAttributeRequest(plan, contactAttributeFormFrom(plan))).toEqual({});
    expect(toUpdateContactAttributeRequest(plan, { ...contactAttributeFormFrom(plan), choices: 'Gold\nSilver\nPlatinum' })).toEqual({ choices: ['Gold', 'Silver', 'Platinum'] });
  });
});
