// Routing rules, in the order they run: the list and the selected rule's editor.
import { useState } from 'react';
import { entriesOf } from '../../../data/admin-config';
import { MasterDetail, NothingSelected } from '../common/MasterDetail';
import { labelOf, queueOptions } from '../common/options';
import { useMayEdit, usePracticeConfig } from '../usePracticeConfig';
import { describeMatch } from './describe-match';
import { RoutingRuleEditor } from './RoutingRuleEditor';

export function RoutingRulesTab() {
  const { config } = usePracticeConfig();
  const mayEdit = useMayEdit('routing_rule');
  const [selected, setSelected] = useState<string | null>(null);
  const entries = entriesOf(config, 'routing_rule');
  const queues = queueOptions(config);
  const current = entries.find((e) => e.key === selected);
  return (
    <MasterDetail
      entries={entries.map((e) => ({
        key: e.key,
        primary: `${e.body.order}. ${describeMatch(e.body, config)}`,
        secondary: `→ ${labelOf(queues, e.body.queue)} · ${e.body.strategy === 'round_robin' ? 'round-robin' : 'least open work'} · ${e.body.pool.length} people`,
        inactive: !e.body.active,
      }))}
      selected={selected}
      onSelect={setSelected}
      searchLabel="Search routing rules"
    >
      {current ? (
        <RoutingRuleEditor key={current.key} ruleKey={current.key} body={current.body} readOnly={!mayEdit} />
      ) : (
        <NothingSelected text="Rules run from the lowest order up; the first active rule that matches a task picks its queue and owner. Choose a rule to change it." />
      )}
    </MasterDetail>
  );
}
