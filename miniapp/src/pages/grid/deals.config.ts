export default definePageConfig({ navigationBarTitleText: '商机表格' });
