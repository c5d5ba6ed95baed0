/** A desktop's window (the WeCom and DingTalk desktop clients, a browser); app.css pins the root font from here. */
export const DESKTOP = '(min-width: 1024px)';
