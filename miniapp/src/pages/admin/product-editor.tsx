import { formatAmount } from '@kelian/cards/format/money';
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { type CatalogueProduct, createProduct, updateProduct } from '../../services/products';
import { centsOf } from '../../services/receivables';
import { Chips } from './chips';
import { DetailPanel } from './console-frame';
import { type Draft, draftOf, productDraftProblem } from './product-draft';
import { useChange } from './use-change';

// One product: SKU, name, specification, unit, 标准价 and 底价 in yuan (a quote line below the
// floor needs approval), category, on sale or not. Editable for whoever holds the product edit
// right; read as facts by everyone else. The server checks the prices and the SKU again.

const onSale = [
  { value: true, label: '在售（可写进报价）' },
  { value: false, label: '已停用' },
];

interface Props {
  /** The product; undefined for 新建产品. */
  product: CatalogueProduct | undefined;
  editable: boolean;
  onSaved(product: CatalogueProduct): void;
  onClose(): void;
}

export function ProductEditor({ product, editable, onSaved, onClose }: Props) {
  const [draft, setDraft] = useState(() => draftOf(product));
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, run } = useChange();
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  if (!editable) {
    if (!product) return null;
    return (
      <DetailPanel back="返回产品列表" onBack={onClose}>
        <View className="k-card data-editor">
          <Text className="admin-card__title">{product.name}</Text>
          {(
            [
              ['SKU', product.sku],
              ['规格', product.specification || '—'],
              ['单位', product.unit],
              ['标准价', formatAmount(product.listPriceCents, 'exact')],
              ['底价', formatAmount(product.floorPriceCents, 'exact')],
              ['分类', product.category || '—'],
              ['状态', product.active ? '在售' : '已停用'],
            ] as const
          ).map(([label, value]) => (
            <View key={label} className="product-fact">
              <Text className="product-fact__label">{label}</Text>
              <Text className="product-fact__value">{value}</Text>
            </View>
          ))}
        </View>
      </DetailPanel>
    );
  }

  const save = () => {
    const wrong = productDraftProblem(draft);
    setProblem(wrong);
    if (wrong) return;
    const fields = {
      sku: draft.sku.trim(),
      name: draft.name.trim(),
      specification: draft.specification.trim(),
      unit: draft.unit.trim(),
      listPriceCents: centsOf(draft.listPrice) ?? 0,
      floorPriceCents: centsOf(draft.floorPrice) ?? 0,
      category: draft.category.trim(),
    };
    void run(async () => {
      onSaved(
        product
          ? await updateProduct(product.id, { ...fields, active: draft.active })
          : await createProduct(fields),
      );
      void Taro.showToast({ title: product ? '已保存' : '已新建', icon: 'success' });
    });
  };

  const field = (label: string, key: keyof Omit<Draft, 'active'>, placeholder: string, required = true) => (
    <View className="product-field">
      <Text className={`admin-card__hint${required ? ' product-field--required' : ''}`}>{label}</Text>
      <Input
        className="admin-input"
        placeholder={placeholder}
        value={draft[key]}
        type={key === 'listPrice' || key === 'floorPrice' ? 'digit' : 'text'}
        onInput={(e) => set({ [key]: e.detail.value } as Partial<Draft>)}
      />
    </View>
  );

  return (
    <DetailPanel back="返回产品列表" onBack={onClose}>
      <View className="k-card data-editor product-editor">
        <Text className="admin-card__title">{product ? `编辑「${product.name}」` : '新建产品'}</Text>
        <View className="product-editor__pair">
          {field('SKU', 'sku', '如 YF-AGV-300')}
          {field('单位', 'unit', '台、套、年')}
        </View>
        {field('产品名称', 'name', '如 AGV 搬运机器人')}
        {field('规格', 'specification', '如 载重 300kg', false)}
        <View className="product-editor__pair">
          {field('标准价（元）', 'listPrice', '如 29800')}
          {field('底价（元）', 'floorPrice', '低于它的报价需审批')}
        </View>
        {field('分类', 'category', '如 仓储设备', false)}
        {product ? (
          <>
            <Text className="admin-card__hint">状态</Text>
            <Chips choices={onSale} isOn={(v) => v === draft.active} onChoose={(active) => set({ active })} />
          </>
        ) : null}
        {problem ? <Text className="k-field-error">{problem}</Text> : null}
        <View className="admin-actions">
          <Button type="primary" loading={busy} onClick={save}>
            {product ? '保存' : '新建产品'}
          </Button>
        </View>
      </View>
    </DetailPanel>
  );
}
