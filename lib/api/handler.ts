/**
 * Wraps every /api/v1 route handler: authenticates, awaits route params, and turns errors into the
 * API's JSON error shape. A handler then reads as: parse input, call one service, return JSON.
 */
import type { NextResponse } from 'next/server';
import type { UserSummary } from '../db/users';
import { requireApiUser } from '../auth/session';
import { errorResponse } from './respond';

type Params = Record<string, string>;
type Ctx<P extends Params> = { params: Promise<P> };

export function apiRoute<P extends Params = Params>(
  handler: (args: { request: Request; user: UserSummary; params: P }) => Promise<NextResponse | Response>,
) {
  return async (request: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      const user = await requireApiUser(request);
      return await handler({ request, user, params: await ctx.params });
    } catch (error) {
      return errorResponse(error, `${request.method} ${new URL(request.url).pathname}`);
    }
  };
}
