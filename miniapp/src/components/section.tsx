import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A titled card of a page (联系人, 客户资料, 阶段记录 …), with a grey hint on the right. */
export function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <>
      <View className="k-section-title">
        <Text>{title}</Text>
        {hint ? <Text className="k-section-title__hint">{hint}</Text> : null}
      </View>
      <View className="k-card">{children}</View>
    </>
  );
}
