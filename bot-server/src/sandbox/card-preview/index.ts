// Pure HTML previews of platform card JSON for the sandbox; no Koa here, the router mounts them.
export { renderDingTalkPreviewHtml } from './dingtalk-preview.js';
export { renderCardGalleryHtml } from './gallery.js';
export { CARD_PREVIEW_CSS } from './styles.js';
export { renderWeComPreviewHtml } from './wecom-preview.js';
