// A routing rule's match in words: "Records request · Dr. Alex Chen", or "Any task".
import type { PracticeConfig } from '../../../../shared/config/practice';
import type { RoutingRule } from '../../../../shared/config/schemas';

export function describeMatch(rule: RoutingRule, config: PracticeConfig): string {
  const { typeId, category, locationId, providerId } = rule.match;
  const parts = [
    typeId && (config.taskTypes.get(typeId)?.label ?? typeId),
    category && (config.categories.get(category)?.label ?? category),
    locationId && (config.locations.get(locationId)?.label ?? locationId),
    providerId && (config.staff.get(providerId)?.displayName ?? providerId),
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Any task';
}
