import { firstName, renderTemplate } from './template';

describe('renderTemplate', () => {
  it('fills every variable it has a value for', () => {
    expect(renderTemplate('Hi {{contact.first_name}}, this is {{ agent.name }}.', { 'contact.first_name': 'Olena', 'agent.name': 'Andriy' })).toEqual({
      body: 'Hi Olena, this is Andriy.',
      missing: [],
    });
  });

  it('drops a variable without a value, with the space before it, and says which', () => {
    expect(renderTemplate('Hi {{contact.first_name}}, your refund is on its way.', { 'contact.first_name': '' })).toEqual({
      body: 'Hi, your refund is on its way.',
      missing: ['contact.first_name'],
    });
  });

  it('leaves text without variables as it is', () => {
    expect(renderTemplate('Reply STOP to opt out.', {})).toEqual({ body: 'Reply STOP to opt out.', missing: [] });
  });
});

describe('firstName', () => {
  it('takes the first word of a full name', () => {
    expect(firstName('  Olena   Kovalenko ')).toBe('Olena');
    expect(firstName(null)).toBe('');
  });
});
