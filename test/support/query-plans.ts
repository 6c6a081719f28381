import type { DataSource } from 'typeorm';

/** One node of an `EXPLAIN (FORMAT JSON)` plan, with the fields the specs look at. */
export interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** Every node of the plan PostgreSQL would run `statement` with now, outermost first. */
export async function planNodes(db: DataSource, statement: string, params: unknown[]): Promise<PlanNode[]> {
  const [{ 'QUERY PLAN': [plan] }] = (await db.query(`EXPLAIN (FORMAT JSON) ${statement}`, params)) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
  return nodesOf(plan.Plan);
}
