import { formatDate } from '@kelian/cards/format/date';
import { formatAmount } from '@kelian/cards/format/money';
import { ArrowRight, Edit, Message, User } from '@nutui/icons-react-taro';
import { Popup } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ContactsAndFields, CustomerHeader } from '../../components/customer-profile';
import { Timeline } from '../../components/customer-timeline';
import { FollowUpForm } from '../../components/follow-up-form';
import { Section } from '../../components/section';
import { type LoadError, loadErrorOf, RecordProblem, Waiting } from '../../components/states';
import { ApiError, LOGIN_PAGE, messageOf } from '../../services/api';
import {
  type CustomerView,
  changeOwner,
  customerOpportunities,
  customerTimeline,
  DOCUMENTS_PAGE,
  EDIT_PAGE,
  fetchCustomer,
  type Opportunity,
  type Person,
  type TimelineItem,
} from '../../services/customers';
import { type Colleague, listColleagues } from '../../services/directory';
import { loadSession } from '../../services/session';
import { useProfile } from '../../services/use-profile';
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/overlay/style/css';
import '../../components/customer-bits.css';
import '../../components/customer-profile.css';
import '../../components/line.css';
import './detail.css';

const statusNames: Record<Opportunity['status'], string> = { open: '进行中', won: '赢单', lost: '输单' };

export default function CustomerDetailPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const { profile } = useProfile();
  const [customer, setCustomer] = useState<CustomerView | null>(null);
  const [error, setError] = useState<LoadError | null>(null);
  const [timeline, setTimeline] = useState<TimelineItem[] | null>(null);
  const [timelineCursor, setTimelineCursor] = useState<string | null>(null);
  const [timelineError, setTimelineError] = useState<string | null>(null);
  const [deals, setDeals] = useState<Opportunity[] | null>(null);
  const [dealsError, setDealsError] = useState<string | null>(null);
  const [writing, setWriting] = useState(false);
  const [reassigning, setReassigning] = useState(false);
  const shown = useRef(false);

  const loadTimeline = useCallback(async (view: CustomerView, cursor?: string) => {
    setTimelineError(null);
    try {
      const page = await customerTimeline(view, cursor);
      setTimeline((before) => (cursor ? [...(before ?? []), ...page.items] : page.items));
      setTimelineCursor(page.nextCursor);
    } catch (e) {
      setTimelineError(messageOf(e));
    }
  }, []);

  const load = useCallback(async () => {
    if (!Number.isInteger(id) || id <= 0) {
      setError({ title: '找不到这位客户', missing: true });
      return;
    }
    setError(null);
    try {
      const view = await fetchCustomer(id);
      setCustomer(view);
      void loadTimeline(view);
      customerOpportunities(view.id)
        .then((page) => setDeals(page.items))
        .catch((e: unknown) =>
          e instanceof ApiError && e.status === 404 ? setDeals([]) : setDealsError(messageOf(e)),
        );
    } catch (e) {
      setError(loadErrorOf(e, '找不到这位客户'));
    }
  }, [id, loadTimeline]);

  useEffect(() => {
    if (loadSession()) void load();
  }, [load]);
  useDidShow(() => {
    if (!loadSession()) return void Taro.reLaunch({ url: LOGIN_PAGE });
    // Back from the edit page: show the saved values.
    if (shown.current) void load();
    shown.current = true;
  });

  if (error) {
    return (
      <RecordProblem
        error={error}
        missingDetail="它可能已被删除，或不在你的数据范围内。"
        onRetry={() => void load()}
      />
    );
  }
  if (!customer) return <Waiting title="正在加载客户…" />;

  const editable = customer.fieldAccess.editable.length > 0;
  const manages = profile?.roles.some((r) => r.code === 'admin' || r.code === 'manager') ?? false;

  return (
    <View className="k-page customer-detail">
      {/* On a desktop the timeline stands beside the profile (detail.css); on a phone, below it. */}
      <View className="customer-detail__columns">
        <View className="customer-detail__profile">
          <CustomerHeader customer={customer}>
            <View className="profile__actions">
              <View className="profile__action profile__action--primary" onClick={() => setWriting(true)}>
                <Message size={16} color="#ffffff" />
                <Text>写跟进</Text>
              </View>
              {editable ? (
                <View
                  className="profile__action"
                  onClick={() => void Taro.navigateTo({ url: `${EDIT_PAGE}?id=${customer.id}` })}
                >
                  <Edit size={16} color="#2f6bff" />
                  <Text>编辑</Text>
                </View>
              ) : null}
              {manages ? (
                <View className="profile__action" onClick={() => setReassigning(true)}>
                  <User size={16} color="#2f6bff" />
                  <Text>更换负责人</Text>
                </View>
              ) : null}
            </View>
          </CustomerHeader>

          <ContactsAndFields customer={customer} />

          <Section title="商机" hint={deals && deals.length > 0 ? `${deals.length} 个` : undefined}>
            {dealList()}
          </Section>
          {/* 报价, 合同 and 回款 live one tap away, in the 单据 sub-package: the main package stays small. */}
          <Section title="单据">
            <View
              className="k-line__top documents-link"
              onClick={() =>
                void Taro.navigateTo({
                  url: `${DOCUMENTS_PAGE}?customerId=${customer.id}&name=${encodeURIComponent(customer.name ?? '')}`,
                })
              }
            >
              <Text className="k-line__name">报价 · 合同 · 回款</Text>
              <ArrowRight size={14} color="#a9aeb8" />
            </View>
          </Section>
        </View>

        <View className="customer-detail__timeline">
          <Section title="动态">
            {timeline === null && !timelineError ? <Waiting title="正在加载动态…" /> : null}
            {timeline ? <Timeline items={timeline} /> : null}
            {timelineError ? (
              <Text
                className="detail__retry"
                onClick={() => void loadTimeline(customer, timelineCursor ?? undefined)}
              >
                {timelineError}，点此重试
              </Text>
            ) : timelineCursor ? (
              <Text className="detail__more" onClick={() => void loadTimeline(customer, timelineCursor)}>
                查看更早的动态
              </Text>
            ) : null}
          </Section>
        </View>
      </View>

      <Popup
        visible={writing}
        position="bottom"
        round
        closeable
        title="写跟进"
        onClose={() => setWriting(false)}
      >
        <View className="detail__sheet">
          <FollowUpForm
            customerId={customer.id}
            onSaved={() => {
              setWriting(false);
              void Taro.showToast({ title: '跟进已保存', icon: 'success' });
              void load();
            }}
          />
        </View>
      </Popup>

      {manages ? (
        <OwnerSheet
          visible={reassigning}
          customer={customer}
          onClose={() => setReassigning(false)}
          onChanged={(view) => {
            setReassigning(false);
            setCustomer(view);
            void loadTimeline(view);
          }}
        />
      ) : null}
    </View>
  );

  function dealList() {
    if (dealsError) return <Text className="detail__retry">{dealsError}</Text>;
    if (deals === null) return <Text className="profile__empty">正在加载商机…</Text>;
    if (deals.length === 0) return <Text className="profile__empty">还没有商机</Text>;
    return deals.map((deal) => (
      <View
        key={deal.id}
        className="k-line"
        onClick={() => void Taro.navigateTo({ url: `/pages/opportunities/detail?id=${deal.id}` })}
      >
        <View className="k-line__top">
          <Text className="k-line__name">{deal.name}</Text>
          <Text className="k-line__amount">{formatAmount(deal.amountCents)}</Text>
        </View>
        <View className="k-line__meta">
          <Text className={`deal__stage deal__stage--${deal.status}`}>
            {deal.status === 'open' ? deal.stage.name : statusNames[deal.status]}
          </Text>
          {deal.expectedCloseDate ? <Text>预计 {deal.expectedCloseDate} 成交</Text> : null}
        </View>
      </View>
    ));
  }
}

