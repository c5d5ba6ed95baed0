import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { NameAvatar } from '../../components/name-avatar';
import { PagedList } from '../../components/paged-list';
import { Tabs } from '../../components/states';
import { docTypeName, rowState, runTones } from '../../services/approval-format';
import { APPROVAL_PAGE, type Box, type BoxItem, listBox } from '../../services/approvals';
import { when } from '../../services/customer-format';
import { usePagedTabs } from '../../services/use-paged-tabs';
import '../../components/record.css';
import '../../components/sales.css';
import './index.css';

// 审批: what waits for me, what I sent, what I was copied on, and what I already decided; newest
// first, page by page. A row opens the run with its flow's timeline and the decision buttons.

const boxes: { key: Box; label: string; empty: string; detail: string }[] = [
  {
    key: 'pending',
    label: '待我审批',
    empty: '没有等你审批的单据',
    detail: '有新的审批时，机器人会在聊天里发卡片给你。',
  },
  {
    key: 'mine',
    label: '我发起的',
    empty: '你还没有发起过审批',
    detail: '在客户的合同里点「提交审批」即可发起。',
  },
  { key: 'cc', label: '抄送我', empty: '没有抄送给你的审批', detail: '流程里抄送给你的单据会显示在这里。' },
  {
    key: 'done',
    label: '已处理',
    empty: '你还没有处理过审批',
    detail: '你同意、驳回或转交过的单据会显示在这里。',
  },
];

export default function ApprovalsPage() {
  const list = usePagedTabs<Box, BoxItem>('pending', (box, after) => listBox(box, after));
  const { tab, items, error, choose } = list;
  const spec = boxes.find((b) => b.key === tab) ?? boxes[0]!;

  return (
    <View className="k-page approvals">
      <Tabs tabs={boxes} current={tab} onChoose={choose} />
      <PagedList
        items={items}
        error={error}
        what="审批"
        empty={{ title: spec.empty, detail: spec.detail }}
        hasMore={list.hasMore}
        countText={`共 ${items?.length ?? 0} 条`}
        className="approvals__list"
        onRetry={list.reload}
        onRetryMore={list.loadMore}
      >
        {items?.map((item) => (
          <ApprovalRow key={`${item.id}-${item.taskId ?? 'run'}`} item={item} />
        ))}
      </PagedList>
    </View>
  );
}

function ApprovalRow({ item }: { item: BoxItem }) {
  return (
    <View
      className="k-row-card approval-row"
      onClick={() => void Taro.navigateTo({ url: `${APPROVAL_PAGE}?id=${item.id}` })}
    >
      <View className="approval-row__top">
        <Text className="approval-row__type">{docTypeName(item.docType)}</Text>
        <Text className={`k-pill k-pill--${runTones[item.status]} approval-status`}>{rowState(item)}</Text>
      </View>
      <Text className="approval-row__title">{item.title}</Text>
      <View className="approval-row__foot">
        <NameAvatar name={item.submitter.name} />
        <Text className="approval-row__meta">
          {item.submitter.name} 提交 · {when(item.createdAt)}
        </Text>
      </View>
    </View>
  );
}
