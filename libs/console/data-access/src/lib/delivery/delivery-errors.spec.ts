import { setConsoleLanguage } from '@backtalk/console/i18n';
import '../../i18n';
import { describeDeliveryError } from './delivery-errors';

describe('why a message was not delivered', () => {
  afterEach(() => setConsoleLanguage('en'));

  it('shows the carrier’s own text in English, and says so when the provider gave none', () => {
    expect(describeDeliveryError({ reason: 'The phone is switched off or out of coverage', category: 'unreachable' })).toEqual({ sentence: null, carrierText: 'The phone is switched off or out of coverage' });
    expect(describeDeliveryError({ reason: '', category: 'unknown' })).toEqual({ sentence: 'The provider did not say why.', carrierText: null });
    expect(describeDeliveryError({ reason: null, category: 'expired' })).toEqual({ sentence: 'The message expired before it could be delivered.', carrierText: null });
  });

  it('words the category in Ukrainian and keeps the carrier’s English text only as data next to it', () => {
    setConsoleLanguage('uk');
    expect(describeDeliveryError({ reason: 'The phone is switched off or out of coverage', category: 'unreachable' })).toEqual({
      sentence: 'Телефон був вимкнений або поза зоною покриття.',
      carrierText: 'The phone is switched off or out of coverage',
    });
    // An unknown category has no sentence of its own: the carrier's text is all there is, quoted as data.
    expect(describeDeliveryError({ reason: 'Sinch reported the message as aborted.', category: 'unknown' })).toEqual({ sentence: null, carrierText: 'Sinch reported the message as aborted.' });
    expect(describeDeliveryError(null)).toEqual({ sentence: 'Провайдер не вказав причину.', carrierText: null });
  });
});
