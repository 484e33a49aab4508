import type { Request } from '@shared/domain/requests';
import type { CoreContext } from '../context';
import { maskPersonal } from '../reports/masking';
import { masksRequesterDetails } from '../people/session';

/**
 * A request as the caller may see it: a viewer whom the officer has not granted more sees the
 * requester's contact and account masked by the reports' one masking rule.
 */
export function masked(ctx: Pick<CoreContext, 'caller'>, request: Request): Request {
  if (!masksRequesterDetails(ctx)) return request;
  return { ...request, requesterContact: maskPersonal(request.requesterContact), accountRef: maskPersonal(request.accountRef) };
}
