import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { EntityDef } from '../entities/define-entity';
import { entities } from '../entities/registry';
import { entitySchema, runtimeSchema } from './entity-schema';

const definitions = Object.values(entities) as unknown as EntityDef[];

// Inputs that take each road of the fast path: valid ones it parses, invalid ones it hands back to the
// runtime parser, whose issues must be the ones reported.
const inputs: Record<string, unknown[]> = {
  person: [
    {},
    {
      firstName: '  Ann ',
      emails: [{ address: ' ANN@Example.com ' }],
      tags: ['vip', 'vip'],
      lifecycleStage: 'customer',
    },
    {
      emails: [
        { address: 'a@x.io', primary: true },
        { address: 'b@x.io', primary: true },
      ],
    },
    { emails: [{ address: 'not an email' }], region: 5, birthday: '1990-02-30' },
    { phones: [{ number: '12' }], unknown: true, leadScore: 1.5 },
  ],
  company: [{ name: 'Acme' }, { name: '' }, { name: 'Acme', domain: 7 }],
  deal: [
    { name: 'Renewal', amount: 1_000, currency: 'eur', probability: 0.5, personIds: ['p1', 'p1'] },
    { name: 'Renewal', amount: -1.5, currency: 'EUR' },
    { amount: 'x', status: 'maybe' },
  ],
  task: [{ title: 'Call back' }, { title: '' }, { title: 'Call', dueAt: 'tomorrow' }],
};

describe('entitySchema', () => {
  it.each(definitions.map((entity) => [entity.name, entity] as const))(
    'compiles the %s input to zod fast path',
    (_name, entity) => {
      expect(() => z.compile(runtimeSchema(entity), { strict: true })).not.toThrow();
    },
  );

  it.each(Object.entries(inputs))('parses %s inputs as the runtime parser does', (name, cases) => {
    const entity = entities[name as keyof typeof entities] as unknown as EntityDef;
    const outcomes = new Set<boolean>();
    for (const input of cases) {
      const compiled = entitySchema(entity).safeParse(structuredClone(input));
      const runtime = runtimeSchema(entity).safeParse(structuredClone(input));
      expect(compiled.success).toBe(runtime.success);
      expect(compiled.data).toEqual(runtime.data);
      expect(compiled.error?.issues).toEqual(runtime.error?.issues);
      outcomes.add(compiled.success);
    }
    expect([...outcomes].sort()).toEqual([false, true]);
  });
});
