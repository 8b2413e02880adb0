import type { ValueFieldsOf } from '../customer-value/value-field-resolution';
import type { EntityName } from '../entities/entity-name';
import type {
  CaseMode,
  CompareFilterOp,
  Filter,
  LooseComparison,
  PeriodName,
  TimeUnit,
} from './filter-types';
import type { FieldKind, FilterableEntities } from './filterable-entities';

// The types behind `Filter<E>`: field paths of an entity and the comparisons each field's kind allows.
// They mirror what resolution accepts, as far as TypeScript can say it; resolution checks everything again.

type FieldsOf<E extends EntityName> = FilterableEntities[E]['fields'];
type FieldName<E extends EntityName> = keyof FieldsOf<E> & string;

type OrderOp = 'lt' | 'lte' | 'gt' | 'gte';

type Presence<F extends string> = { readonly field: F; readonly op: 'isEmpty' | 'isNotEmpty' };

type TextComparison<F extends string> =
  | { readonly field: F; readonly op: 'eq' | 'ne'; readonly value: string; readonly mode?: CaseMode }
  | { readonly field: F; readonly op: OrderOp; readonly value: string }
  | {
      readonly field: F;
      readonly op: 'in' | 'notIn';
      readonly value: readonly string[];
      readonly mode?: CaseMode;
    }
  | {
      readonly field: F;
      readonly op: 'contains' | 'startsWith' | 'endsWith';
      readonly value: string;
      readonly mode?: CaseMode;
    }
  | Presence<F>;

type ActorComparison<F extends string> =
  | TextComparison<F>
  | { readonly field: F; readonly op: 'isCurrentActor' };

// Equality and ordering stay separate members, as in the loose form, so a typed filter is a loose one.
type NumberComparison<F extends string> =
  | { readonly field: F; readonly op: 'eq' | 'ne'; readonly value: number }
  | { readonly field: F; readonly op: OrderOp; readonly value: number }
  | { readonly field: F; readonly op: 'in' | 'notIn'; readonly value: readonly number[] }
  | Presence<F>;

type BooleanComparison<F extends string> =
  | { readonly field: F; readonly op: 'eq' | 'ne'; readonly value: boolean }
  | Presence<F>;

type TimestampComparison<F extends string> =
  | { readonly field: F; readonly op: 'eq' | 'ne'; readonly value: string }
  | { readonly field: F; readonly op: OrderOp; readonly value: string }
  | { readonly field: F; readonly op: 'in' | 'notIn'; readonly value: readonly string[] }
  | { readonly field: F; readonly op: 'inLast' | 'inNext'; readonly value: number; readonly unit: TimeUnit }
  | { readonly field: F; readonly op: 'inPeriod'; readonly value: PeriodName }
  | Presence<F>;

type DateComparison<F extends string> =
  | TimestampComparison<F>
  | { readonly field: F; readonly op: 'anniversaryInNext'; readonly value: number };

type ListComparison<F extends string> =
  | { readonly field: F; readonly op: 'hasAny' | 'hasAll' | 'hasNone'; readonly value: readonly string[] }
  | Presence<F>;

/** The comparisons a field of one kind allows. */
type ComparisonFor<F extends string, K extends FieldKind> = K extends 'actor' | 'ref:member'
  ? ActorComparison<F>
  : K extends 'text' | `ref:${string}`
    ? TextComparison<F>
    : K extends 'number'
      ? NumberComparison<F>
      : K extends 'boolean'
        ? BooleanComparison<F>
        : K extends 'date'
          ? DateComparison<F>
          : K extends 'timestamp'
            ? TimestampComparison<F>
            : ListComparison<F>;

/** Many-to-one relation names of an entity: `companyId: 'ref:company'` makes `company`. */
type ToOneName<E extends EntityName> = {
  [F in FieldName<E>]: FieldsOf<E>[F] extends `ref:${string}` ? WithoutId<F> : never;
}[FieldName<E>];

