import type { CrmSession } from '../crm';
import { entityDef } from '../entities/registry';
import type { Company, CompanyInput } from '../entities/types';
import { rowMapping } from '../records/row-mapping';
import type { StorageReader } from '../storage/adapter';
import type { CompanyMatch } from './capture-input';
import { matchCompany } from './match-records';
import { underPath } from './under-path';

/** The normalised keys a company is matched by, from its validated values. */
export interface CompanyKeys {
  readonly domain: string | null;
  readonly name: string;
}

/** The keys of validated company values. */
export function companyKeysOf(values: Readonly<Record<string, unknown>>): CompanyKeys {
  return { domain: (values.domain as string | null) ?? null, name: values.name as string };
}

/**
 * The company an input names: the stored one with its domain, else with its name, else a new one
 * created through the companies write path (issues under `['company', ...]`).
 *
 * @example
 * ```ts
 * const { company, match } = await findOrCreateCompany(session, tx, keys, input.company, 'lead capture: web_form');
 * ```
 */
export async function findOrCreateCompany(
  session: CrmSession,
  reader: StorageReader,
  keys: CompanyKeys,
  input: CompanyInput,
  reason: string,
): Promise<{ company: Company; match: CompanyMatch }> {
  const found = await matchCompany(reader, session.context.tenantId, keys);
  if (found !== undefined) {
    const company = rowMapping(entityDef('company')).toRecord(found.row) as unknown as Company;
    return { company, match: found.by };
  }
  const company = await underPath(['company'], () => session.companies.create(input, { reason }));
  return { company, match: 'created' };
}
