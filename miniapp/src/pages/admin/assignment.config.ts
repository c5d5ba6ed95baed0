export default definePageConfig({ navigationBarTitleText: '线索分配规则' });
