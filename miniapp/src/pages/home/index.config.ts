export default definePageConfig({ navigationBarTitleText: '客联' });
