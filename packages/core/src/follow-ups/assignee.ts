import type { StorageReader } from '../storage/adapter';
import type { FollowUpCadence } from './cadence';
import type { FollowUpTransition } from './transitions';

/** Reads, inside the write's transaction, the rows the assignee of a transition depends on. */
export class AssigneeResolver {
  readonly #reader: StorageReader;
  readonly #tenantId: string;
  // One write may win many deals of the same owner: each row is read once per write.
  readonly #rows = new Map<string, Promise<Record<string, unknown> | undefined>>();

  constructor(reader: StorageReader, tenantId: string) {
    this.#reader = reader;
    this.#tenantId = tenantId;
  }

  /**
   * Who gets a transition's tasks: the first active member among the record's owner (a deal's or an
   * order's), then its customer's owner (an order's person, then its company; a deal's company), then the
   * cadence's fallback; null (unassigned) when none is an active member.
   *
   * @example
   * ```ts
   * const assigneeId = await new AssigneeResolver(tx, tenantId).assigneeOf(transition, cadence);
   * ```
   */
  async assigneeOf(transition: FollowUpTransition, cadence: FollowUpCadence): Promise<string | null> {
    const { record } = transition;
    const candidates: (() => Promise<unknown>)[] = [
      async () => record.ownerId,
      ...(transition.trigger === 'orderFulfilled' ? [this.#ownerOf('people', record.personId)] : []),
      this.#ownerOf('companies', record.companyId),
      async () => cadence.fallbackAssigneeId,
    ];
    for (const candidate of candidates) {
      const id = await candidate();
      if (typeof id === 'string' && (await this.#isActiveMember(id))) return id;
    }
    return null;
  }

  #ownerOf(table: 'people' | 'companies', id: unknown): () => Promise<unknown> {
    return async () => (typeof id === 'string' ? (await this.#row(table, id))?.owner_id : undefined);
  }

  async #isActiveMember(id: string): Promise<boolean> {
    return (await this.#row('members', id))?.active === true;
  }

  #row(table: string, id: string): Promise<Record<string, unknown> | undefined> {
    const key = `${table}:${id}`;
    let row = this.#rows.get(key);
    if (row === undefined) {
      row = this.#reader.findById({ table, tenantId: this.#tenantId, id });
      this.#rows.set(key, row);
    }
    return row;
  }
}
