import { hasHighUnits } from './compare-text';
import type { SourcedPredicate } from './compile-related';
import type { Condition, FieldRef, Operand, Scalar } from './condition';
import { monthDayOf } from './read-operand';
import { valueKindOf } from './value-kind';

/*
 * Conditions that run over many rows (the memory adapter's lists, segment membership, automation rules)
 * are turned into one JavaScript function made from source, as JSON schema validators do: the engine
 * inlines the whole tree instead of calling a closure per node and per field read. Only validated
 * conditions reach this file (the closure compiler checks them first), and the source it writes holds no
 * caller text: values are JSON literals, and anything else (field names that are not plain identifiers,
 * sets, helper functions) is passed in through the constants array. Leaves with a subtle rule (folded
 * case, code-point order of texts beyond U+D7FF, related records) call their compiled closure.
 */

/** A leaf's compiled closure, for the leaves the generated source hands back to. */
export type FallbackCompiler = (condition: Condition) => SourcedPredicate;

/** Values of an `in` list up to this size are compared one by one; larger lists use a Set. */
const inlineMembers = 8;

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * The source of one generated function under construction: its constants and its leaf functions. Every
 * function it makes takes `(row, related, fact)`; a leaf that reads only the row ignores the rest.
 */
export class PredicateSource {
  readonly constants: unknown[] = [];
  readonly #leaves: string[] = [];

  /** An expression that reads `value` from the constants. */
  constant(value: unknown): string {
    this.constants.push(value);
    return `c[${this.constants.length - 1}]`;
  }

  /** Adds a leaf function with `body`, and returns the expression that calls it. */
  leaf(body: string): string {
    const name = `t${this.#leaves.length}`;
    this.#leaves.push(`function ${name}(row, related, fact) {\n${body}\n}`);
    return `${name}(row, related, fact)`;
  }

  /** The expression of a validated condition over `row`; leaves it cannot write call their closure. */
  expression(condition: Condition, fallback: FallbackCompiler): string {
    return expression(condition, this, fallback);
  }

  /**
   * The function: `prelude` statements, then `return body`. Undefined where the platform forbids
   * functions made from source (a Content-Security-Policy without `unsafe-eval`).
   */
  build<F>(parameters: string, prelude: string, body: string): F | undefined {
    if (!canGenerate()) return undefined;
    const text = `"use strict";\n${this.#leaves.join('\n')}\nreturn function generated(${parameters}) {\n${prelude}\n  return ${body};\n};`;
    return new Function('c', text)(this.constants) as F;
  }
}

/**
 * Generates a predicate for a validated condition, or returns undefined where the platform forbids
 * functions made from source (a Content-Security-Policy without `unsafe-eval`).
 *
 * @example
 * ```ts
 * const test = generatePredicate(condition, (leaf) => compileLeaf(leaf)) ?? compileLeaf(condition);
 * rows.filter((row) => test(row, undefined));
 * ```
 */
export function generatePredicate(
  condition: Condition,
  fallback: FallbackCompiler,
): SourcedPredicate | undefined {
  if (!canGenerate()) return undefined;
  const source = new PredicateSource();
  const body = source.expression(condition, fallback);
  return source.build<SourcedPredicate>('row, related, fact', '', body);
}

let generationWorks: boolean | undefined;

function canGenerate(): boolean {
  if (generationWorks === undefined) {
    try {
      generationWorks = new Function('return true')() === true;
    } catch {
      generationWorks = false;
    }
  }
  return generationWorks;
}

function expression(condition: Condition, source: PredicateSource, fallback: FallbackCompiler): string {
  switch (condition.kind) {
    case 'and':
    case 'or': {
      if (condition.conditions.length === 0) return condition.kind === 'and' ? 'true' : 'false';
      const members = condition.conditions.map((member) => expression(member, source, fallback));
      return `(${members.join(condition.kind === 'and' ? ' && ' : ' || ')})`;
    }
    case 'not':
      return `!${expression(condition.condition, source, fallback)}`;
    default: {
      const body = leafBody(condition, source);
      return body === undefined ? `${source.constant(fallback(condition))}(row, related)` : source.leaf(body);
    }
  }
}

