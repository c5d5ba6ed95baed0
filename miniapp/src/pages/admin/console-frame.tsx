import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { Problem } from '../../components/states';
import { CHECKLIST_PAGE, ROLES_PAGE } from '../../services/admin';
import { AUDIT_PAGE, FIELDS_PAGE, TAGS_PAGE } from '../../services/admin-data';
import { ADMIN_PAGE } from '../../services/api';
import { APPLICATION_TYPES_PAGE } from '../../services/application-types';
import { APPROVAL_FLOWS_PAGE } from '../../services/approval-flows';
import { PRODUCTS_PAGE } from '../../services/products';
import { ASSIGNMENT_PAGE } from '../../services/sales-settings';
import './admin.css';

// The console's frame: its sections side by side in one header, and the one answer a person who
// is not an administrator gets (the server refused; the page does not pretend otherwise).

const sections = [
  { key: 'checklist', label: '上线检查', url: CHECKLIST_PAGE },
  { key: 'users', label: '成员', url: ADMIN_PAGE },
  { key: 'roles', label: '角色与权限', url: ROLES_PAGE },
  { key: 'sales', label: '销售设置', url: ASSIGNMENT_PAGE },
  { key: 'fields', label: '自定义字段', url: FIELDS_PAGE },
  { key: 'tags', label: '标签', url: TAGS_PAGE },
  { key: 'products', label: '产品', url: PRODUCTS_PAGE },
  { key: 'approvals', label: '审批流程', url: APPROVAL_FLOWS_PAGE },
  { key: 'applicationTypes', label: '申请类型', url: APPLICATION_TYPES_PAGE },
  { key: 'audit', label: '操作日志', url: AUDIT_PAGE },
] as const;

/** On a phone the detail takes the list's place: show it from its top, not where the list was. */
export const detailFromTop = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });

interface Props {
  current: (typeof sections)[number]['key'];
  refused: boolean;
  children: ReactNode;
}

export function ConsoleFrame({ current, refused, children }: Props) {
  if (refused) {
    return (
      <View className="k-page admin">
        <View className="k-card">
          <Problem
            tone="notice"
            title="仅管理员可以使用管理后台"
            detail="如需调整成员的角色或权限，请联系贵公司的客联管理员。"
            actionText="返回"
            onAction={() => void Taro.navigateBack()}
          />
        </View>
      </View>
    );
  }
  return (
    <View className="k-page admin">
      <View className="admin__head">
        <Text className="admin__brand">管理后台</Text>
        <View className="admin__nav">
          {sections.map((s) => (
            <Text
              key={s.key}
              className={`admin__nav-item${s.key === current ? ' admin__nav-item--on' : ''}`}
              onClick={() => s.key !== current && void Taro.redirectTo({ url: s.url })}
            >
              {s.label}
            </Text>
          ))}
        </View>
      </View>
      {children}
    </View>
  );
}

/** The detail beside the list; on a phone, where it replaces the list, with the way back to it. */
export function DetailPanel({
  back,
  onBack,
  children,
}: {
  back: string;
  onBack(): void;
  children: ReactNode;
}) {
  return (
    <View className="admin-panel">
      <View className="admin-panel__back" onClick={onBack}>
        ‹ {back}
      </View>
      {children}
    </View>
  );
}
