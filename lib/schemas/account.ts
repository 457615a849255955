/** Account forms: shared by the react-hook-form resolvers, the server actions, the API and the CLI. */
import { z } from 'zod';

// A short list of passwords that pass the length rule yet appear at the top of every breach list.
const COMMON = new Set(['password123', 'password1234', '1234567890', 'qwertyuiop', '123456789a', 'iloveyou12', 'letmein123', 'welcome123', 'abc1234567', 'passw0rd12']);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter an email address.')
  .max(254, 'That email address is too long.')
  .email('Enter a valid email address, like name@example.org.');

export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters.')
  .max(200, 'Use at most 200 characters.')
  .refine((p) => new Set(p).size >= 5, 'Use a less repetitive password (at least 5 different characters).')
  .refine((p) => !COMMON.has(p.toLowerCase()), 'That password is too common; choose another.');

export const nameSchema = z.string().trim().min(1, 'Enter your name.').max(120, 'Use at most 120 characters.');

export const signUpSchema = z.object({ name: nameSchema, email: emailSchema, password: passwordSchema });
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password.').max(200),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, 'Name the token (what will use it).').max(100),
});
