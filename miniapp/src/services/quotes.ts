import { get, patch, post } from './api';
import type { Answer, Body } from './contract';

// bot-server's quote and product API as the 报价 pages use it; the shapes are the server's own.

export const QUOTES_PAGE = '/pages/quotes/index';
export const QUOTE_PAGE = '/pages/quotes/detail';
export const QUOTE_EDIT_PAGE = '/pages/quotes/edit';

export type QuoteSummary = Answer<'/api/quotes', 'get'>['items'][number];
export type Quote = Answer<'/api/quotes/{id}', 'get'>;
export type QuoteLine = Quote['lines'][number];
export type PastPrice = QuoteLine['lastPrices'][number];
export type QuoteInput = Body<'/api/quotes', 'post'>;
export type Product = Answer<'/api/products', 'get'>['items'][number];
export type LastPrices = Answer<'/api/quotes/last-prices', 'get'>;

export const listCustomerQuotes = (customerId: number, cursor?: string) =>
  get<Answer<'/api/quotes', 'get'>>(
    `/api/quotes?customerId=${customerId}&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
export const fetchQuote = (id: number) => get<Quote>(`/api/quotes/${id}`);
export const createQuote = (input: QuoteInput) => post<Quote>('/api/quotes', input);
export const updateQuote = (id: number, input: Omit<QuoteInput, 'customerId'>) =>
  patch<Quote>(`/api/quotes/${id}`, input);
export const submitQuote = (id: number) =>
  post<Answer<'/api/quotes/{id}/submit', 'post'>>(`/api/quotes/${id}/submit`);
export const quoteToContract = (id: number, terms: Body<'/api/quotes/{id}/contract', 'post'>) =>
  post<Answer<'/api/quotes/{id}/contract', 'post', 201>>(`/api/quotes/${id}/contract`, terms);
export const quotePdfLink = (id: number) =>
  post<Answer<'/api/quotes/{id}/pdf-link', 'post'>>(`/api/quotes/${id}/pdf-link`);
export const searchProducts = (q: string) =>
  get<Answer<'/api/products', 'get'>>(`/api/products?active=true&limit=20&q=${encodeURIComponent(q)}`);
export const lastPrices = (customerId: number, productIds: number[]) =>
  get<LastPrices>(`/api/quotes/last-prices?customerId=${customerId}&productIds=${productIds.join(',')}`);
