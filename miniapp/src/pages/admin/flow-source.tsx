import { Input, Text, View } from '@tarojs/components';
import type { ApproverSource, FlowField } from '../../services/approval-flows';
import type { Colleague } from '../../services/directory';
import { sourceNames } from './flow-words';

// Who approves (or is copied on) a step: a source and what it needs (the people, the role, how
// many levels up, the document's user field).

const defaults: Record<ApproverSource['type'], ApproverSource> = {
  user: { type: 'user', userIds: [] },
  role: { type: 'role', role: '' },
  manager: { type: 'manager', level: 1 },
  manager_chain: { type: 'manager_chain', upTo: 2 },
  department_head: { type: 'department_head' },
  submitter_pick: { type: 'submitter_pick' },
  field: { type: 'field', field: '' },
};
const levels = [1, 2, 3, 4];

interface Props {
  source: ApproverSource;
  fields: FlowField[];
  people: Colleague[];
  onChange(source: ApproverSource): void;
}

export function SourceEditor({ source, fields, people, onChange }: Props) {
  return (
    <View className="flow-source">
      <View className="admin-chips">
        {(Object.keys(sourceNames) as ApproverSource['type'][]).map((type) => (
          <Text
            key={type}
            className={`admin-chip${source.type === type ? ' admin-chip--on' : ''}`}
            onClick={() => source.type !== type && onChange(defaults[type])}
          >
            {sourceNames[type]}
          </Text>
        ))}
      </View>
      {detail()}
    </View>
  );

  function detail() {
    switch (source.type) {
      case 'user':
        return (
          <View className="admin-chips flow-source__people">
            {people.map((p) => {
              const on = source.userIds.includes(p.id);
              return (
                <Text
                  key={p.id}
                  className={`admin-chip${on ? ' admin-chip--on' : ''}`}
                  onClick={() =>
                    onChange({
                      type: 'user',
                      userIds: on ? source.userIds.filter((id) => id !== p.id) : [...source.userIds, p.id],
                    })
                  }
                >
                  {p.name}
                </Text>
              );
            })}
          </View>
        );
      case 'role':
        return (
          <Input
            className="k-input"
            placeholder="角色代码，如 finance"
            value={source.role}
            onInput={(e) => onChange({ type: 'role', role: e.detail.value })}
          />
        );
      case 'manager':
      case 'manager_chain':
        return (
          <View className="admin-chips">
            {levels.map((n) => {
              const on = (source.type === 'manager' ? source.level : source.upTo) === n;
              return (
                <Text
                  key={n}
                  className={`admin-chip${on ? ' admin-chip--on' : ''}`}
                  onClick={() =>
                    onChange(
                      source.type === 'manager'
                        ? { type: 'manager', level: n }
                        : { type: 'manager_chain', upTo: n },
                    )
                  }
                >
                  {source.type === 'manager' ? `第 ${n} 级` : `${n} 级`}
                </Text>
              );
            })}
          </View>
        );
      case 'field':
        return (
          <View className="admin-chips">
            {fields
              .filter((f) => f.kind === 'user')
              .map((f) => (
                <Text
                  key={f.field}
                  className={`admin-chip${source.field === f.field ? ' admin-chip--on' : ''}`}
                  onClick={() => onChange({ type: 'field', field: f.field })}
                >
                  {f.label}
                </Text>
              ))}
          </View>
        );
      default:
        return null;
    }
  }
}
