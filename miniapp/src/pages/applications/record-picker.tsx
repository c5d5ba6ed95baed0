import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { get } from '../../services/api';
import type { Answer } from '../../services/contract';
import { listCustomers } from '../../services/customers';
import { listColleagues } from '../../services/directory';

// A person, a customer or a deal for a field of an application: type part of a name, tap one of
// the first matches. The server lists only the records the applicant may see.

export type RecordKind = 'user' | 'customer' | 'opportunity';
export interface Picked {
  id: number;
  name: string;
}

type Deals = Answer<'/api/opportunities', 'get'>;

async function search(kind: RecordKind, q: string): Promise<Picked[]> {
  if (kind === 'customer')
    return (await listCustomers({ q })).items.map((c) => ({ id: c.id, name: c.name ?? '（名称已隐藏）' }));
  if (kind === 'opportunity')
    return (await get<Deals>(`/api/opportunities?status=open&limit=20&q=${encodeURIComponent(q)}`)).items.map(
      (d) => ({ id: d.id, name: `${d.name ?? '（名称已隐藏）'}（${d.customer.name}）` }),
    );
  return (await listColleagues()).filter((u) => u.name.includes(q)).map((u) => ({ id: u.id, name: u.name }));
}

const placeholders: Record<RecordKind, string> = {
  user: '输入姓名搜索成员',
  customer: '输入名称搜索客户',
  opportunity: '输入名称搜索商机',
};

export function RecordPicker(props: {
  kind: RecordKind;
  picked: Picked | null;
  onPick(p: Picked | null): void;
}) {
  const { kind, picked, onPick } = props;
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Picked[]>([]);
  useEffect(() => {
    if (picked) return;
    let current = true;
    // A short pause so that typing a name asks once, not once per character.
    const timer = setTimeout(() => {
      search(kind, q)
        .then((list) => current && setFound(list.slice(0, 6)))
        .catch(() => current && setFound([]));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [kind, q, picked]);

  if (picked)
    return (
      <View className="k-chips">
        <Text className="k-chip k-chip--on" onClick={() => onPick(null)}>
          {picked.name} ✕
        </Text>
      </View>
    );
  return (
    <View>
      <Input
        className="k-input"
        value={q}
        placeholder={placeholders[kind]}
        onInput={(e) => setQ(e.detail.value)}
      />
      <View className="k-chips">
        {found.map((p) => (
          <Text key={p.id} className="k-chip" onClick={() => onPick(p)}>
            {p.name}
          </Text>
        ))}
      </View>
    </View>
  );
}
