export default definePageConfig({ navigationBarTitleText: '跟进规则' });
