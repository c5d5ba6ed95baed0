export default definePageConfig({ navigationBarTitleText: '销售阶段' });
