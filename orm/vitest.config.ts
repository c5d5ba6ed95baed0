import { kelianProject } from '../vitest.shared.js';

export default kelianProject('orm', { globalSetup: ['./testing/global-setup.ts'] });
