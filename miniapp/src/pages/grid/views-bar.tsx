import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { SavedView } from '../../services/grid';

// The person's saved views above the grid: everything (全部客户, the default) and each saved one; the current
// grid saved under a name, the chosen view updated or deleted.

interface Props {
  /** The default view's name: 全部客户, 全部线索, 全部商机. */
  everything: string;
  views: SavedView[];
  current: number | null;
  onPick(view: SavedView | null): void;
  onSave(name: string): void;
  onUpdate(): void;
  onDelete(): void;
}

export function ViewsBar({ everything, views, current, onPick, onSave, onUpdate, onDelete }: Props) {
  const [name, setName] = useState('');
  return (
    <View className="grid-views">
      <Text
        className={`grid-views__item${current === null ? ' grid-views__item--on' : ''}`}
        onClick={() => onPick(null)}
      >
        {everything}
      </Text>
      {views.map((v) => (
        <Text
          key={v.id}
          className={`grid-views__item${current === v.id ? ' grid-views__item--on' : ''}`}
          onClick={() => onPick(v)}
        >
          {v.name}
        </Text>
      ))}
      <View className="grid-views__save">
        {current !== null ? (
          <>
            <Text className="grid-views__link" onClick={onUpdate}>
              保存修改
            </Text>
            <Text className="grid-views__link grid-views__link--danger" onClick={onDelete}>
              删除视图
            </Text>
          </>
        ) : null}
        <Input
          className="grid-views__input"
          value={name}
          placeholder="新视图名称"
          onInput={(e) => setName(e.detail.value)}
        />
        <Button
          size="small"
          type="primary"
          onClick={() => {
            if (name.trim() === '') return;
            onSave(name.trim());
            setName('');
          }}
        >
          保存为视图
        </Button>
      </View>
    </View>
  );
}
