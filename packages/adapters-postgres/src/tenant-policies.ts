import type { Migration, Row } from '@rapport/core';
import { RapportError } from '@rapport/core';
import type { SqlConnection, SqlDriver } from '@rapport/sql';

/** The transaction-local setting that names the tenant a transaction works for. */
export const TENANT_SETTING = 'app.tenant_id';

/** The name of the policy on every tenant table; one name, so finding and replacing it is idempotent. */
export const TENANT_POLICY = 'rapport_tenant_isolation';

// NULL when the setting is missing, and when it is empty: Postgres leaves a placeholder setting at '' once
// a transaction that set it ends, and no tenant has an empty id. NULL matches no row.
const CURRENT_TENANT = `nullif(current_setting('${TENANT_SETTING}', true), '')`;

/**
 * The tables of `migrations` that have a `tenant_id` column: Rapport's tables only, never a host's table
 * that happens to live in the same schema, nor the bookkeeping tables (no migration declares them).
 *
 * @example
 * ```ts
 * tenantTables(rapportMigrations); // ['activities', 'audit_log', 'deals', ...]
 * ```
 */
export function tenantTables(migrations: readonly Migration[]): string[] {
  const tables = new Set<string>();
  for (const migration of migrations) {
    for (const step of migration.steps) {
      if (step.kind === 'createTable' && step.table.columns.some((column) => column.name === 'tenant_id'))
        tables.add(step.table.name);
      if (step.kind === 'addColumn' && step.column.name === 'tenant_id') tables.add(step.table);
    }
  }
  return [...tables].sort();
}

/**
 * Puts every tenant table of `migrations` under row-level security, in one transaction: `ENABLE` and
 * `FORCE ROW LEVEL SECURITY` (so the owner is held to it too) and the policy {@link TENANT_POLICY}, which
 * lets a statement read and write only rows whose `tenant_id` is the transaction's `app.tenant_id`.
 * Tables that already have all three are left alone, so running it again, or from a second adapter
 * whose role does not own the tables, changes nothing; a table a later migration adds gets its policy on
 * the next run. Throws MIGRATION_FAILED when a table lacks its policy and the role does not own it.
 *
 * @example
 * ```ts
 * await adapter.migrate({ migrations });
 * await applyTenantPolicies(driver, migrations);
 * ```
 */
export async function applyTenantPolicies(
  driver: SqlDriver,
  migrations: readonly Migration[],
): Promise<void> {
  const tables = tenantTables(migrations);
  let table: string | undefined;
  try {
    await driver.transaction(async (connection) => {
      for (table of await tablesWithoutPolicy(connection, tables)) {
        for (const statement of policyStatements(table))
          await connection.execute({ sql: statement, parameters: [] });
      }
    });
  } catch (error) {
    if (table === undefined) throw migrationFailed('Finding the tables without a tenant policy', error);
    throw migrationFailed(
      `Putting '${table}' under row-level security (only the table's owner can: run migrate once as the owner)`,
      error,
      { table },
    );
  }
}

/**
 * Throws MISUSE when the role the driver's transactions run as is a superuser or has BYPASSRLS: policies
 * never apply to it, so row-level security would protect nothing.
 *
 * @example
 * ```ts
 * await assertSubjectToPolicies(driver); // before migrating in row-level security mode
 * ```
 */
export async function assertSubjectToPolicies(driver: SqlDriver): Promise<void> {
  let role: Row | undefined;
  try {
    // In a transaction, as every operation runs.
    role = await driver.transaction(async (connection) =>
      connection.queryFirst({
        sql: 'select current_user as "name", rolsuper or rolbypassrls as "bypasses" from pg_roles where rolname = current_user',
        parameters: [],
      }),
    );
  } catch (error) {
    throw migrationFailed('Reading the role of the connection', error);
  }
  if (role?.bypasses === true) {
    throw new RapportError(
      'MISUSE',
      `Row-level security cannot hold role '${String(role.name)}': superusers and roles with BYPASSRLS skip every policy. Connect as a role without SUPERUSER and BYPASSRLS.`,
      { details: { role: role.name } },
    );
  }
}

/** The tables of `tables` in the current schema that lack ENABLE, FORCE or the policy. */
async function tablesWithoutPolicy(connection: SqlConnection, tables: readonly string[]): Promise<string[]> {
  const rows = await connection.query({
    sql: `select c.relname as "table"
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relname = any($1::text[])
        and not (c.relrowsecurity and c.relforcerowsecurity
          and exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = $2))
      order by c.relname`,
    parameters: [tables, TENANT_POLICY],
  });
  return rows.map((row) => String(row.table));
}

// ALTER TABLE locks the table first, so of two adapters adding the policy at once the second waits, then
// drops and recreates the first one's policy instead of failing on a duplicate.
function policyStatements(table: string): string[] {
  const name = `"${table.replaceAll('"', '""')}"`;
  return [
    `alter table ${name} enable row level security`,
    `alter table ${name} force row level security`,
    `drop policy if exists ${TENANT_POLICY} on ${name}`,
    `create policy ${TENANT_POLICY} on ${name} using (tenant_id = ${CURRENT_TENANT}) with check (tenant_id = ${CURRENT_TENANT})`,
  ];
}

function migrationFailed(what: string, error: unknown, details: Record<string, unknown> = {}): RapportError {
  const message = error instanceof Error ? error.message : String(error);
  return new RapportError('MIGRATION_FAILED', `${what} failed: ${message}`, { details, cause: error });
}
