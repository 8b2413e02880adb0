import type { Condition, Relation } from '../storage/condition';

/** A relation a condition reads, and the relations its `where` reads from the related rows. */
export interface RelationNode {
  readonly relation: Relation;
  readonly children: RelationTree;
}

/** The relations a set of conditions reads, one node per distinct relation at each level. */
export type RelationTree = ReadonlyMap<string, RelationNode>;

const keyOf = (relation: Relation) =>
  `${relation.table}\u0000${relation.link}\u0000${relation.foreignColumn}\u0000${relation.localColumn}`;

interface GrowingNode {
  readonly relation: Relation;
  readonly children: Map<string, GrowingNode>;
}

function addTo(tree: Map<string, GrowingNode>, condition: Condition): void {
  switch (condition.kind) {
    case 'and':
    case 'or':
      for (const member of condition.conditions) addTo(tree, member);
      return;
    case 'not':
      addTo(tree, condition.condition);
      return;
    case 'related': {
      const key = keyOf(condition.relation);
      let node = tree.get(key);
      if (node === undefined) {
        node = { relation: condition.relation, children: new Map() };
        tree.set(key, node);
      }
      if (condition.where !== undefined) addTo(node.children, condition.where);
      return;
    }
    default:
      return;
  }
}

/**
 * The relations `conditions` read, merged into one tree: what to fetch for a record so that they can be
 * evaluated in memory, and nothing more.
 *
 * @example
 * ```ts
 * relationTree([bigSpenders, inTheNorth]);
 * // orders (person_id = id), companies (id = company_id)
 * ```
 */
export function relationTree(conditions: Iterable<Condition>): RelationTree {
  const tree = new Map<string, GrowingNode>();
  for (const condition of conditions) addTo(tree, condition);
  return tree;
}

/** Every table a relation tree reaches, at any depth. */
export function tablesOf(tree: RelationTree): Set<string> {
  const tables = new Set<string>();
  const visit = (nodes: RelationTree) => {
    for (const node of nodes.values()) {
      tables.add(node.relation.table);
      visit(node.children);
    }
  };
  visit(tree);
  return tables;
}
