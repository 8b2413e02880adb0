import { RapportError } from '../errors/rapport-error';

/** Who is acting: a member (one of the host's users) or the system (imports, rules, migrations). */
export interface Actor {
  readonly id: string;
  readonly kind?: 'member' | 'system';
}

/**
 * An explicit, named bypass of rules the write path enforces (a deal's stage rules), for an import or a
 * correction. Writes made under it say so in their audit entries, with the reason.
 */
export interface RuleBypass {
  readonly rules: 'stageRules';
  readonly reason: string;
}

/** The tenant and actor every call runs as. The host's own authentication supplies both. */
export interface CrmContext {
  readonly tenantId: string;
  readonly actor: Required<Actor>;
  /** Set only on the sessions that bypass rules, such as `dealStages.bypassRules({ reason })`'s. */
  readonly bypass?: RuleBypass;
  /**
   * Set only on the context an automation job runs as: how many automation runs led to its writes. The
   * outbox events of those writes carry it, so the rules they trigger run one deeper (loop protection).
   */
  readonly chainDepth?: number;
}

const bypassedRules: Record<RuleBypass['rules'], string> = { stageRules: 'Stage rules' };

/**
 * What the audit entry of a write under a bypass says, after the write's own reason if it has one.
 *
 * @example
 * ```ts
 * bypassNote({ rules: 'stageRules', reason: 'import' }, 'fix'); // 'fix; Stage rules bypassed: import'
 * ```
 */
export function bypassNote(bypass: RuleBypass, reason: string | undefined): string {
  const note = `${bypassedRules[bypass.rules]} bypassed: ${bypass.reason}`;
  return reason === undefined ? note : `${reason}; ${note}`;
}

/** What `crm.as()` takes. */
export interface ContextInput {
  readonly tenantId: string;
  readonly actor: Actor;
}

const maxIdLength = 255;

function checkId(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxIdLength) {
    throw new RapportError(
      'MISUSE',
      `${name} must be a non-empty string of at most ${maxIdLength} characters`,
    );
  }
  return value;
}

/** Checks and completes a context: a missing or blank tenant or actor is a developer error. */
export function toContext(input: ContextInput): CrmContext {
  if (typeof input !== 'object' || input === null)
    throw new RapportError('MISUSE', 'crm.as() takes { tenantId, actor }');
  const tenantId = checkId(input.tenantId, 'tenantId');
  if (typeof input.actor !== 'object' || input.actor === null)
    throw new RapportError('MISUSE', 'actor must be { id, kind? }');
  const id = checkId(input.actor.id, 'actor.id');
  const kind = input.actor.kind ?? 'member';
  if (kind !== 'member' && kind !== 'system')
    throw new RapportError('MISUSE', "actor.kind is 'member' or 'system'");
  return { tenantId, actor: { id, kind } };
}