type OwnComparison<E extends EntityName, P extends string> = {
  [F in FieldName<E>]: ComparisonFor<`${P}${F}`, FieldsOf<E>[F] & FieldKind>;
}[FieldName<E>];

/** The customer value fields of people and companies (`rfm.segment`, `valueTier`), stored on their rows. */
type ValueComparison<E extends EntityName, P extends string> = {
  [F in keyof ValueFieldsOf<E> & string]: ComparisonFor<`${P}${F}`, ValueFieldsOf<E>[F] & FieldKind>;
}[keyof ValueFieldsOf<E> & string];

type CustomComparison<E extends EntityName, P extends string> = FilterableEntities[E]['custom'] extends true
  ? LooseComparison<`${P}custom.${string}`>
  : never;

type ThroughRelation<R extends string, T extends EntityName> =
  | OwnComparison<T, `${R}.`>
  | ValueComparison<T, `${R}.`>
  | CustomComparison<T, `${R}.`>
  | LooseComparison<`${R}.${ToOneName<T>}.${string}`>;

/** Fields of a related record, one hop typed; deeper paths (`company.owner.team`) are checked when resolved. */
type RelatedFieldComparison<E extends EntityName> = {
  [F in FieldName<E>]: FieldsOf<E>[F] extends `ref:${infer T extends EntityName}`
    ? ThroughRelation<WithoutId<F>, T>
    : never;
}[FieldName<E>];

/** The comparisons of `Comparison<E>`. */
export type EntityComparison<E extends EntityName> =
  | OwnComparison<E, ''>
  | ValueComparison<E, ''>
  | CustomComparison<E, ''>
  | RelatedFieldComparison<E>;

/** The fields of Y that point at X. */
type ReferencesTo<Y extends EntityName, X extends EntityName> = {
  [F in FieldName<Y>]: FieldsOf<Y>[F] extends `ref:${X}` | `refs:${X}` ? F : never;
}[FieldName<Y>];

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
type WithoutId<F extends string> = F extends `${infer R}Ids` ? R : F extends `${infer R}Id` ? R : F;

/** `orders`, or `ordersByBuyer` when two fields of orders point at the entity. */
type ToManyName<X extends EntityName, Y extends EntityName> = [ReferencesTo<Y, X>] extends [never]
  ? never
  : true extends IsUnion<ReferencesTo<Y, X>>
    ? `${FilterableEntities[Y]['collection']}By${Capitalize<WithoutId<ReferencesTo<Y, X>>>}`
    : FilterableEntities[Y]['collection'];

type FieldsOfKind<E extends EntityName, K extends FieldKind> = {
  [F in FieldName<E>]: FieldsOf<E>[F] extends K ? F : never;
}[FieldName<E>];

type CustomName<E extends EntityName> = FilterableEntities[E]['custom'] extends true
  ? `custom.${string}`
  : never;

type RelatedNode<R extends string, T extends EntityName> =
  | { readonly related: R; readonly where?: Filter<T>; readonly aggregate: 'exists' | 'notExists' }
  | {
      readonly related: R;
      readonly where?: Filter<T>;
      readonly aggregate: 'count';
      readonly op: CompareFilterOp;
      readonly value: number;
    }
  | {
      readonly related: R;
      readonly where?: Filter<T>;
      readonly aggregate: 'sum' | 'avg';
      readonly of: FieldsOfKind<T, 'number'> | CustomName<T>;
      readonly op: CompareFilterOp;
      readonly value: number;
    }
  | {
      readonly related: R;
      readonly where?: Filter<T>;
      readonly aggregate: 'min' | 'max';
      readonly of: FieldsOfKind<T, 'number' | 'date' | 'timestamp'> | CustomName<T>;
      readonly op: CompareFilterOp;
      readonly value: number | string;
    };

/** The related-record conditions of `RelatedFilter<E>`. */
export type EntityRelatedFilter<E extends EntityName> = {
  [Y in EntityName]: [ToManyName<E, Y>] extends [never] ? never : RelatedNode<ToManyName<E, Y>, Y>;
}[EntityName];
