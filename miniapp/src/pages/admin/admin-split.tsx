import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Problem, Waiting } from '../../components/states';
import type { AdminLoad } from './use-admin-load';

// The console's list-and-editor page (角色, 标签, 字段, 阶段, 分配规则, 跟进规则): the rows on the left
// with a 新建 button over them, the picked row's editor beside them on a desktop, instead of them on
// a phone (admin-split--picked), and a hint while nothing is picked.

interface AdminSplitProps {
  /** Whether an editor is open: a row or a new one is picked. */
  editing: boolean;
  /** A wider list column for pages whose rows carry more (admin-split--data, --roles). */
  variant?: 'data' | 'roles';
  /** What comes before the 新建 button (a filter). */
  filters?: ReactNode;
  /** The 新建 button over the rows; none for a person who may only read them. */
  newLabel?: string;
  onNew?(): void;
  /** The rows, with their count line or empty notice. */
  rows: ReactNode;
  editor: ReactNode;
  /** What the detail says while nothing is picked. */
  hint: string;
}

export function AdminSplit({
  editing,
  variant,
  filters,
  newLabel,
  onNew,
  rows,
  editor,
  hint,
}: AdminSplitProps) {
  const classes = ['admin-split', variant && `admin-split--${variant}`, editing && 'admin-split--picked'];
  return (
    <View className={classes.filter(Boolean).join(' ')}>
      <View className="admin-split__list">
        {filters}
        {onNew ? (
          <View className="admin-actions admin-actions--top">
            <Button type="primary" onClick={onNew}>
              {newLabel}
            </Button>
          </View>
        ) : null}
        {rows}
      </View>
      <View className="admin-split__detail">
        {editing ? editor : <Text className="admin-empty-detail">{hint}</Text>}
      </View>
    </View>
  );
}

interface LoadedProps<T> {
  load: Pick<AdminLoad<T>, 'data' | 'error' | 'reload'>;
  /** What the page loads, as its messages name it: 角色 → 角色加载失败, 正在加载角色…. */
  what: string;
  children(data: T): ReactNode;
}

/** A console page's content once its data is there; until then the wait, or the failure and 重试. */
export function Loaded<T>({ load, what, children }: LoadedProps<T>) {
  if (load.error) return <Problem title={`${what}加载失败`} detail={load.error} onAction={load.reload} />;
  if (load.data === null) return <Waiting title={`正在加载${what}…`} />;
  return <>{children(load.data)}</>;
}
