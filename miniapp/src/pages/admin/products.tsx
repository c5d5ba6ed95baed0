import { formatAmount } from '@kelian/cards/format/money';
import { SearchBar } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { Problem } from '../../components/states';
import { type ActiveFilter, type CatalogueProduct, listCatalogue } from '../../services/products';
import { AdminSplit, Loaded } from './admin-split';
import { Chips } from './chips';
import { ConsoleFrame } from './console-frame';
import { ProductEditor } from './product-editor';
import { useAdminLoad } from './use-admin-load';
import { useChange } from './use-change';
import { NEW, usePicked, withSaved } from './use-picked';
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css';
import '../../components/customer-bits.css';
import './data.css';

// 产品: the catalogue quotes are written from, searched by name or SKU, on sale or taken off;
// whoever holds the product edit right (the server says, `editable`) creates and edits products
// beside the list, everyone else reads them there.

const actives = [
  { value: 'all', label: '全部' },
  { value: 'true', label: '在售' },
  { value: 'false', label: '已停用' },
] as const;

export default function AdminProductsPage() {
  const [q, setQ] = useState('');
  const [active, setActive] = useState<ActiveFilter>('all');
  const load = useCallback(() => listCatalogue(q.trim(), active), [q, active]);
  const page = useAdminLoad(load);
  const { picked, row, editing, pick, setPicked } = usePicked(page.data?.items);
  const { busy, run } = useChange('未能加载');

  const more = () =>
    run(async () => {
      const data = page.data;
      if (!data?.nextCursor) return;
      const next = await listCatalogue(q.trim(), active, data.nextCursor);
      page.setData({ ...next, items: [...data.items, ...next.items] });
    });

  return (
    <ConsoleFrame current="products" refused={page.refused}>
      <Loaded load={page} what="产品">
        {(data) => (
          <AdminSplit
            variant="data"
            editing={editing}
            filters={
              <View className="admin-filters">
                <SearchBar
                  className="admin-filters__search"
                  placeholder="产品名称或 SKU"
                  value={q}
                  onChange={setQ}
                  onClear={() => setQ('')}
                />
                <View className="admin-filters__row">
                  <Text className="admin-filters__label">状态</Text>
                  <Chips choices={actives} isOn={(v) => v === active} onChoose={setActive} />
                </View>
              </View>
            }
            {...(data.editable ? { newLabel: '新建产品', onNew: () => pick(NEW) } : {})}
            rows={
              data.items.length === 0 ? (
                <Problem tone="notice" title={q ? `没有找到「${q}」` : '还没有产品'} />
              ) : (
                <View className="admin-rows">
                  <Text className="admin-count">
                    {data.nextCursor ? `前 ${data.items.length} 个产品` : `共 ${data.items.length} 个产品`}
                    {data.editable ? '' : ' · 你可以查看，修改需要产品编辑权限'}
                  </Text>
                  {data.items.map((p) => (
                    <ProductRow key={p.id} product={p} on={p.id === picked} onPick={() => pick(p.id)} />
                  ))}
                  {data.nextCursor ? (
                    <Text className="admin-more" onClick={() => !busy && void more()}>
                      {busy ? '正在加载…' : '加载更多'}
                    </Text>
                  ) : null}
                </View>
              )
            }
            editor={
              <ProductEditor
                key={picked}
                product={row}
                editable={data.editable}
                onSaved={(saved: CatalogueProduct) => {
                  page.setData({ ...data, items: withSaved(data.items, saved) });
                  setPicked(saved.id);
                }}
                onClose={() => setPicked(null)}
              />
            }
            hint={data.editable ? '选择左侧的产品查看或修改，或新建一个产品。' : '选择左侧的产品查看详情。'}
          />
        )}
      </Loaded>
    </ConsoleFrame>
  );
}

function ProductRow({ product: p, on, onPick }: { product: CatalogueProduct; on: boolean; onPick(): void }) {
  return (
    <View className={`admin-row product-row${on ? ' admin-row--on' : ''}`} onClick={onPick}>
      <View className="admin-row__main">
        <View className="admin-row__top">
          <Text className="admin-row__name">{p.name}</Text>
          {p.category ? <Text className="admin-badge">{p.category}</Text> : null}
          {p.active ? null : <Text className="admin-badge admin-badge--left">已停用</Text>}
        </View>
        <Text className="admin-row__meta">
          {p.sku}
          {p.specification ? ` · ${p.specification}` : ''} · 单位 {p.unit}
        </Text>
      </View>
      <View className="product-row__prices">
        <Text className="product-row__list">{formatAmount(p.listPriceCents)}</Text>
        <Text className="product-row__floor">底价 {formatAmount(p.floorPriceCents)}</Text>
      </View>
    </View>
  );
}
