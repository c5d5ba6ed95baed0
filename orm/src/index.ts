export { type DoorCommand, runningAdminDoor } from './database/admin-door.js';
export { startEmbeddedDatabase } from './database/embedded.js';
export { DataDirLockedError } from './database/lock.js';
export { columnsAs, entityAs, flushedFor, relationAs } from './database/mapped-rows.js';
export { type RunningDatabase, startDatabase } from './database/start.js';
export { type StartupLockOptions, withStartupLock } from './database/startup-lock.js';
export { type DemoSummary, demoCustomerCount, loadDemoDataIfEmpty } from './demo/load.js';
export { type DemoDepartmentKey, demoCompanyName, demoDepartments, demoUsers } from './demo/org-data.js';
export { SeededRandom } from './demo/random.js';
export * from './entities/index.js';
export { migrate, pendingMigrations } from './migrate.js';
export { migrationsList } from './migrations/index.js';
export { migrationsPath, ormConfig } from './orm-config.js';
export { ensureDefaultPipeline } from './reference/pipeline.js';
export { adminRoleCode, builtInRoles, ensureBuiltInRoles } from './reference/roles.js';
export { ensureStageGateType, stageGateFields, stageGatePurpose } from './reference/stage-gate.js';
export {
  innerInitialsMark,
  type KeyedContact,
  type KeyedCustomer,
  type SearchKeys,
  searchKeysFor,
} from './search/keys.js';
export { hanGrams, hasHan, normalizeSearchText, phoneDigits, phoneTail } from './search/normalize.js';
export { type Reading, type ReadUnit, readingsOf } from './search/pinyin.js';
export { refreshSearchKeys } from './search/refresh.js';
export { searchNameSql, searchWordsSql, type WordsColumn } from './search/sql.js';
