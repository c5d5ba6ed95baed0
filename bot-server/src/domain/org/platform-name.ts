/** The chat platforms a person can be linked to, in the domain's words. */
export type PlatformName = 'wecom' | 'dingtalk';
