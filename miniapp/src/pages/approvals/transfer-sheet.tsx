import { Popup, SearchBar } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { NameAvatar } from '../../components/name-avatar';
import { messageOf } from '../../services/api';
import { type Colleague, listColleagues } from '../../services/directory';
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css';

// 转交: the colleague who takes over my task on this step, found by name; myself excluded.

interface Props {
  visible: boolean;
  myId: number | undefined;
  onClose(): void;
  onPick(colleague: Colleague): void;
}

export function TransferSheet({ visible, myId, onClose, onPick }: Props) {
  const [people, setPeople] = useState<Colleague[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [q, setQ] = useState('');

  useEffect(() => {
    if (!visible || people) return;
    listColleagues()
      .then(setPeople)
      .catch((e) => setProblem(messageOf(e)));
  }, [visible, people]);

  const shown = (people ?? []).filter((p) => p.id !== myId && (q === '' || p.name.includes(q)));
  return (
    <Popup visible={visible} position="bottom" round closeable title="转交给同事" onClose={onClose}>
      <View className="transfer-sheet">
        <SearchBar
          placeholder="搜索同事姓名"
          value={q}
          onChange={(v) => setQ(v.trim())}
          onClear={() => setQ('')}
        />
        {problem ? <Text className="transfer-sheet__note">{problem}</Text> : null}
        {people === null && !problem ? <Text className="transfer-sheet__note">正在加载同事…</Text> : null}
        {people && shown.length === 0 ? <Text className="transfer-sheet__note">没有找到「{q}」</Text> : null}
        {shown.slice(0, 50).map((p) => (
          <View key={p.id} className="transfer-sheet__person" onClick={() => onPick(p)}>
            <NameAvatar name={p.name} />
            <Text className="transfer-sheet__name">{p.name}</Text>
            <Text className="transfer-sheet__dept">{p.department?.name ?? ''}</Text>
          </View>
        ))}
      </View>
    </Popup>
  );
}
