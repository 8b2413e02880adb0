import { uuidv7 } from '@rapport/core';
import type { personInput } from './people-generator';

/** The people table's columns in the order a raw import writes them. */
export const peopleColumns = [
  'tenant_id',
  'id',
  'version',
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
  'archived_at',
  'external_id',
  'tags',
  'custom',
  'first_name',
  'last_name',
  'full_name',
  'emails',
  'phones',
  'email',
  'phone',
  'title',
  'region',
  'address',
  'birthday',
  'company_id',
  'owner_id',
  'lifecycle_stage',
  'source',
  'consent',
] as const;

/**
 * What a hand-written import does per person: make an id, stamp it, encode its JSON columns. The values
 * are in {@link peopleColumns} order.
 */
export function rawPersonRow(input: ReturnType<typeof personInput>, tenantId: string, at: string): unknown[] {
  const email = input.emails[0]?.address ?? null;
  const phone = input.phones[0]?.number ?? null;
  return [
    tenantId,
    uuidv7(),
    1,
    at,
    at,
    'bench',
    'bench',
    null,
    null,
    JSON.stringify(input.tags),
    '{}',
    input.firstName,
    input.lastName,
    `${input.firstName} ${input.lastName}`,
    JSON.stringify([{ address: email, label: null, primary: true }]),
    JSON.stringify([{ number: phone, label: null, primary: true }]),
    email,
    phone,
    null,
    input.region,
    null,
    input.birthday,
    null,
    null,
    input.lifecycleStage,
    input.source,
    JSON.stringify({ email: false, sms: false, phone: false }),
  ];
}
