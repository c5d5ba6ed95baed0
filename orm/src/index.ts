export { startEmbeddedDatabase } from './database/embedded.js';
export { DataDirLockedError } from './database/lock.js';
export { type RunningDatabase, startDatabase } from './database/start.js';
export { type DemoSummary, demoCustomerCount, loadDemoDataIfEmpty } from './demo/load.js';
export { type DemoDepartmentKey, demoCompanyName, demoDepartments, demoUsers } from './demo/org-data.js';
export * from './entities/index.js';
export { migrate, pendingMigrations } from './migrate.js';
export { migrationsList } from './migrations/index.js';
export { migrationsPath, ormConfig } from './orm-config.js';
