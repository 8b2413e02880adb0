import type { MigrateArgs, MigrateResult, StorageAdapter } from '@rapport/core';
import type { SqlDriver, TenantSession } from '@rapport/sql';
import { applyTenantPolicies, assertSubjectToPolicies, TENANT_SETTING } from './tenant-policies';

/**
 * Sets the transaction's tenant for the row-level security policies: `set_config(..., true)` is local to
 * the transaction, so a pooled connection never carries one tenant's setting into another's work.
 *
 * @example
 * ```ts
 * postgresTenantSession.setTenant('acme');
 * // { sql: "select set_config('app.tenant_id', $1, true)", parameters: ['acme'] }
 * ```
 */
export const postgresTenantSession: TenantSession = {
  setTenant: (tenantId) => ({
    sql: `select set_config('${TENANT_SETTING}', $1, true)`,
    parameters: [tenantId],
  }),
};

/**
 * `store` with a `migrate` that, after Rapport's migrations, puts every tenant table under row-level
 * security (see {@link applyTenantPolicies}). It throws MISUSE, before changing anything, when the
 * connection's role is a superuser or has BYPASSRLS. Everything else is `store`'s own.
 *
 * @example
 * ```ts
 * const adapter = withTenantPolicies(createSqlStore({ ..., tenantSession: postgresTenantSession }), driver);
 * await adapter.migrate({ migrations }); // migrations, then ENABLE, FORCE and a policy per tenant table
 * ```
 */
export function withTenantPolicies(store: StorageAdapter, driver: SqlDriver): StorageAdapter {
  let isClosed = false;
  async function migrate(args: MigrateArgs): Promise<MigrateResult> {
    // The role is checked first, so that one the policies cannot hold changes nothing; a closed store
    // answers for itself (MISUSE).
    if (!isClosed) await assertSubjectToPolicies(driver);
    const result = await store.migrate(args);
    await applyTenantPolicies(driver, args.migrations);
    return result;
  }
  async function close(): Promise<void> {
    isClosed = true;
    await store.close();
  }
  return { ...store, migrate, close };
}
