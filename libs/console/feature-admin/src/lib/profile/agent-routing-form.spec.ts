import { ROUTING_LANGUAGES } from '@backtalk/contracts';
import { agentRoutingFormFrom, toUpdateAgentRoutingRequest, validateAgentRoutingForm } from './agent-routing-form';

const original = { userId: 'me', capacity: null, languages: ['uk' as const, 'en' as const] };

describe('the agent routing form', () => {
  it('sends nothing when the same languages are ticked in another order', () => {
    expect(toUpdateAgentRoutingRequest(original, { languages: ['en', 'uk'], capacity: '' }, ROUTING_LANGUAGES)).toEqual({});
  });

  it('sends the languages in the order they are offered, and the capacity as a number', () => {
    expect(toUpdateAgentRoutingRequest(original, { languages: ['ru', 'en'], capacity: '4' }, ROUTING_LANGUAGES)).toEqual({ languages: ['en', 'ru'], capacity: 4 });
  });

  it('reads an empty capacity as no limit', () => {
    const limited = { ...original, capacity: 3 };
    expect(toUpdateAgentRoutingRequest(limited, { ...agentRoutingFormFrom(limited), capacity: '' }, ROUTING_LANGUAGES)).toEqual({ capacity: null });
  });

  it('asks for a whole number', () => {
    expect(validateAgentRoutingForm({ languages: [], capacity: 'two' }).capacity).toBeDefined();
    expect(validateAgentRoutingForm({ languages: [], capacity: '' })).toEqual({});
  });
});
