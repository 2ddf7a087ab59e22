// Routing rules, in the order they run: the list, the selected rule's editor, and adding a rule.
import { entriesOf } from '../admin-config';
import { MasterDetail, NothingSelected } from '../common/MasterDetail';
import { NewEntryButton } from '../common/NewEntryButton';
import { labelOf, queueOptions } from '../common/options';
import { useEntrySelection } from '../common/useEntrySelection';
import { useMayEdit, usePracticeConfig } from '../usePracticeConfig';
import { describeMatch } from './describe-match';
import { RoutingRuleEditor } from './RoutingRuleEditor';

export function RoutingRulesTab() {
  const { config } = usePracticeConfig();
  const mayEdit = useMayEdit('routing_rule');
  const selection = useEntrySelection();
  const entries = entriesOf(config, 'routing_rule');
  const queues = queueOptions(config);
  const current = entries.find((e) => e.key === selection.selected);
  return (
    <MasterDetail
      entries={entries.map((e) => ({
        key: e.key,
        primary: `${e.body.order}. ${describeMatch(e.body, config)}`,
        secondary: `→ ${labelOf(queues, e.body.queue)} · ${e.body.strategy === 'round_robin' ? 'round-robin' : 'least open work'} · ${e.body.pool.length} people`,
        inactive: !e.body.active,
      }))}
      selected={selection.selected}
      onSelect={selection.select}
      searchLabel="Search routing rules"
      actions={mayEdit && <NewEntryButton label="New routing rule" onClick={selection.startNew} testId="routing-rule-new" />}
    >
      {selection.isNew ? (
        <RoutingRuleEditor
          key={selection.newKey}
          takenKeys={entries.map((e) => e.key)}
          readOnly={!mayEdit}
          onCreated={selection.onCreated}
        />
      ) : current ? (
        <RoutingRuleEditor
          key={current.key}
          ruleKey={current.key}
          body={current.body}
          takenKeys={[]}
          readOnly={!mayEdit}
          justCreated={selection.justCreated(current.key)}
        />
      ) : (
        <NothingSelected text="Rules run from the lowest order up; the first active rule that matches a task picks its queue and owner. Choose a rule to change it, or add one." />
      )}
    </MasterDetail>
  );
}
