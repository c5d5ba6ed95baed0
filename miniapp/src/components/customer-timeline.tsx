import { Text, View } from '@tarojs/components';
import { when } from '../services/customer-format';
import type { TimelineItem, TimelineType } from '../services/customers';

// The customer's history, newest first: follow-ups, changes, owners, deals, tasks, contracts, approvals, receivables.

const colours: Record<TimelineType, string> = {
  created: '#86909c',
  follow_up: '#2f6bff',
  change: '#86909c',
  owner: '#7a5cf0',
  stage: '#f7873b',
  won: '#14a9a0',
  lost: '#f53f3f',
  task_done: '#14a9a0',
  merge: '#86909c',
  lead: '#f7873b',
  contract: '#2f6bff',
  approval: '#7a5cf0',
  receivable: '#14a9a0',
};

export function Timeline({ items }: { items: TimelineItem[] }) {
  if (items.length === 0) return <Text className="profile__empty">还没有动态，写下第一条跟进吧</Text>;
  return (
    <View className="timeline">
      {items.map((item) => (
        <View key={item.id} className="timeline__item">
          <View className="timeline__dot" style={{ background: colours[item.type] ?? '#86909c' }} />
          <View className="timeline__body">
            <View className="timeline__head">
              <Text className="timeline__title">{item.title}</Text>
              <Text className="timeline__when">{when(item.at)}</Text>
            </View>
            {item.body ? <Text className="timeline__text">{item.body}</Text> : null}
            {item.by ? <Text className="timeline__by">{item.by.name}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
