export default definePageConfig({ navigationBarTitleText: '线索表格' });
