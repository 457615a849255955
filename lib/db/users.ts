/** Users: accounts that sign in with email and password. */
import { notFound } from '../errors';
import { getDb } from './client';
import { uniqueOr } from './prisma-errors';

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
}

const summary = { id: true, email: true, name: true, createdAt: true } as const;

export async function createUser(input: { email: string; name: string; passwordHash: string }): Promise<UserSummary> {
  return uniqueOr(
    () => getDb().user.create({ data: input, select: summary }),
    'An account with this email already exists. Sign in instead.',
  );
}

export async function findUserByEmail(email: string): Promise<(UserSummary & { passwordHash: string }) | null> {
  return getDb().user.findUnique({ where: { email }, select: { ...summary, passwordHash: true } });
}

export async function getUser(id: string): Promise<UserSummary> {
  const user = await getDb().user.findUnique({ where: { id }, select: summary });
  if (!user) throw notFound('User');
  return user;
}

export async function findUser(id: string): Promise<UserSummary | null> {
  return getDb().user.findUnique({ where: { id }, select: summary });
}

export async function setPasswordHash(email: string, passwordHash: string): Promise<UserSummary> {
  const user = await getDb().user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw notFound(`An account for ${email}`);
  return getDb().user.update({ where: { id: user.id }, data: { passwordHash }, select: summary });
}
