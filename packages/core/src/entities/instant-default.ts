/**
 * A `defaults` hook that sets `field` to the instant of the write when the input leaves it out, as
 * activities do for `occurredAt` and orders for `orderedAt`. The instant comes from the CRM's clock, so a
 * host (or a test) that controls the clock controls these times too.
 *
 * @example
 * ```ts
 * instantDefault('occurredAt')({ type: 'call' }, settings, '2025-01-15T09:30:00.000Z');
 * // { type: 'call', occurredAt: '2025-01-15T09:30:00.000Z' }
 * ```
 */
export function instantDefault(field: string) {
  return (input: Record<string, unknown>, _settings: unknown, at: string): Record<string, unknown> =>
    input[field] === undefined ? { ...input, [field]: at } : input;
}
