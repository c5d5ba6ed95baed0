import { Failure, Tips } from '@nutui/icons-react-taro';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';

// The states every page shows while it waits, when something went wrong, and when there is nothing.

export function Waiting({ title, detail }: { title: string; detail?: string }) {
  return (
    <View className="k-state" aria-busy="true">
      <View className="k-spinner" />
      <Text className="k-state__title" style={{ marginTop: 16 }}>
        {title}
      </Text>
      {detail ? <Text className="k-state__detail">{detail}</Text> : null}
    </View>
  );
}

interface ProblemProps {
  title: string;
  detail?: string;
  /** 'error' (something failed: offer a retry) or 'notice' (nothing to retry, e.g. wrong place). */
  tone?: 'error' | 'notice';
  actionText?: string;
  onAction?: () => void;
}

export function Problem({ title, detail, tone = 'error', actionText = '重试', onAction }: ProblemProps) {
  return (
    <View className="k-state" role="alert">
      <View className={`k-state__icon${tone === 'error' ? ' k-state__icon--warning' : ''}`}>
        {tone === 'error' ? <Failure size={30} color="#f7873b" /> : <Tips size={30} color="#2f6bff" />}
      </View>
      <Text className="k-state__title">{title}</Text>
      {detail ? <Text className="k-state__detail">{detail}</Text> : null}
      {onAction ? (
        <View className="k-state__action">
          <Button type="primary" block onClick={onAction}>
            {actionText}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
