export default definePageConfig({ navigationBarTitleText: '审批流程' });
