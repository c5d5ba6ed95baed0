import { get, patch, post } from './api';
import type { Answer, Body } from './contract';

// bot-server's /api/products as the console's 产品 page uses it (the quote editor searches the
// same catalogue through ./quotes). Prices are integer cents, shown and typed in yuan.

export const PRODUCTS_PAGE = '/pages/admin/products';

export type ProductPage = Answer<'/api/products', 'get'>;
export type CatalogueProduct = ProductPage['items'][number];
export type NewProduct = Body<'/api/products', 'post'>;
export type ProductChange = Body<'/api/products/{id}', 'patch'>;
/** 全部, only the ones on sale, only the ones taken off. */
export type ActiveFilter = 'all' | 'true' | 'false';

export const listCatalogue = (q: string, active: ActiveFilter, cursor?: string) =>
  get<ProductPage>(
    `/api/products?limit=50&q=${encodeURIComponent(q)}${active === 'all' ? '' : `&active=${active}`}${
      cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
    }`,
  );
export const createProduct = (product: NewProduct) => post<CatalogueProduct>('/api/products', product);
export const updateProduct = (id: number, change: ProductChange) =>
  patch<CatalogueProduct>(`/api/products/${id}`, change);
