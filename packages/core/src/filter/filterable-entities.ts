import type { EntityName } from '../entities/entity-name';

/**
 * How a filterable field compares, as the types of filters see it: the value types of the condition IR,
 * plus what a text or list field points at. `ref:<entity>` holds the id of one record of that entity,
 * `refs:<entity>` a list of them; `actor` holds the id of the actor who wrote the record.
 */
export type FieldKind =
  | 'text'
  | 'number'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'textList'
  | 'actor'
  | `ref:${EntityName}`
  | `refs:${EntityName}`;

/** What the types of filters know about one entity. */
export interface FilterableEntity {
  /** The name of its repository, which also names the relation from a referenced entity (`orders`). */
  readonly collection: string;
  /** Whether it has custom fields (`custom.<key>`). */
  readonly custom: boolean;
  readonly fields: Readonly<Record<string, FieldKind>>;
}

const base = {
  id: 'text',
  version: 'number',
  createdAt: 'timestamp',
  updatedAt: 'timestamp',
  createdBy: 'actor',
  updatedBy: 'actor',
  archivedAt: 'timestamp',
} as const;

const extensible = { externalId: 'text', tags: 'textList' } as const;

/**
 * The filterable fields of every entity, for the TypeScript types of filters only: the entity definitions
 * stay the source of truth at run time, and a test holds this map equal to them. Add a field here when
 * an entity gains one.
 */
export const filterableEntities = {
  company: {
    collection: 'companies',
    custom: true,
    fields: {
      ...base,
      ...extensible,
      name: 'text',
      domain: 'text',
      industry: 'text',
      size: 'text',
      region: 'text',
      ownerId: 'ref:member',
      tier: 'text',
    },
  },
  person: {
    collection: 'people',
    custom: true,
    fields: {
      ...base,
      ...extensible,
      firstName: 'text',
      lastName: 'text',
      fullName: 'text',
      email: 'text',
      phone: 'text',
      title: 'text',
      region: 'text',
      birthday: 'date',
      companyId: 'ref:company',
      ownerId: 'ref:member',
      lifecycleStage: 'text',
      source: 'text',
      leadScore: 'number',
      'consent.email': 'boolean',
      'consent.sms': 'boolean',
      'consent.phone': 'boolean',
    },
  },
  deal: {
    collection: 'deals',
    custom: true,
    fields: {
      ...base,
      ...extensible,
      name: 'text',
      amount: 'number',
      currency: 'text',
      pipelineId: 'ref:pipeline',
      stageId: 'text',
      probability: 'number',
      expectedCloseDate: 'date',
      status: 'text',
      lostReason: 'text',
      closedAt: 'timestamp',
      ownerId: 'ref:member',
      companyId: 'ref:company',
      personIds: 'refs:person',
    },
  },
  activity: {
    collection: 'activities',
    custom: true,
    fields: {
      ...base,
      ...extensible,
      type: 'text',
      subject: 'text',
      body: 'text',
      occurredAt: 'timestamp',
      durationMinutes: 'number',
      outcome: 'text',
      direction: 'text',
      personIds: 'refs:person',
      companyId: 'ref:company',
      dealId: 'ref:deal',
      ownerId: 'ref:member',
    },
  },
  task: {
    collection: 'tasks',
    custom: true,
    fields: {
      ...base,
      ...extensible,
      title: 'text',
      notes: 'text',
      dueAt: 'timestamp',
      remindAt: 'timestamp',
      assigneeId: 'ref:member',
      status: 'text',
      completedAt: 'timestamp',
      personId: 'ref:person',
      companyId: 'ref:company',
      dealId: 'ref:deal',
    },
  },
  product: {
    collection: 'products',
    custom: true,
    fields: {
      ...base,
      ...extensible,
      sku: 'text',
      name: 'text',
      description: 'text',
      unitPrice: 'number',
      currency: 'text',
      active: 'boolean',
    },
  },
  order: {
    collection: 'orders',
    custom: true,
    fields: {
      ...base,
      ...extensible,
      number: 'text',
      personId: 'ref:person',
      companyId: 'ref:company',
      orderedAt: 'timestamp',
      type: 'text',
      status: 'text',
      total: 'number',
      currency: 'text',
      ownerId: 'ref:member',
    },
  },
  member: {
    collection: 'members',
    custom: false,
    fields: {
      ...base,
      name: 'text',
      email: 'text',
      role: 'text',
      team: 'text',
      managerId: 'ref:member',
      region: 'text',
      skills: 'textList',
      capacity: 'number',
      active: 'boolean',
      awayUntil: 'timestamp',
      assignmentOptOut: 'boolean',
      assignmentWeight: 'number',
      languages: 'textList',
      industries: 'textList',
    },
  },
  tag: {
    collection: 'tags',
    custom: false,
    fields: { ...base, name: 'text', color: 'text', description: 'text' },
  },
  pipeline: {
    collection: 'pipelines',
    custom: false,
    fields: { ...base, name: 'text', position: 'number', moves: 'text' },
  },
} as const satisfies Record<EntityName, FilterableEntity>;

/** The map above as a type. */
export type FilterableEntities = typeof filterableEntities;
