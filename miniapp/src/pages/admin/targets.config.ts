export default definePageConfig({ navigationBarTitleText: '业绩目标' });
