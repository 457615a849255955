'use server';
import { actionError, type ActionResult } from '@/lib/actions/result';
import { signUpSchema, type SignUpInput } from '@/lib/schemas/account';
import { signUp } from '@/lib/services/accounts';

/** Creates the account; the form then signs in through next-auth. No user yet, nothing to revalidate. */
export async function signUpAction(input: SignUpInput): Promise<ActionResult> {
  try {
    const data = signUpSchema.parse(input);
    await signUp(data);
    return { ok: true };
  } catch (error) {
    // The only conflict is a taken email: show it on the email field.
    return actionError(error, 'signUp', { fieldFor: { conflict: 'email' } });
  }
}
