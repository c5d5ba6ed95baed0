import { SearchBar } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { listPeople, type Person } from '../../services/admin';
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css';

// 操作人: whoever did it, found by name among everyone (those who left too: their changes stay in
// the log). The chosen person stays shown with a way to clear them.

interface Props {
  chosen: Pick<Person, 'id' | 'name'> | null;
  onChoose(person: Pick<Person, 'id' | 'name'> | null): void;
}

export function PersonPicker({ chosen, onChoose }: Props) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Person[]>([]);
  // An older search's answer must not overwrite a newer one's.
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    if (!q) {
      setFound([]);
      return;
    }
    void listPeople({ q })
      .then((page) => mine === generation.current && setFound(page.items.slice(0, 8)))
      .catch(() => mine === generation.current && setFound([]));
  }, [q]);

  if (chosen)
    return (
      <View className="admin-chips">
        <Text className="admin-chip admin-chip--on audit-person">
          {chosen.name}
          <Text className="audit-person__clear" onClick={() => onChoose(null)}>
            ×
          </Text>
        </Text>
      </View>
    );
  return (
    <View className="audit-picker">
      <SearchBar
        className="audit-picker__search"
        placeholder="搜索操作人姓名"
        value={q}
        onChange={(v) => setQ(v.trim())}
        onClear={() => setQ('')}
      />
      {found.length > 0 ? (
        <View className="admin-chips audit-picker__found">
          {found.map((p) => (
            <Text
              key={p.id}
              className="admin-chip"
              onClick={() => {
                onChoose({ id: p.id, name: p.name });
                setQ('');
              }}
            >
              {p.name}
              {p.department ? ` · ${p.department.name}` : ''}
            </Text>
          ))}
        </View>
      ) : q ? (
        <Text className="admin-muted audit-picker__none">没有找到「{q}」</Text>
      ) : null}
    </View>
  );
}
