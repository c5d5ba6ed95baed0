/**
 * Opens a URL inside DingTalk (side panel on PC) instead of the system browser
 * (消息链接说明, reference §5.5).
 */
export function dingTalkOpenLink(url: string): string {
  return `dingtalk://dingtalkclient/page/link?url=${encodeURIComponent(url)}&pc_slide=true`;
}
