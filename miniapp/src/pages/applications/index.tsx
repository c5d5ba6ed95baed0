import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PagedList } from '../../components/paged-list';
import { type Application, listMine, NEW_APPLICATION_PAGE } from '../../services/applications';
import { APPROVAL_PAGE } from '../../services/approvals';
import { usePagedTabs } from '../../services/use-paged-tabs';
import '../../components/sales.css';
import './applications.css';

// 我的申请: the applications I sent, newest first, each with its fields and where it stands; a tap
// opens the approval page of its latest run (its flow, who decided, the reasons).

export default function ApplicationsPage() {
  const list = usePagedTabs<'mine', Application>('mine', (_tab, after) => listMine(after));
  const { items, error } = list;
  const create = () => void Taro.navigateTo({ url: NEW_APPLICATION_PAGE });

  return (
    <View className="k-page applications">
      <View className="applications__bar">
        <Text className="applications__hint">信用额度等申请，提交后按审批流程流转</Text>
        <Button type="primary" size="small" onClick={create}>
          新建申请
        </Button>
      </View>
      <PagedList
        items={items}
        error={error}
        what="申请"
        empty={{
          title: '还没有申请',
          detail: '点「新建申请」选择申请类型并填写。',
          actionText: '新建申请',
          onAction: create,
        }}
        hasMore={list.hasMore}
        countText={`共 ${items?.length ?? 0} 份申请`}
        className="applications__list"
        onRetry={list.reload}
        onRetryMore={list.loadMore}
      >
        {items?.map((a) => (
          <View
            key={a.id}
            className="application-row"
            onClick={() =>
              a.approvalId && void Taro.navigateTo({ url: `${APPROVAL_PAGE}?id=${a.approvalId}` })
            }
          >
            <View className="application-row__top">
              <Text
                className="application-row__type"
                style={a.type.color ? { color: a.type.color } : undefined}
              >
                {a.type.icon ? `${a.type.icon} ` : ''}
                {a.type.name}
              </Text>
              <Text className={`k-status k-status--${a.status}`}>{a.statusLabel}</Text>
            </View>
            {a.rows.slice(0, 4).map((r) => (
              <View key={r.key} className="application-row__field">
                <Text className="application-row__label">{r.label}</Text>
                <Text className="application-row__value">{r.value}</Text>
              </View>
            ))}
            <Text className="application-row__meta">提交于 {a.createdAt.slice(0, 10)}</Text>
          </View>
        ))}
      </PagedList>
    </View>
  );
}
