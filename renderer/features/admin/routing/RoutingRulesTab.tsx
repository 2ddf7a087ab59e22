// Routing rules, in the order they run: the list, the selected rule's editor, and adding a rule.
import { EntryListTab } from '../common/EntryListTab';
import { labelOf, queueOptions } from '../common/options';
import { describeMatch } from './describe-match';
import { RoutingRuleEditor } from './RoutingRuleEditor';

export function RoutingRulesTab() {
  return (
    <EntryListTab
      kind="routing_rule"
      describe={(rule, config) => ({
        primary: `${rule.order}. ${describeMatch(rule, config)}`,
        secondary: `→ ${labelOf(queueOptions(config), rule.queue)} · ${rule.strategy === 'round_robin' ? 'round-robin' : 'least open work'} · ${rule.pool.length} people`,
        inactive: !rule.active,
      })}
      searchLabel="Search routing rules"
      newLabel="New routing rule"
      newTestId="routing-rule-new"
      emptyText="Rules run from the lowest order up; the first active rule that matches a task picks its queue and owner. Choose a rule to change it, or add one."
      Editor={RoutingRuleEditor}
    />
  );
}
