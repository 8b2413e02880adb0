import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { EntityDef } from '../entities/define-entity';
import { defineEntity } from '../entities/define-entity';
import { field } from '../entities/field-def';
import { entities } from '../entities/registry';
import { deriveRelations, relationsOf } from './entity-relations';

const names = (map: ReadonlyMap<string, unknown>) => [...map.keys()].sort();

describe('relations derived from reference fields', () => {
  it('gives a person its company and owner, and its deals, activities, tasks and orders', () => {
    const { toOne, toMany } = relationsOf('person');
    expect(names(toOne)).toEqual(['company', 'owner']);
    expect(toOne.get('company')?.relation).toEqual({
      table: 'companies',
      link: 'column',
      foreignColumn: 'id',
      localColumn: 'company_id',
    });
    expect(names(toMany)).toEqual(['activities', 'deals', 'orders', 'tasks']);
    expect(toMany.get('orders')?.relation).toEqual({
      table: 'orders',
      link: 'column',
      foreignColumn: 'person_id',
      localColumn: 'id',
    });
    expect(toMany.get('deals')?.relation).toEqual({
      table: 'deals',
      link: 'list',
      foreignColumn: 'person_ids',
      localColumn: 'id',
    });
  });

  it('gives a company its people, deals, activities, tasks and orders', () => {
    expect(names(relationsOf('company').toMany)).toEqual([
      'activities',
      'deals',
      'orders',
      'people',
      'tasks',
    ]);
    expect(relationsOf('company').toMany.get('people')?.field).toBe('companyId');
  });

  it('follows a list of ids only from the side it points at', () => {
    expect(names(relationsOf('deal').toOne)).toEqual(['company', 'owner', 'pipeline']);
    expect(relationsOf('deal').toMany.has('people')).toBe(false);
  });

  it('gives a member its manager and the members it manages, and what it owns or is assigned', () => {
    const { toOne, toMany } = relationsOf('member');
    expect(names(toOne)).toEqual(['manager']);
    expect(names(toMany)).toEqual([
      'activities',
      'companies',
      'deals',
      'members',
      'orders',
      'people',
      'tasks',
    ]);
    expect(toMany.get('members')?.relation).toEqual({
      table: 'members',
      link: 'column',
      foreignColumn: 'manager_id',
      localColumn: 'id',
    });
  });

  it('names each of two relations from the same collection by its field', () => {
    const invoice = defineEntity({
      name: 'order',
      collection: 'invoices',
      table: 'invoices',
      extensible: false,
      fields: {
        buyerId: field.text({ references: 'person' }),
        payerId: field.text({ references: 'person' }),
      },
      input: { buyerId: z.string() },
    }) as unknown as EntityDef;
    const relations = deriveRelations([entities.person as unknown as EntityDef, invoice]);
    const toMany = relations.get('person')?.toMany as ReadonlyMap<string, { field: string }>;
    expect(names(toMany)).toEqual(['invoicesByBuyer', 'invoicesByPayer']);
    expect(toMany.get('invoicesByPayer')?.field).toBe('payerId');
  });
});
