const encoder = new TextEncoder();

/** Bytes of a string in UTF-8: the unit of WeCom's task_id/key limits and DingTalk's 1 KB values. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}
