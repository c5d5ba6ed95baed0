import { Button, Popup } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { type ReactNode, useEffect, useState } from 'react';
import { messageOf } from '../../services/api';
import {
  type CustomerFilters,
  type CustomFieldDefinition,
  customFieldDefinitions,
  pipelineStages,
  type Stage,
} from '../../services/customers';
import { type Colleague, listColleagues, listTagGroups, type TagGroup } from '../../services/directory';
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/overlay/style/css';

// The 筛选 sheet of the customer list: tags by group, owner (for those who may see colleagues'
// customers), the deal stage and the select-type custom fields. Choices load the first time it opens.

interface Choices {
  tagGroups: TagGroup[] | string;
  colleagues: Colleague[];
  stages: Stage[];
  fields: CustomFieldDefinition[];
}

async function loadChoices(): Promise<Choices> {
  const [tagGroups, colleagues, stages, fields] = await Promise.all([
    // Tags failing to load leaves the other filters usable.
    listTagGroups().catch((e: unknown) => `标签加载失败：${messageOf(e)}`),
    listColleagues(),
    pipelineStages(),
    customFieldDefinitions(),
  ]);
  return {
    tagGroups,
    colleagues,
    stages: stages.filter((stage) => stage.outcome === 'open'),
    fields: fields.filter((field) => field.type === 'select' && field.options.length > 0),
  };
}

/** How many filters of the sheet are on (the owner chips above the list count apart). */
export const sheetFilterCount = (filters: CustomerFilters) =>
  (filters.tags?.length ?? 0) +
  (filters.stage === undefined ? 0 : 1) +
  (typeof filters.owner === 'number' ? 1 : 0) +
  Object.keys(filters.cf ?? {}).length;

interface FilterSheetProps {
  visible: boolean;
  filters: CustomerFilters;
  onClose(): void;
  onApply(filters: CustomerFilters): void;
}

export function FilterSheet({ visible, filters, onClose, onApply }: FilterSheetProps) {
  const [draft, setDraft] = useState<CustomerFilters>(filters);
  const [choices, setChoices] = useState<Choices | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!visible) return;
    setDraft(filters);
    if (choices) return;
    setProblem(null);
    loadChoices()
      .then(setChoices)
      .catch((e: unknown) => setProblem(messageOf(e)));
  }, [visible, filters, choices]);

  const toggleTag = (id: number) => {
    const now = draft.tags ?? [];
    setDraft({ ...draft, tags: now.includes(id) ? now.filter((t) => t !== id) : [...now, id] });
  };
  const setField = (key: string, value: string) => {
    const cf = { ...draft.cf };
    if (cf[key] === value) delete cf[key];
    else cf[key] = value;
    setDraft({ ...draft, cf });
  };

  return (
    <Popup visible={visible} position="bottom" round onClose={onClose} title="筛选客户" closeable>
      <View className="filter-sheet">
        {problem ? <Text className="filter-sheet__none">{problem}</Text> : null}
        {!choices && !problem ? <Text className="filter-sheet__none">正在加载筛选项…</Text> : null}
        {choices ? sections(choices) : null}
        <View className="filter-sheet__actions">
          <Button
            className="filter-sheet__reset"
            onClick={() =>
              setDraft({ owner: draft.owner === 'me' || draft.owner === 'pool' ? draft.owner : undefined })
            }
          >
            重置
          </Button>
          <Button type="primary" className="filter-sheet__apply" onClick={() => onApply(draft)}>
            查看结果
          </Button>
        </View>
      </View>
    </Popup>
  );

  function sections({ tagGroups, colleagues, stages, fields }: Choices) {
    return (
      <>
        {typeof tagGroups === 'string' ? <Text className="filter-sheet__none">{tagGroups}</Text> : null}
        {typeof tagGroups !== 'string'
          ? tagGroups
              .filter((group) => group.tags.length > 0)
              .map((group) => (
                <Section key={`g${group.id}`} label={group.name}>
                  {group.tags.map((tag) => (
                    <Chip key={tag.id} on={draft.tags?.includes(tag.id)} onTap={() => toggleTag(tag.id)}>
                      {tag.name}
                    </Chip>
                  ))}
                </Section>
              ))
          : null}
        {/* A rep picks only themself, which 我负责的 above already says. */}
        {colleagues.length > 1 ? (
          <Section label="负责人">
            {colleagues.map((person) => (
              <Chip
                key={person.id}
                on={draft.owner === person.id}
                onTap={() => setDraft({ ...draft, owner: draft.owner === person.id ? undefined : person.id })}
              >
                {person.name}
              </Chip>
            ))}
          </Section>
        ) : null}
        {stages.length > 0 ? (
          <Section label="商机阶段">
            {stages.map((stage) => (
              <Chip
                key={stage.id}
                on={draft.stage === stage.id}
                onTap={() => setDraft({ ...draft, stage: draft.stage === stage.id ? undefined : stage.id })}
              >
                {stage.name}
              </Chip>
            ))}
          </Section>
        ) : null}
        {fields.map((field) => (
          <Section key={field.key} label={field.label}>
            {field.options.map((option) => (
              <Chip
                key={option}
                on={draft.cf?.[field.key] === option}
                onTap={() => setField(field.key, option)}
              >
                {option}
              </Chip>
            ))}
          </Section>
        ))}
      </>
    );
  }
}

function Section({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View>
      <Text className="filter-sheet__label">{label}</Text>
      <View className="filter-sheet__chips">{children}</View>
    </View>
  );
}

function Chip({ on, onTap, children }: { on?: boolean; onTap(): void; children: ReactNode }) {
  return (
    <Text className={`k-chip${on ? ' k-chip--on' : ''}`} onClick={onTap}>
      {children}
    </Text>
  );
}
