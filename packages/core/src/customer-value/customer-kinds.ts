/** The entities that are customers: the ones orders belong to. */
export const customerEntities = ['person', 'company'] as const;

/**
 * A customer entity: a person, or a company (an account).
 *
 * @example
 * ```ts
 * const { entity }: { entity: CustomerEntity } = await crm.customerValue.get(id); // 'person' or 'company'
 * ```
 */
export type CustomerEntity = (typeof customerEntities)[number];

/** Where a kind of customer is stored and how its orders point at it. */
export interface CustomerKind {
  readonly entity: CustomerEntity;
  readonly table: 'people' | 'companies';
  /** The column of `orders` that holds the customer's id. */
  readonly orderColumn: 'person_id' | 'company_id';
}

/** People and companies, each with its table and the column of its orders. */
export const customerKinds: Readonly<Record<CustomerEntity, CustomerKind>> = {
  person: { entity: 'person', table: 'people', orderColumn: 'person_id' },
  company: { entity: 'company', table: 'companies', orderColumn: 'company_id' },
};

/** Whether an entity name is a customer entity. */
export function isCustomerEntity(entity: string): entity is CustomerEntity {
  return entity === 'person' || entity === 'company';
}
