import { kelianProject } from '../vitest.shared.js';

export default kelianProject('bot-server');
