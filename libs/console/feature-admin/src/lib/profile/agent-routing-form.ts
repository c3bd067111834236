import type { AgentRoutingView, RoutingLanguage, UpdateAgentRoutingRequest } from '@backtalk/contracts';
import { translateAdmin as t } from '../../i18n';
import { optionalWholeNumber } from '../numbers';

export const MAX_AGENT_CAPACITY = 1000;

export interface AgentRoutingFormValues {
  languages: RoutingLanguage[];
  /** Empty: no limit. */
  capacity: string;
}

export function agentRoutingFormFrom(view: AgentRoutingView): AgentRoutingFormValues {
  return { languages: [...view.languages], capacity: view.capacity === null ? '' : String(view.capacity) };
}

export function validateAgentRoutingForm(values: AgentRoutingFormValues): Partial<Record<'capacity', string>> {
  return optionalWholeNumber(values.capacity, 0, MAX_AGENT_CAPACITY) === undefined ? { capacity: t('profile.routing.capacityInvalid', { max: MAX_AGENT_CAPACITY }) } : {};
}

/** Only what changed; languages in the order they are offered, so ticking and unticking one is no change. */
export function toUpdateAgentRoutingRequest(original: AgentRoutingView, values: AgentRoutingFormValues, order: readonly RoutingLanguage[]): UpdateAgentRoutingRequest {
  const changes: UpdateAgentRoutingRequest = {};
  const languages = order.filter((language) => values.languages.includes(language));
  const before = order.filter((language) => original.languages.includes(language));
  if (languages.join() !== before.join()) changes.languages = languages;
  const capacity = optionalWholeNumber(values.capacity, 0, MAX_AGENT_CAPACITY) ?? null;
  if (capacity !== original.capacity) changes.capacity = capacity;
  return changes;
}
