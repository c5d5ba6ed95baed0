import { Picker, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { AuditAction } from '../../services/admin-data';
import { type Period, type PeriodKey, periodNames } from './audit-period';
import { PersonPicker } from './audit-person-picker';
import { actionNames, objectTypeNames } from './audit-words';
import { Chips } from './chips';
import { choicesOf } from './data-words';

// 操作日志's filters: who, which kind of record, what was done, and when. Each change is a new
// search from the newest entry.

export interface AuditFilter {
  actor: { id: number; name: string } | null;
  objectType: string | null;
  action: AuditAction | null;
  period: Period;
}

const ALL = '';
const withAll = <K extends string>(names: Record<K, string>) => [
  { value: ALL as K | typeof ALL, label: '全部' },
  ...choicesOf(names),
];

interface Props {
  filter: AuditFilter;
  onChange(filter: AuditFilter): void;
}

export function AuditFilters({ filter, onChange }: Props) {
  const set = (patch: Partial<AuditFilter>) => onChange({ ...filter, ...patch });
  const { period } = filter;
  return (
    <View className="admin-filters audit-filters">
      <Row label="操作人">
        <PersonPicker chosen={filter.actor} onChoose={(actor) => set({ actor })} />
      </Row>
      <Row label="对象">
        <Chips
          choices={withAll(objectTypeNames)}
          isOn={(v) => v === (filter.objectType ?? ALL)}
          onChoose={(v) => set({ objectType: v || null })}
        />
      </Row>
      <Row label="操作">
        <Chips
          choices={withAll(actionNames)}
          isOn={(v) => v === (filter.action ?? ALL)}
          onChoose={(v) => set({ action: v || null })}
        />
      </Row>
      <Row label="时间">
        <Chips
          choices={choicesOf(periodNames)}
          isOn={(v) => v === period.key}
          onChoose={(key: PeriodKey) => set({ period: { key } })}
        />
      </Row>
      {period.key === 'custom' ? (
        <Row label="">
          <View className="audit-days">
            <Day
              value={period.first}
              placeholder="开始日期"
              onChange={(first) => set({ period: { ...period, first } })}
            />
            <Text className="admin-muted">至</Text>
            <Day
              value={period.last}
              placeholder="结束日期"
              onChange={(last) => set({ period: { ...period, last } })}
            />
          </View>
        </Row>
      ) : null}
    </View>
  );
}

function Day({
  value,
  placeholder,
  onChange,
}: {
  value?: string;
  placeholder: string;
  onChange(v: string): void;
}) {
  return (
    <Picker mode="date" value={value ?? ''} onChange={(e) => onChange(String(e.detail.value))}>
      <Text className={`admin-chip audit-day${value ? ' admin-chip--on' : ''}`}>{value ?? placeholder}</Text>
    </Picker>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="admin-filters__row">
      <Text className="admin-filters__label audit-filters__label">{label}</Text>
      <View className="audit-filters__value">{children}</View>
    </View>
  );
}
