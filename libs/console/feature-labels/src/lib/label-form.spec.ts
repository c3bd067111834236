import type { LabelView } from '@backtalk/contracts';
import { setConsoleLanguage } from '@backtalk/console/i18n';
import '../i18n';
import { emptyLabelForm, labelFormFrom, toCreateLabelRequest, toUpdateLabelRequest, validateLabelForm } from './label-form';

const label = (overrides: Partial<LabelView> = {}): LabelView => ({
  id: 'l1',
  name: 'VIP',
  color: 'purple',
  description: null,
  teamId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('the label form', () => {
  it('asks for a name and keeps it within the API’s limit', () => {
    expect(validateLabelForm({ ...emptyLabelForm(), name: '   ' }, [])).toEqual({ name: 'Give the label a name, e.g. “Refund”.' });
    expect(validateLabelForm({ ...emptyLabelForm(), name: 'x'.repeat(41) }, [])).toEqual({ name: 'Use at most 40 characters.' });
  });

  it('refuses a name the scope already has, whatever its case, but lets another scope reuse it', () => {
    const others = [label(), label({ id: 'l2', name: 'Refund', teamId: 'support' })];
    expect(validateLabelForm({ ...emptyLabelForm(), name: ' vip ' }, others).name).toBe('There is already a label for every team with this name.');
    expect(validateLabelForm({ ...emptyLabelForm('support'), name: 'REFUND' }, others).name).toBe('This team already has a label with this name.');
    expect(validateLabelForm({ ...emptyLabelForm('support'), name: 'VIP' }, others)).toEqual({});
  });

  it('sends a new label with its spaces tidied and no empty description', () => {
    expect(toCreateLabelRequest({ name: '  Refund   asked ', color: 'amber', description: '  ', teamId: '' })).toEqual({ name: 'Refund asked', color: 'amber', description: null, teamId: null });
  });

  it('sends only what an edit changed', () => {
    const original = label({ description: 'Spends a lot' });
    expect(toUpdateLabelRequest(original, labelFormFrom(original))).toEqual({});
    expect(toUpdateLabelRequest(original, { ...labelFormFrom(original), color: 'pink', description: '' })).toEqual({ color: 'pink', description: null });
  });

  it('explains what is wrong in Ukrainian when the console speaks it', () => {
    setConsoleLanguage('uk');
    try {
      expect(validateLabelForm({ ...emptyLabelForm(), name: 'x'.repeat(41) }, [])).toEqual({ name: 'Не більше 40 символів.' });
      expect(validateLabelForm({ ...emptyLabelForm(), name: 'vip' }, [label()]).name).toBe('Мітка для всіх команд з такою назвою вже існує.');
    } finally {
      setConsoleLanguage('en');
    }
  });
});
