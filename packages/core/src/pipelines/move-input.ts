import * as z from 'zod';
import { idRef, storableString } from '../entities/values';
import { validationError } from '../errors/rapport-error';
import { toRapportIssues } from '../errors/zod-issues';

/** What `dealStages.move` takes besides the deal's id. */
export interface MoveOptions {
  /** The stage to move to: of the deal's pipeline, or of `pipelineId`. */
  readonly stageId: string;
  /** Moves the deal to a stage of another pipeline. */
  readonly pipelineId?: string;
  /** The version of the deal the caller read. A stale one gets VERSION_CONFLICT. */
  readonly version: number;
  /** Required when the stage is a lost stage: one of the pipeline's lost reasons. */
  readonly lostReason?: string;
  /** Why the deal moves (kept in the audit entry). */
  readonly reason?: string;
}

const moveSchema = z.strictObject({
  stageId: storableString().trim().min(1).max(100),
  pipelineId: idRef().optional(),
  version: z.number().int().min(1),
  lostReason: storableString().trim().min(1).max(500).optional(),
  reason: storableString().max(1000).optional(),
});

/**
 * Checks a move's options: VALIDATION_FAILED with every issue at its path.
 *
 * @example
 * ```ts
 * checkMoveOptions({ stageId: 'won', version: 3 }); // { stageId: 'won', version: 3 }
 * ```
 */
export function checkMoveOptions(options: unknown): MoveOptions {
  const parsed = moveSchema.safeParse(options ?? {});
  if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
  return parsed.data;
}

/** What `dealStages.bypassRules` takes. */
export interface BypassOptions {
  /** Why the stage rules are bypassed: kept in the audit entry of every write made under the bypass. */
  readonly reason: string;
}

const bypassSchema = z.strictObject({ reason: storableString().trim().min(1).max(1000) });

/**
 * Checks a bypass's options: a bypass without a reason is refused with VALIDATION_FAILED.
 *
 * @example
 * ```ts
 * checkBypassOptions({ reason: 'import of 2019 deals' });
 * ```
 */
export function checkBypassOptions(options: unknown): BypassOptions {
  const parsed = bypassSchema.safeParse(options ?? {});
  if (!parsed.success) throw validationError(toRapportIssues(parsed.error.issues));
  return parsed.data;
}
