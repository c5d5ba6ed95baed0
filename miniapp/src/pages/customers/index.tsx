import { Filter, Plus } from '@nutui/icons-react-taro';
import { SearchBar } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CustomerAvatar, LevelBadge, TagList } from '../../components/customer-bits';
import { Problem, Waiting } from '../../components/states';
import { LOGIN_PAGE, messageOf } from '../../services/api';
import { when } from '../../services/customer-format';
import {
  type CustomerFilters,
  type CustomerSummary,
  DETAIL_PAGE,
  EDIT_PAGE,
  listCustomers,
} from '../../services/customers';
import { loadSession } from '../../services/session';
import { FilterSheet, sheetFilterCount } from './filter-sheet';
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css';
import '../../components/customer-bits.css';
import './index.css';

const owners: { value: CustomerFilters['owner']; label: string }[] = [
  { value: undefined, label: '全部' },
  { value: 'me', label: '我负责的' },
  { value: 'pool', label: '公海' },
];

type Loading = 'first' | 'more' | null;

export default function CustomersPage() {
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<CustomerFilters>({});
  const [items, setItems] = useState<CustomerSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState<Loading>('first');
  const [error, setError] = useState<string | null>(null);
  const [filtering, setFiltering] = useState(false);
  // Answers to an older query must not overwrite a newer one's (a fast typist, a slow network).
  const generation = useRef(0);
  const shown = useRef(false);

  const load = useCallback(async (wanted: CustomerFilters, after?: string) => {
    const mine = after ? generation.current : ++generation.current;
    setLoading(after ? 'more' : 'first');
    setError(null);
    try {
      const page = await listCustomers(wanted, after);
      if (mine !== generation.current) return;
      setItems((before) => (after ? [...before, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      if (mine === generation.current) setError(messageOf(e));
    } finally {
      if (mine === generation.current) setLoading(null);
      Taro.stopPullDownRefresh?.();
    }
  }, []);

  const wanted = { ...filters, q };
  const wantedKey = JSON.stringify(wanted);
  // Typing (and tapping through filters) waits for a short pause before asking the server.
  useEffect(() => {
    if (!loadSession()) return;
    const timer = setTimeout(() => void load(JSON.parse(wantedKey)), 250);
    return () => clearTimeout(timer);
  }, [wantedKey, load]);

  useDidShow(() => {
    if (!loadSession()) {
      void Taro.reLaunch({ url: LOGIN_PAGE });
      return;
    }
    // Back from a customer or the edit page: show what changed there.
    if (shown.current) void load(JSON.parse(wantedKey));
    shown.current = true;
  });
  usePullDownRefresh(() => void load(wanted));
  useReachBottom(() => {
    if (cursor && loading === null && !error) void load(wanted, cursor);
  });

  const filterCount = sheetFilterCount(filters);

  return (
    <View className="k-page customers">
      <View className="customers__bar">
        <SearchBar
          className="customers__search"
          placeholder="名称、手机尾号、拼音或首字母"
          value={q}
          onChange={(value) => setQ(value)}
          onClear={() => setQ('')}
        />
        <View
          className={`customers__filter${filterCount > 0 ? ' customers__filter--on' : ''}`}
          onClick={() => setFiltering(true)}
        >
          <Filter size={16} color={filterCount > 0 ? '#2f6bff' : '#4e5969'} />
          <Text>筛选{filterCount > 0 ? ` ${filterCount}` : ''}</Text>
        </View>
      </View>
      <View className="customers__owners">
        {owners.map(({ value, label }) => (
          <Text
            key={label}
            className={`k-chip${filters.owner === value ? ' k-chip--on' : ''}`}
            onClick={() => setFilters({ ...filters, owner: value })}
          >
            {label}
          </Text>
        ))}
      </View>

      {content()}

      <View className="customers__create" onClick={() => void Taro.navigateTo({ url: EDIT_PAGE })}>
        <Plus size={18} color="#ffffff" />
        <Text>新建客户</Text>
      </View>

      <FilterSheet
        visible={filtering}
        filters={filters}
        onClose={() => setFiltering(false)}
        onApply={(next) => {
          setFilters(next);
          setFiltering(false);
        }}
      />
    </View>
  );

  function content() {
    if (loading === 'first' && items.length === 0) return <Waiting title="正在加载客户…" />;
    if (error && items.length === 0) {
      return (
        <View className="k-card">
          <Problem title="客户加载失败" detail={error} onAction={() => void load(wanted)} />
        </View>
      );
    }
    if (items.length === 0) {
      const narrowed = q.trim() !== '' || filterCount > 0 || filters.owner !== undefined;
      return (
        <View className="k-card">
          <Problem
            tone="notice"
            title={narrowed ? '没有找到符合条件的客户' : '还没有客户'}
            detail={narrowed ? '换个关键词，或清除筛选条件再试试。' : '新建第一位客户，开始记录跟进。'}
            actionText={narrowed ? '清除搜索和筛选' : '新建客户'}
            onAction={() => {
              if (!narrowed) return void Taro.navigateTo({ url: EDIT_PAGE });
              setQ('');
              setFilters({});
            }}
          />
        </View>
      );
    }
    return (
      <View className="customers__list k-rows">
        {items.map((customer) => (
          <CustomerRow key={customer.id} customer={customer} />
        ))}
        <View className="customers__foot">
          {error ? (
            <Text className="customers__retry" onClick={() => cursor && void load(wanted, cursor)}>
              {error}，点此重试
            </Text>
          ) : (
            <Text>
              {loading === 'more' ? '加载中…' : cursor ? '上拉加载更多' : `共 ${items.length} 位客户`}
            </Text>
          )}
        </View>
      </View>
    );
  }
}

function CustomerRow({ customer }: { customer: CustomerSummary }) {
  const name = customer.name ?? '（名称已隐藏）';
  const place = [customer.region, customer.city !== customer.region ? customer.city : null, customer.industry]
    .filter(Boolean)
    .join(' · ');
  return (
    <View
      className="customer-row"
      onClick={() => void Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${customer.id}` })}
    >
      <CustomerAvatar name={name} kind={customer.kind} />
      <View className="customer-row__main">
        <View className="customer-row__top">
          <Text className="customer-row__name">{name}</Text>
          <LevelBadge level={customer.level} />
        </View>
        {place ? <Text className="customer-row__place">{place}</Text> : null}
        {customer.matchedBy ? (
          <Text className="customer-row__matched">匹配：{customer.matchedBy}</Text>
        ) : null}
        <TagList tags={customer.tags} limit={3} />
        <View className="customer-row__meta">
          <Text>{customer.owner ? `负责人 ${customer.owner.name}` : '公海客户'}</Text>
          <Text>{customer.lastFollowUpAt ? `${when(customer.lastFollowUpAt)} 跟进` : '尚未跟进'}</Text>
        </View>
      </View>
    </View>
  );
}
