import type { Migration, TableDef } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { createSchemaModel } from './schema-model';

const tags: TableDef = {
  name: 'tags',
  columns: [
    { name: 'tenant_id', type: 'text', nullable: false },
    { name: 'id', type: 'text', nullable: false },
    { name: 'name', type: 'text', nullable: false },
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [],
  foreignKeys: [],
};
const create = (version: number, table: TableDef): Migration => ({
  version,
  name: `create ${table.name}`,
  steps: [{ kind: 'createTable', table }],
});

describe('createSchemaModel', () => {
  it('folds created tables, added columns and indexes, and reports the tables touched', () => {
    const model = createSchemaModel();
    expect(model.apply(create(1, tags))).toEqual(['tags']);
    const touched = model.apply({
      version: 2,
      name: 'colour',
      steps: [
        { kind: 'addColumn', table: 'tags', column: { name: 'colour', type: 'text', nullable: true } },
        {
          kind: 'createIndex',
          table: 'tags',
          index: { name: 'tags_name', columns: ['tenant_id', 'name'], unique: true },
        },
      ],
    });
    expect(touched).toEqual(['tags']);
    expect(model.table('tags')?.columns.map((column) => column.name)).toEqual([
      'tenant_id',
      'id',
      'name',
      'colour',
    ]);
    expect(model.table('tags')?.indexes.map((index) => index.name)).toEqual(['tags_name']);
  });

  it('folds a version once', () => {
    const model = createSchemaModel();
    model.apply(create(1, tags));
    expect(model.apply(create(1, tags))).toEqual([]);
  });

  it('leaves the model unchanged when a step is refused', () => {
    const model = createSchemaModel();
    model.apply(create(1, tags));
    const refused: Migration = {
      version: 2,
      name: 'half',
      steps: [
        { kind: 'addColumn', table: 'tags', column: { name: 'colour', type: 'text', nullable: true } },
        { kind: 'addColumn', table: 'tags', column: { name: 'colour', type: 'text', nullable: true } },
      ],
    };
    expect(() => model.apply(refused)).toThrow(expect.objectContaining({ code: 'MIGRATION_FAILED' }));
    expect(model.table('tags')?.columns).toHaveLength(3);
    // Not folded: the same migration, fixed, can still be applied.
    expect(model.apply({ ...refused, steps: refused.steps.slice(0, 1) })).toEqual(['tags']);
  });

  it('checks a migration without folding it', () => {
    const model = createSchemaModel();
    model.check(create(1, tags));
    expect(model.table('tags')).toBeUndefined();
    expect(() =>
      model.check({
        version: 1,
        name: 'index',
        steps: [{ kind: 'createIndex', table: 'tags', index: { name: 'x', columns: ['id'], unique: false } }],
      }),
    ).toThrow(expect.objectContaining({ code: 'MIGRATION_FAILED' }));
  });

  it.each([
    ['a table created twice', [create(1, tags), create(2, tags)]],
    ['a table without tenant_id leading its key', [create(1, { ...tags, primaryKey: ['id', 'tenant_id'] })]],
    [
      'a nullable tenant_id',
      [
        create(1, {
          ...tags,
          columns: [{ name: 'tenant_id', type: 'text', nullable: true }, ...tags.columns.slice(1)],
        }),
      ],
    ],
    [
      'an unknown column type',
      [
        create(1, {
          ...tags,
          columns: [...tags.columns, { name: 'x', type: 'uuid' as 'text', nullable: true }],
        }),
      ],
    ],
    [
      'a column declared twice',
      [create(1, { ...tags, columns: [...tags.columns, tags.columns[2] as TableDef['columns'][number]] })],
    ],
    [
      'an index on an unknown column',
      [create(1, { ...tags, indexes: [{ name: 'i', columns: ['nope'], unique: false }] })],
    ],
    [
      'an index name used twice',
      [
        create(1, {
          ...tags,
          indexes: [
            { name: 'i', columns: ['id'], unique: false },
            { name: 'i', columns: ['name'], unique: false },
          ],
        }),
      ],
    ],
    ['a table name that is not an identifier', [create(1, { ...tags, name: 'tags; drop' })]],
    [
      'a foreign key to a missing table',
      [
        create(1, {
          ...tags,
          foreignKeys: [
            {
              name: 'fk',
              columns: ['tenant_id', 'name'],
              references: { table: 'nope', columns: ['tenant_id', 'id'] },
            },
          ],
        }),
      ],
    ],
    [
      'a foreign key to columns that are not a key',
      [
        create(1, {
          ...tags,
          foreignKeys: [
            {
              name: 'fk',
              columns: ['tenant_id', 'id'],
              references: { table: 'tags', columns: ['tenant_id', 'name'] },
            },
          ],
        }),
      ],
    ],
    [
      'a step on a missing table',
      [
        {
          version: 1,
          name: 'x',
          steps: [{ kind: 'addColumn', table: 'nope', column: { name: 'x', type: 'text', nullable: true } }],
        } as Migration,
      ],
    ],
  ])('refuses %s with MIGRATION_FAILED', (_, migrations) => {
    const model = createSchemaModel();
    expect(() => {
      for (const migration of migrations) model.apply(migration);
    }).toThrow(expect.objectContaining({ code: 'MIGRATION_FAILED' }));
  });

  it('accepts a self-reference to the primary key', () => {
    const model = createSchemaModel();
    const tree: TableDef = {
      ...tags,
      columns: [...tags.columns, { name: 'parent_id', type: 'text', nullable: true }],
      foreignKeys: [
        {
          name: 'tags_parent',
          columns: ['tenant_id', 'parent_id'],
          references: { table: 'tags', columns: ['tenant_id', 'id'] },
        },
      ],
    };
    expect(model.apply(create(1, tree))).toEqual(['tags']);
  });

  describe('makeOpaque', () => {
    const documents: TableDef = {
      ...tags,
      name: 'documents',
      columns: [...tags.columns, { name: 'body', type: 'json', nullable: true }],
    };
    const makeOpaque = (version: number, column: string): Migration => ({
      version,
      name: `opaque ${column}`,
      steps: [{ kind: 'makeOpaque', table: 'documents', column }],
    });

    it('marks a json column opaque', () => {
      const model = createSchemaModel();
      model.apply(create(1, documents));
      expect(model.apply(makeOpaque(2, 'body'))).toEqual(['documents']);
      expect(model.table('documents')?.columns.find((column) => column.name === 'body')).toEqual({
        name: 'body',
        type: 'json',
        nullable: true,
        opaque: true,
      });
    });

    it.each([
      ['a text column', 'name', 'is not json'],
      ['an unknown column', 'nope', 'unknown column nope'],
    ])('refuses %s', (_, column, message) => {
      const model = createSchemaModel();
      model.apply(create(1, documents));
      expect(() => model.apply(makeOpaque(2, column))).toThrow(message);
    });

    it('refuses an index over an opaque column, made before or after it', () => {
      const indexed = (version: number): Migration => ({
        version,
        name: 'index body',
        steps: [
          {
            kind: 'createIndex',
            table: 'documents',
            index: { name: 'documents_body', columns: ['tenant_id', 'body'], unique: false },
          },
        ],
      });
      const opaqueFirst = createSchemaModel();
      opaqueFirst.apply(create(1, documents));
      opaqueFirst.apply(makeOpaque(2, 'body'));
      expect(() => opaqueFirst.apply(indexed(3))).toThrow('covers an opaque column');
      const indexFirst = createSchemaModel();
      indexFirst.apply(create(1, documents));
      indexFirst.apply(indexed(2));
      expect(() => indexFirst.apply(makeOpaque(3, 'body'))).toThrow('an opaque column cannot be');
    });
  });
});
