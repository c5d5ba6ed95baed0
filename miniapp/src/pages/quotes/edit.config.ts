export default definePageConfig({ navigationBarTitleText: '编辑报价' });
