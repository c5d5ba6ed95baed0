/**
 * The look of both clients' cards, for the gallery and any sandbox page that shows cards.
 * Colours: WeCom's blue and greys; DingTalk's #007FFF and #FF5219 from its own card templates.
 */
export const CARD_PREVIEW_CSS = `
.wc-card, .dt-card {
  width: 296px; box-sizing: border-box; background: #fff; color: #1d2129; text-align: left;
  font-family: "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 14px; line-height: 1.5; overflow-wrap: anywhere;
}
.wc-card { border-radius: 4px; border: 1px solid #e4e6e9; padding: 14px 16px 0; }
.wc-card[data-card-type="text_notice"] { padding-bottom: 14px; cursor: pointer; }
.wc-source { display: flex; align-items: center; gap: 6px; font-size: 12px; margin-bottom: 10px; }
.wc-icon { width: 16px; height: 16px; border-radius: 3px; }
.wc-icon--default { display: inline-flex; align-items: center; justify-content: center; background: #3174f6; color: #fff; font-size: 10px; }
.wc-source-desc.wc-c0 { color: #86909c; } .wc-c1 { color: #1d2129; } .wc-c2 { color: #f53f3f; } .wc-c3 { color: #00b42a; }
.wc-title { font-size: 17px; font-weight: 600; color: #000; line-height: 1.4; }
.wc-title-desc { color: #86909c; font-size: 13px; margin-top: 2px; }
.wc-emphasis { margin: 12px 0 4px; }
.wc-emphasis-title { font-size: 30px; font-weight: 400; color: #1d2129; line-height: 1.2; }
.wc-emphasis-desc { color: #86909c; font-size: 13px; }
.wc-quote { background: #f5f6f7; border-radius: 2px; padding: 8px 10px; margin-top: 10px; }
.wc-quote-title { color: #86909c; font-size: 12px; }
.wc-quote-text { color: #1d2129; font-size: 18px; font-weight: 600; }
.wc-subtitle { color: #4e5969; margin-top: 10px; }
.wc-fields { margin: 10px 0 0; padding: 0; }
.wc-field { display: flex; gap: 12px; padding: 3px 0; }
.wc-field dt { flex: 0 0 72px; color: #86909c; }
.wc-field dd { margin: 0; color: #1d2129; }
.wc-jumps { border-top: 1px solid #f0f1f2; margin-top: 12px; }
.wc-jump { display: flex; justify-content: space-between; color: #3174f6; text-decoration: none; padding: 8px 0; }
.wc-arrow { color: #c9cdd4; }
.wc-buttons { display: flex; gap: 8px; padding: 14px 0 16px; flex-wrap: wrap; }
.wc-buttons--grid .wc-btn { flex: 1 1 40%; }
.wc-btn { flex: 1; min-width: 0; height: 36px; box-sizing: border-box; border-radius: 4px; border: 1px solid transparent; font: inherit; font-size: 14px; cursor: pointer; display: inline-flex; align-items: center; justify-content: center; text-decoration: none; white-space: nowrap; }
.wc-btn--s1 { background: #3174f6; color: #fff; }
.wc-btn--s2 { background: #fff; color: #3174f6; border-color: #c2d5fc; }
.wc-btn--s3 { background: #fff; color: #f53f3f; border-color: #fbc7c7; }
.wc-btn--s4 { background: #f2f3f5; color: #1d2129; }
.wc-btn--replaced { background: #f2f3f5; color: #a9aeb8; cursor: default; }
.wc-vote { margin-top: 10px; }
.wc-option { display: flex; align-items: center; gap: 8px; padding: 7px 0; border-bottom: 1px solid #f0f1f2; }
.wc-option input { display: none; }
.wc-radio { width: 16px; height: 16px; border-radius: 50%; border: 1px solid #c9cdd4; box-sizing: border-box; }
.wc-option--checked .wc-radio { border: 5px solid #3174f6; }

.dt-card { border-radius: 8px; padding: 12px 12px 4px; box-shadow: 0 1px 2px rgba(31, 35, 41, .08); }
.dt-header { display: flex; align-items: center; gap: 6px; height: 20px; margin-bottom: 8px; }
.dt-icon { width: 16px; height: 16px; border-radius: 4px; background: #007fff; color: #fff; font-size: 10px; display: inline-flex; align-items: center; justify-content: center; }
.dt-source { color: #747677; font-size: 13px; }
.dt-tag { margin-left: auto; font-size: 10px; line-height: 14px; padding: 0 4px; border: 1px solid; border-radius: 4px; }
.dt-title { font-size: 16px; font-weight: 600; color: #171a1d; line-height: 1.4; }
.dt-subtitle { color: #8f959e; font-size: 13px; margin-top: 2px; }
.dt-emphasis { background: #f2f2f6; border-radius: 6px; padding: 8px 10px; margin-top: 8px; }
.dt-emphasis-value { color: #007fff; font-size: 22px; font-weight: 600; line-height: 1.3; }
.dt-emphasis-label { color: #8f959e; font-size: 12px; }
.dt-fields { margin: 8px 0 0; padding: 0; }
.dt-field { display: flex; gap: 12px; padding: 2px 0; }
.dt-field dt { flex: 0 0 72px; color: #8f959e; }
.dt-field dd { margin: 0; color: #171a1d; }
.dt-status { margin-top: 8px; font-size: 14px; }
.wc-select { display: flex; align-items: center; gap: 8px; margin-top: 10px; font-size: 14px; color: #888; }
.wc-select select { flex: 1; padding: 6px; border: 1px solid #ddd; border-radius: 4px; font-size: 14px; }
.dt-input { width: 100%; box-sizing: border-box; margin-top: 10px; padding: 8px; border: 1px solid #ddd; border-radius: 6px; font-size: 14px; }
.dt-buttons { display: flex; flex-direction: column; gap: 8px; margin-top: 12px; }
.dt-btn { height: 36px; box-sizing: border-box; border-radius: 6px; border: 1px solid transparent; font: inherit; font-size: 14px; cursor: pointer; display: flex; align-items: center; justify-content: center; text-decoration: none; }
.dt-btn--blue { background: #007fff; color: #fff; }
.dt-btn--gray { background: #fff; color: #171a1d; border-color: rgba(126, 134, 142, .24); }
.dt-btn--red { background: #ff5219; color: #fff; }
.dt-btn--disabled { opacity: .48; cursor: default; }
.dt-footer { color: #8f959e; font-size: 12px; margin-top: 8px; }
.dt-card > :last-child { margin-bottom: 8px; }
`;
