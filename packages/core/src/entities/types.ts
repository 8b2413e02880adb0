import type * as z from 'zod';
import type { activityEntity } from './activity';
import type { companyEntity } from './company';
import type { dealEntity } from './deal';
import type { BaseRecord, ExtensibleRecord } from './define-entity';
import type { memberEntity } from './member';
import type { orderEntity } from './order';
import type { personEntity } from './person';
import type { pipelineEntity } from './pipeline';
import type { productEntity } from './product';
import type { tagEntity } from './tag';
import type { taskEntity } from './task';

type InputOf<E extends { input: z.ZodRawShape }> = z.input<z.ZodObject<E['input']>>;
type OutputOf<E extends { input: z.ZodRawShape }> = z.output<z.ZodObject<E['input']>>;
/** Money inputs may leave out the currency: the tenant's default currency fills it. */
type CurrencyDefaulted<T> = Omit<T, 'currency'> & { readonly currency?: string | null };
type Custom = { readonly custom?: Readonly<Record<string, unknown>> };
type Extensible<E extends { input: z.ZodRawShape }, Derived = unknown> = BaseRecord &
  ExtensibleRecord &
  Omit<OutputOf<E>, 'externalId' | 'tags'> &
  Derived;

/** A company record. */
export type Company = Extensible<typeof companyEntity>;
/** What `companies.create` takes. */
export type CompanyInput = InputOf<typeof companyEntity> & Custom;

/** A person record; `email`, `phone` and `fullName` are derived from the person's other fields. */
export type Person = Extensible<
  typeof personEntity,
  { readonly fullName: string | null; readonly email: string | null; readonly phone: string | null }
>;
/** What `people.create` takes. */
export type PersonInput = InputOf<typeof personEntity> & Custom;

/** A deal record. */
export type Deal = Extensible<typeof dealEntity>;
/** What `deals.create` takes. */
export type DealInput = CurrencyDefaulted<InputOf<typeof dealEntity>> & Custom;

/** An activity record (a call, email, meeting, note, feedback or complaint). */
export type Activity = Extensible<typeof activityEntity>;
/** What `activities.create` takes. */
export type ActivityInput = InputOf<typeof activityEntity> & Custom;

/** A task record. */
export type Task = Extensible<typeof taskEntity>;
/** What `tasks.create` takes. */
export type TaskInput = InputOf<typeof taskEntity> & Custom;

/** A product record. */
export type Product = Extensible<typeof productEntity>;
/** What `products.create` takes. */
export type ProductInput = CurrencyDefaulted<InputOf<typeof productEntity>> & Custom;

/** One line of an order, with its computed amount. */
export interface OrderLine {
  readonly productId: string | null;
  readonly description: string | null;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly amount: number;
}
/** An order record; `total` is the sum of its lines. */
export type Order = Extensible<typeof orderEntity, { readonly total: number; readonly lines: OrderLine[] }>;
/** What `orders.create` takes. */
export type OrderInput = CurrencyDefaulted<InputOf<typeof orderEntity>> & Custom;

/** A member record: one of the host's users. */
export type Member = BaseRecord & OutputOf<typeof memberEntity>;
/** What `members.create` takes; `id` is the host's user id. */
export type MemberInput = InputOf<typeof memberEntity>;

/** A tag record. */
export type Tag = BaseRecord & OutputOf<typeof tagEntity>;
/** What `tags.create` takes. */
export type TagInput = InputOf<typeof tagEntity>;

/** A pipeline record with its stages. */
export type Pipeline = BaseRecord & OutputOf<typeof pipelineEntity>;
/** What `pipelines.create` takes. */
export type PipelineInput = InputOf<typeof pipelineEntity>;

/** For each entity: its record, its create input and what each include adds. */
export interface EntityTypes {
  company: { record: Company; input: CompanyInput; includes: { owner: Member | null } };
  person: { record: Person; input: PersonInput; includes: { company: Company | null; owner: Member | null } };
  deal: {
    record: Deal;
    input: DealInput;
    includes: { company: Company | null; people: Person[]; owner: Member | null; pipeline: Pipeline | null };
  };
  activity: {
    record: Activity;
    input: ActivityInput;
    includes: { people: Person[]; company: Company | null; deal: Deal | null; owner: Member | null };
  };
  task: {
    record: Task;
    input: TaskInput;
    includes: { assignee: Member | null; person: Person | null; company: Company | null; deal: Deal | null };
  };
  product: { record: Product; input: ProductInput; includes: Record<never, never> };
  order: {
    record: Order;
    input: OrderInput;
    includes: { person: Person | null; company: Company | null; owner: Member | null };
  };
  member: { record: Member; input: MemberInput; includes: { manager: Member | null } };
  tag: { record: Tag; input: TagInput; includes: Record<never, never> };
  pipeline: { record: Pipeline; input: PipelineInput; includes: Record<never, never> };
}
