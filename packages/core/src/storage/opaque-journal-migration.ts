import type { Migration } from './schema';

/**
 * Migration 15: the audit log's changes and the outbox's payloads become opaque json. Every write appends
 * to both, and nothing looks inside them but code that reads them whole, so an engine may keep them as
 * plain JSON text (on Postgres, an import of a person no longer builds two jsonb documents besides it).
 */
export const opaqueJournalMigration: Migration = {
  version: 15,
  name: 'opaque journal',
  steps: [
    { kind: 'makeOpaque', table: 'audit_log', column: 'changes' },
    { kind: 'makeOpaque', table: 'outbox', column: 'payload' },
  ],
};
