/**
 * Who sees what (数据权限): a unit's users see their unit; a department sees itself and its units;
 * a finance bureau sees its region and everything under it; a third-party evaluator sees only the
 * evaluations assigned to it; an admin sees everything. As SQL predicates over an evaluation `e`
 * and an organisation `o`, with the user's organisation as the parameter.
 */
import type { Role } from '../auth/index.ts';

export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  organisationId: number | null;
}

/** A predicate on organisations alias `o` (by id) the actor may see, using parameter `$n`. */
export function organisationScope(actor: Actor, n: number): { sql: string; params: unknown[] } {
  const p = `$${String(n)}`;
  switch (actor.role) {
    case 'admin':
      return { sql: 'true', params: [] };
    case 'unit':
      return { sql: `o.id = ${p}`, params: [actor.organisationId] };
    case 'department':
      return { sql: `(o.id = ${p} or o.parent_id = ${p})`, params: [actor.organisationId] };
    case 'finance':
      return {
        sql: `exists (select 1 from organisations f where f.id = ${p} and left(o.region, length(f.region)) = f.region)`,
        params: [actor.organisationId],
      };
    case 'evaluator':
      return {
        sql: `exists (select 1 from assignments a join evaluations x on x.id = a.evaluation_id
                       where a.organisation_id = ${p} and x.organisation_id = o.id)`,
        params: [actor.organisationId],
      };
  }
}

/** A predicate on evaluations alias `e` (joined with its organisation `o`) the actor may see. */
export function evaluationScope(actor: Actor, n: number): { sql: string; params: unknown[] } {
  if (actor.role === 'evaluator')
    return {
      sql: `exists (select 1 from assignments a where a.evaluation_id = e.id and a.organisation_id = $${String(n)})`,
      params: [actor.organisationId],
    };
  return organisationScope(actor, n);
}
