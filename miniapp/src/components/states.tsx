import { Failure, Tips } from '@nutui/icons-react-taro';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ApiError, messageOf } from '../services/api';

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

/** Why one record (a customer, a lead, a deal) did not load: missing (404, or out of scope) or failed. */
export interface LoadError {
  title: string;
  missing: boolean;
}

/** `e` as a LoadError; a 404 reads as `missingTitle`, like an id that does not exist. */
export const loadErrorOf = (e: unknown, missingTitle: string): LoadError => {
  const missing = e instanceof ApiError && e.status === 404;
  return { title: missing ? missingTitle : messageOf(e), missing };
};

/** A record page that could not load it: missing ones offer 返回, failures 重试. */
export function RecordProblem({
  error,
  missingDetail,
  onRetry,
}: {
  error: LoadError;
  missingDetail: string;
  onRetry(): void;
}) {
  return (
    <View className="k-page">
      <View className="k-card">
        <Problem
          tone={error.missing ? 'notice' : 'error'}
          title={error.title}
          detail={error.missing ? missingDetail : undefined}
          actionText={error.missing ? '返回' : '重试'}
          onAction={error.missing ? () => void Taro.navigateBack() : onRetry}
        />
      </View>
    </View>
  );
}

/** The tab row above a list (我的线索 / 公海, 今天 / 已完成 …). */
export function Tabs<K extends string>({
  tabs,
  current,
  onChoose,
}: {
  tabs: readonly { key: K; label: string }[];
  current: K;
  onChoose(key: K): void;
}) {
  return (
    <View className="k-tabs">
      {tabs.map((t) => (
        <Text
          key={t.key}
          className={`k-tab${t.key === current ? ' k-tab--on' : ''}`}
          onClick={() => onChoose(t.key)}
        >
          {t.label}
        </Text>
      ))}
    </View>
  );
}
