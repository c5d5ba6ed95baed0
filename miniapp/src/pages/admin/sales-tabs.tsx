import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import {
  ASSIGNMENT_PAGE,
  FOLLOWUP_RULES_PAGE,
  STAGES_PAGE,
  TARGETS_PAGE,
} from '../../services/sales-settings';
import { ConsoleFrame } from './console-frame';
import './sales-settings.css';

// 销售设置: one section of the console's header, its four pages as tabs under it (the header stays
// short enough for a phone however many sections the console grows).

const tabs = [
  { key: 'assignment', label: '线索分配', url: ASSIGNMENT_PAGE },
  { key: 'followup', label: '跟进规则', url: FOLLOWUP_RULES_PAGE },
  { key: 'stages', label: '销售阶段', url: STAGES_PAGE },
  { key: 'targets', label: '业绩目标', url: TARGETS_PAGE },
] as const;

interface Props {
  current: (typeof tabs)[number]['key'];
  refused: boolean;
  children: ReactNode;
}

export function SalesSettings({ current, refused, children }: Props) {
  return (
    <ConsoleFrame current="sales" refused={refused}>
      <View className="sales-tabs">
        {tabs.map((t) => (
          <Text
            key={t.key}
            className={`sales-tabs__item${t.key === current ? ' sales-tabs__item--on' : ''}`}
            onClick={() => t.key !== current && void Taro.redirectTo({ url: t.url })}
          >
            {t.label}
          </Text>
        ))}
      </View>
      {children}
    </ConsoleFrame>
  );
}
