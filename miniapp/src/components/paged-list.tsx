import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Problem, Waiting } from './states';

// A list that loads page by page (线索, 待办): until its rows come it shows the wait, the failure
// with a retry, or what to do when there is nothing; under its rows, more to load, the count, or
// the failure of the next page with a retry.

interface PagedListProps<T> {
  items: T[] | null;
  error: string | null;
  /** What the list holds, for its messages: 线索, 待办. */
  what: string;
  /** The empty state: a notice with what to do next. */
  empty: { title: string; detail: string; actionText?: string; onAction?: () => void };
  hasMore: boolean;
  /** Below the last row when there is no more: 共 3 条线索. */
  countText: string;
  className: string;
  onRetry(): void;
  onRetryMore(): void;
  children: ReactNode;
}

export function PagedList<T>(props: PagedListProps<T>) {
  const { items, error, what, empty, hasMore, countText, className, onRetry, onRetryMore, children } = props;
  if (error && !items?.length) {
    return (
      <View className="k-card">
        <Problem title={`${what}加载失败`} detail={error} onAction={onRetry} />
      </View>
    );
  }
  if (items === null) return <Waiting title={`正在加载${what}…`} />;
  if (items.length === 0) {
    return (
      <View className="k-card">
        <Problem tone="notice" {...empty} />
      </View>
    );
  }
  return (
    <View className={className}>
      {children}
      {error ? (
        <Text className="k-list-foot k-list-foot--error" onClick={onRetryMore}>
          {error}，点此重试
        </Text>
      ) : (
        <Text className="k-list-foot">{hasMore ? '上拉加载更多' : countText}</Text>
      )}
    </View>
  );
}
