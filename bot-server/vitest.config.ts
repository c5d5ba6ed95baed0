import { kelianProject } from '../vitest.shared.js';

export default kelianProject('bot-server', { globalSetup: ['../orm/testing/global-setup.ts'] });