/** The body of a leaf's function, or undefined when the leaf keeps its closure. */
function leafBody(condition: Condition, source: PredicateSource): string | undefined {
  switch (condition.kind) {
    case 'compare':
      return compareBody(condition, source);
    case 'in':
      return inBody(condition, source);
    case 'text':
      if (condition.caseInsensitive && condition.field.type === 'text') return undefined;
      return `${read(condition.field, source)}\n  return v !== null && v.${textMethod[condition.op]}(${literal(condition.value)});`;
    case 'null':
      return `${read(condition.field, source)}\n  return v ${condition.negate ? '!==' : '==='} null;`;
    case 'empty': {
      const isEmpty = `(v === null || v === '' || (Array.isArray(v) && v.length === 0))`;
      return `${read(condition.field, source)}\n  return ${condition.negate ? '!' : ''}${isEmpty};`;
    }
    case 'has':
      return hasBody(condition, source);
    default:
      return undefined;
  }
}

const textMethod = { contains: 'includes', startsWith: 'startsWith', endsWith: 'endsWith' } as const;

const orderSymbol = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

function compareBody(
  condition: Extract<Condition, { kind: 'compare' }>,
  source: PredicateSource,
): string | undefined {
  const { field, op, value } = condition;
  if (op === 'eq' || op === 'ne') {
    if (condition.caseInsensitive && field.type === 'text') return undefined;
    return `${read(field, source)}\n  return v ${op === 'eq' ? '===' : '!=='} ${literal(value)};`;
  }
  // Code-unit order, which `<` uses, equals code-point order against a text below U+D800 throughout.
  if (typeof value === 'string' && hasHighUnits(value)) return undefined;
  return `${read(field, source)}\n  return v !== null && v ${orderSymbol[op]} ${literal(value)};`;
}

function inBody(condition: Extract<Condition, { kind: 'in' }>, source: PredicateSource): string | undefined {
  const { field, values, negate } = condition;
  if (condition.caseInsensitive && field.type === 'text') return undefined;
  const isMember =
    values.length === 0
      ? 'false'
      : values.length <= inlineMembers
        ? values.map((value) => `v === ${literal(value)}`).join(' || ')
        : `(v !== null && ${source.constant(new Set<unknown>(values))}.has(v))`;
  return `${read(field, source)}\n  return ${negate ? '!' : ''}(${isMember});`;
}

function hasBody(condition: Extract<Condition, { kind: 'has' }>, source: PredicateSource): string {
  const wanted = [...new Set(condition.values)];
  const includes = wanted.map((value) => `v.includes(${literal(value)})`);
  const test =
    condition.mode === 'any'
      ? includes.length === 0
        ? 'false'
        : includes.join(' || ')
      : includes.length === 0
        ? 'true'
        : includes.join(' && ');
  return `${read(condition.field, source)}\n  return v !== null && (${test});`;
}

/** Statements that leave the field's typed value (or null) in `v`, as `compileFieldReader` reads it. */
function read(field: FieldRef, source: PredicateSource): string {
  const lines = [`  let v = ${column(field.operand, source)};`];
  if (field.operand.kind === 'jsonPath') {
    for (const key of field.operand.path) {
      const property = propertyAccess('v', key, source);
      const keyText = identifier.test(key) ? literal(key) : source.constant(key);
      lines.push(
        `  v = typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, ${keyText}) ? ${property} : null;`,
      );
    }
  }
  if (field.operand.part === 'monthDay') lines.push(`  v = ${source.constant(monthDayOf)}(v);`);
  lines.push(`  if (!(${typeCheck(field)})) v = null;`);
  return lines.join('\n');
}

function column(operand: Operand, source: PredicateSource): string {
  return propertyAccess('row', operand.column, source);
}

function propertyAccess(object: string, key: string, source: PredicateSource): string {
  return identifier.test(key) ? `${object}.${key}` : `${object}[${source.constant(key)}]`;
}

function typeCheck(field: FieldRef): string {
  switch (valueKindOf(field.type)) {
    case 'number':
      return `typeof v === 'number' && Number.isFinite(v)`;
    case 'boolean':
      return `typeof v === 'boolean'`;
    case 'list':
      return 'Array.isArray(v)';
    default:
      return `typeof v === 'string'`;
  }
}

function literal(value: Scalar): string {
  // Validated values are strings, finite numbers or booleans; JSON writes each as a JavaScript literal.
  return JSON.stringify(value);
}
