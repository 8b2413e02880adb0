import type { Migration } from '../../storage/schema';
import { couponsTable, effectsTable } from './action-tables';

/** Migration 14: coupons and the records of outside effects (sent messages, coupons, webhook calls). */
export const automationActionsMigration: Migration = {
  version: 14,
  name: 'automation actions',
  steps: [
    { kind: 'createTable', table: couponsTable },
    { kind: 'createTable', table: effectsTable },
  ],
};
