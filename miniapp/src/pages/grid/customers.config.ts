export default definePageConfig({ navigationBarTitleText: '客户表格' });
