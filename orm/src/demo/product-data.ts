import type { EntityManager } from '@mikro-orm/postgresql';
import { ProductSchema } from '../entities/product.js';

// The demo company's catalogue (issue 14): what a maker of smart warehouse equipment sells, each
// with its list price and the floor below which a quote needs the sales manager. One product is
// discontinued, to show that it can no longer be quoted.

const yuan = (amount: number) => Math.round(amount * 100);

export const demoProducts = [
  {
    sku: 'YF-AGV-300',
    name: '潜伏式搬运机器人',
    specification: '载重 300 kg',
    unit: '台',
    list: 128_000,
    floor: 112_000,
    category: '机器人',
  },
  {
    sku: 'YF-AGV-1000',
    name: '重载搬运机器人',
    specification: '载重 1000 kg',
    unit: '台',
    list: 268_000,
    floor: 238_000,
    category: '机器人',
  },
  {
    sku: 'YF-SHELF-A',
    name: '智能货架',
    specification: '1200×800×2000 mm',
    unit: '组',
    list: 3_600,
    floor: 3_000,
    category: '仓储设备',
  },
  {
    sku: 'YF-PDA-01',
    name: '手持数据终端',
    specification: '安卓 13 / 扫码',
    unit: '台',
    list: 2_980,
    floor: 2_480,
    category: '终端',
  },
  {
    sku: 'YF-WMS-STD',
    name: '仓储管理系统（标准版）',
    specification: '10 用户',
    unit: '套',
    list: 98_000,
    floor: 78_000,
    category: '软件',
  },
  {
    sku: 'YF-SVC-Y1',
    name: '年度维保服务',
    specification: '7×24 响应',
    unit: '年',
    list: 36_000,
    floor: 30_000,
    category: '服务',
  },
  {
    sku: 'YF-IMPL-D',
    name: '实施服务',
    specification: '现场实施',
    unit: '人天',
    list: 2_400,
    floor: 1_800,
    category: '服务',
  },
  {
    sku: 'YF-AGV-200',
    name: '潜伏式搬运机器人（旧款）',
    specification: '载重 200 kg，已停产',
    unit: '台',
    list: 98_000,
    floor: 88_000,
    category: '机器人',
    active: false,
  },
] as const;

export function createProducts(em: EntityManager): void {
  for (const { list, floor, ...product } of demoProducts)
    em.create(ProductSchema, { ...product, listPriceCents: yuan(list), floorPriceCents: yuan(floor) });
}
