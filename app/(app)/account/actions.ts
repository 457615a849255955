'use server';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { actionError, type ActionResult } from '@/lib/actions/result';
import { requireActionUser } from '@/lib/auth/session';
import { revokeApiToken } from '@/lib/db/api-tokens';
import { AppError } from '@/lib/errors';
import { createTokenSchema } from '@/lib/schemas/account';
import { createApiToken } from '@/lib/services/api-tokens';

/** Creates a personal API token; the full token is returned this once and never stored. */
export async function createTokenAction(input: z.input<typeof createTokenSchema>): Promise<ActionResult<{ token: string; name: string }>> {
  try {
    const user = await requireActionUser();
    const data = createTokenSchema.parse(input);
    const { token, summary } = await createApiToken(user.id, data.name);
    revalidatePath('/account');
    return { ok: true, token, name: summary.name };
  } catch (error) {
    return actionError(error, 'createToken');
  }
}

export async function revokeTokenAction(tokenId: string): Promise<ActionResult> {
  try {
    const user = await requireActionUser();
    if (typeof tokenId !== 'string' || !tokenId) throw new AppError('invalid', 'Choose a token to revoke.');
    // Scoped to the user: someone else's token id matches nothing.
    const revoked = await revokeApiToken(user.id, tokenId);
    if (!revoked) throw new AppError('not_found', 'That token was not found; it may already be revoked.');
    revalidatePath('/account');
    return { ok: true };
  } catch (error) {
    return actionError(error, `revokeToken token=${String(tokenId)}`);
  }
}
