/// <reference types="@tarojs/taro" />

declare module '*.css';
declare module '*.png';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by the Taro build: the target being built. */
    TARO_ENV: 'h5' | 'weapp' | 'dd' | 'alipay';
    /** See miniapp/.env. */
    TARO_APP_API_BASE?: string;
    TARO_APP_WECOM_OAUTH_BASE?: string;
  }
}
