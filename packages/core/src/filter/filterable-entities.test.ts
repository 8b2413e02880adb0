import { describe, expect, it } from 'vitest';
import type { EntityDef } from '../entities/define-entity';
import { entities } from '../entities/registry';
import { consentKinds } from './consent-fields';
import type { FieldKind } from './filterable-entities';
import { filterableEntities } from './filterable-entities';

const actorFields = new Set(['createdBy', 'updatedBy']);

/** Booleans inside a JSON column that filters resolve by a dotted name: a person's consents. */
const jsonSubfields: Readonly<Record<string, Record<string, FieldKind>>> = {
  person: Object.fromEntries(consentKinds.map((kind) => [`consent.${kind}`, 'boolean' as const])),
};

function kindsOf(entity: EntityDef): Record<string, FieldKind> {
  const kinds: Record<string, FieldKind> = {};
  for (const [name, def] of Object.entries(entity.allFields)) {
    if (def.valueType === null) continue;
    if (def.references !== undefined)
      kinds[name] = def.valueType === 'textList' ? `refs:${def.references}` : `ref:${def.references}`;
    else kinds[name] = actorFields.has(name) ? 'actor' : (def.valueType as FieldKind);
  }
  return kinds;
}

describe('the filterable fields the types know', () => {
  for (const entity of Object.values(entities) as unknown as EntityDef[]) {
    it(`match the definition of ${entity.name}`, () => {
      const known = filterableEntities[entity.name];
      expect(known.fields).toEqual({ ...kindsOf(entity), ...jsonSubfields[entity.name] });
      expect(known.collection).toBe(entity.collection);
      expect(known.custom).toBe(entity.extensible);
    });
  }
});
