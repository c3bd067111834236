import { contactAttributeValueProblem, isCalendarDate } from '@backtalk/contracts';

const attribute = (type: 'text' | 'number' | 'date' | 'boolean' | 'list' | 'link', choices: string[] = []) => ({ label: 'Field', type, choices });

describe('checking a contact attribute value against its type', () => {
  it('accepts a value of each type as stored', () => {
    expect(contactAttributeValueProblem(attribute('text'), 'A-1042')).toBeNull();
    expect(contactAttributeValueProblem(attribute('number'), -3.5)).toBeNull();
    expect(contactAttributeValueProblem(attribute('date'), '2024-02-29')).toBeNull();
    expect(contactAttributeValueProblem(attribute('boolean'), false)).toBeNull();
    expect(contactAttributeValueProblem(attribute('list', ['Gold', 'Silver']), 'Silver')).toBeNull();
    expect(contactAttributeValueProblem(attribute('link'), 'https://crm.example/c/42')).toBeNull();
  });

  it('refuses a value of another type with a sentence naming the field and what it takes', () => {
    expect(contactAttributeValueProblem(attribute('number'), '12')).toBe('Field must be a number.');
    expect(contactAttributeValueProblem(attribute('date'), '2025-02-30')).toBe('Field must be a date (YYYY-MM-DD).');
    expect(contactAttributeValueProblem(attribute('boolean'), 'yes')).toBe('Field must be yes or no (true or false).');
    expect(contactAttributeValueProblem(attribute('list', ['Gold', 'Silver']), 'gold')).toBe('Field must be one of “Gold”, “Silver”.');
    expect(contactAttributeValueProblem(attribute('link'), 'javascript:alert(1)')).toBe('Field must be a link starting with http:// or https://.');
    expect(contactAttributeValueProblem(attribute('text'), '   ')).toBe('Field must be text.');
    expect(contactAttributeValueProblem(attribute('text'), 'x'.repeat(501))).toBe('Field is longer than 500 characters.');
  });

  it('knows which calendar dates exist', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-2-9')).toBe(false);
  });
});
