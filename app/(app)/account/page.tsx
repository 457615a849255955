import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { requirePageUser } from '@/lib/auth/session';
import { listApiTokens } from '@/lib/db/api-tokens';
import { Card, CardBody } from '../../_components/ui/card';
import { formatDate } from '../../_components/format-date';
import { CreateTokenForm } from './_components/create-token-form';
import { TokenTable } from './_components/token-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const user = await requirePageUser('/account');
  const tokens = await listApiTokens(user.id);

  return (
    <div className="flex max-w-4xl flex-col gap-10">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Your profile and the tokens that let scripts use Sieve on your behalf.</p>
      </div>

      <section aria-labelledby="profile" className="flex flex-col gap-3">
        <h2 id="profile" className="text-lg font-semibold">
          Profile
        </h2>
        <Card>
          <CardBody>
            <dl className="grid gap-4 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-zinc-600 dark:text-zinc-400">Name</dt>
                <dd className="mt-1 font-medium">{user.name}</dd>
              </div>
              <div>
                <dt className="text-zinc-600 dark:text-zinc-400">Email</dt>
                <dd className="mt-1 font-medium break-all">{user.email}</dd>
              </div>
              <div>
                <dt className="text-zinc-600 dark:text-zinc-400">Member since</dt>
                <dd className="mt-1 font-medium">
                  <time dateTime={user.createdAt.toISOString()}>{formatDate(user.createdAt)}</time>
                </dd>
              </div>
            </dl>
          </CardBody>
        </Card>
      </section>

      <section aria-labelledby="api-tokens" className="flex flex-col gap-4">
        <div>
          <h2 id="api-tokens" className="text-lg font-semibold">
            API tokens
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            A token acts as you, with your access to every review you belong to. Create one per script or tool, and revoke it when no
            longer needed.
          </p>
        </div>
        <CreateTokenForm />
        <TokenTable
          tokens={tokens.map((t) => ({ id: t.id, name: t.name, prefix: t.prefix, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null }))}
        />
        <ApiHint origin={await requestOrigin()} />
      </section>
    </div>
  );
}

/** This server's address as the browser reached it, so the example works when copied. */
async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host');
  if (!host || !/^[\w.:[\]-]+$/.test(host)) return 'http://localhost:3000';
  const proto = h.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}

function ApiHint({ origin }: { origin: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800">
      <h3 className="font-semibold">Using the API</h3>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">Send the token in the Authorization header, for example:</p>
      <pre className="mt-3 overflow-x-auto rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100" tabIndex={0}>
        <code>curl -H &quot;Authorization: Bearer &lt;token&gt;&quot; {origin}/api/v1/reviews</code>
      </pre>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">
        Every endpoint is described in the{' '}
        <a href="/api/v1/openapi.json" className="font-medium text-accent-700 underline underline-offset-2 hover:no-underline dark:text-accent-300">
          OpenAPI document
        </a>
        .
      </p>
    </div>
  );
}
