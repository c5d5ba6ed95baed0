// Reading a WeCom answer: required fields become a WeComTransportError naming the call, not an
// undefined deep inside the caller.
import { WeComTransportError } from './errors.js';

/** A WeCom answer once the transport has checked errcode. */
export interface Reply {
  [field: string]: unknown;
}

/** WeCom lists ids as "a|b|c"; an empty string is an empty list. */
export function splitIds(value: unknown): string[] {
  return typeof value === 'string' && value !== '' ? value.split('|') : [];
}

export function requireString(reply: Reply, field: string, path: string): string {
  const value = reply[field];
  if (typeof value !== 'string' || value === '')
    throw new WeComTransportError(path, `response without ${field}`);
  return value;
}

export function requireArray(reply: Reply, field: string, path: string): unknown[] {
  const value = reply[field];
  if (!Array.isArray(value)) throw new WeComTransportError(path, `response without ${field}`);
  return value;
}

/** The object under `field`; a missing or non-object value is a WeComTransportError. */
export function requireObject(reply: Reply, field: string, path: string): object {
  const value = reply[field];
  if (typeof value !== 'object' || value === null)
    throw new WeComTransportError(path, `response without ${field}`);
  return value;
}
