import type { HandlersOf } from '../handlers.types';
import { previewPolicy } from './policy-document';
import { getClause, importPolicy, listClauses, listVersions, setClausePromise } from './policy.service';

export const policyHandlers: HandlersOf<'policy:'> = {
  'policy:preview': (input) => previewPolicy(input),
  'policy:import': (input, ctx) => importPolicy(ctx, input),
  'policy:versions': (_input, ctx) => listVersions(ctx.db),
  'policy:clauses': (input, ctx) => listClauses(ctx.db, input),
  'policy:clause': (input, ctx) => getClause(ctx.db, input),
  'policy:setPromise': (input, ctx) => setClausePromise(ctx, input),
};
