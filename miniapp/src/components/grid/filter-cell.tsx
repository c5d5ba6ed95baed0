import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ColumnFilter } from './types';

// A column's filter in the grid's header: a text applied on Enter or when the field is left, or a
// choice from the column's options (全部 clears it).

interface Props {
  filter: ColumnFilter;
  value: string | undefined;
  onChange(value: string | undefined): void;
}

export function ColumnFilterCell({ filter, value, onChange }: Props) {
  const [draft, setDraft] = useState(value ?? '');
  const [open, setOpen] = useState(false);
  if (filter.kind === 'text') {
    const apply = () => {
      const text = draft.trim();
      if (text !== (value ?? '')) onChange(text || undefined);
    };
    return (
      <Input
        className="k-grid__filter-input"
        value={draft}
        placeholder={filter.placeholder ?? '筛选'}
        onInput={(e) => setDraft(e.detail.value)}
        onConfirm={apply}
        onBlur={apply}
      />
    );
  }
  const chosen = filter.options.find((o) => o.value === value);
  return (
    <View className="k-grid__filter-choice">
      <Text
        className={`k-grid__filter-pick${chosen ? ' k-grid__filter-pick--on' : ''}`}
        onClick={() => setOpen(!open)}
      >
        {chosen?.label ?? '全部'} ▾
      </Text>
      {open ? (
        <View className="k-grid__menu">
          {[{ value: '', label: '全部' }, ...filter.options].map((o) => (
            <Text
              key={o.value}
              className={`k-grid__option${o.value === (value ?? '') ? ' k-grid__option--on' : ''}`}
              onClick={() => {
                setOpen(false);
                onChange(o.value || undefined);
              }}
            >
              {o.label}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