/**
 * Hands the customer to someone else, or back to the pool. The choices are the colleagues within
 * the manager's scope (GET /api/users); the server checks the new owner again.
 */
function OwnerSheet({
  visible,
  customer,
  onClose,
  onChanged,
}: {
  visible: boolean;
  customer: CustomerView;
  onClose(): void;
  onChanged(view: CustomerView): void;
}) {
  const [people, setPeople] = useState<Colleague[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!visible || people) return;
    listColleagues()
      .then(setPeople)
      .catch((e: unknown) => setProblem(messageOf(e)));
  }, [visible, people]);

  const choose = async (owner: Person | null) => {
    setProblem(null);
    try {
      onChanged(await changeOwner(customer.id, owner?.id ?? null));
      void Taro.showToast({ title: owner ? `已交给${owner.name}` : '已退回公海', icon: 'success' });
    } catch (e) {
      setProblem(
        e instanceof ApiError && e.errors.length > 0 ? (e.errors[0]?.message ?? e.title) : messageOf(e),
      );
    }
  };

  return (
    <Popup visible={visible} position="bottom" round closeable title="更换负责人" onClose={onClose}>
      <View className="detail__sheet">
        {problem ? <Text className="k-field-error">{problem}</Text> : null}
        {people === null && !problem ? <Text className="profile__empty">正在加载同事…</Text> : null}
        {people?.map((person) => (
          <View
            key={person.id}
            className={`owner-choice${customer.owner?.id === person.id ? ' owner-choice--current' : ''}`}
            onClick={() => customer.owner?.id !== person.id && void choose(person)}
          >
            <Text>{person.name}</Text>
            {person.department ? <Text className="owner-choice__dept">{person.department.name}</Text> : null}
            {customer.owner?.id === person.id ? <Text className="owner-choice__hint">当前负责人</Text> : null}
          </View>
        ))}
        {customer.owner ? (
          <View className="owner-choice owner-choice--pool" onClick={() => void choose(null)}>
            <Text>退回公海</Text>
            <Text className="owner-choice__hint">{`最近跟进 ${customer.lastFollowUpAt ? formatDate(customer.lastFollowUpAt) : '无'}`}</Text>
          </View>
        ) : null}
      </View>
    </Popup>
  );
}
