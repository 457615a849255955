'use client';
import { UNEXPECTED_MESSAGE } from '@/lib/actions/result';
import { formatDate } from '../../../_components/format-date';
import { Button } from '../../../_components/ui/button';
import { ConfirmDialog } from '../../../_components/ui/confirm-dialog';
import { EmptyState } from '../../../_components/ui/empty-state';
import { Table, TBody, TD, TH, THead, TR } from '../../../_components/ui/table';
import { revokeTokenAction } from '../actions';

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export function TokenTable({ tokens }: { tokens: TokenRow[] }) {
  if (tokens.length === 0) {
    return <EmptyState title="No API tokens">Tokens you create are listed here, with when each was last used.</EmptyState>;
  }
  return (
    <Table label="Your API tokens">
      <THead>
        <TR>
          <TH>Name</TH>
          <TH>Token</TH>
          <TH>Created</TH>
          <TH>Last used</TH>
          <TH>
            <span className="sr-only">Actions</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {tokens.map((t) => (
          <TR key={t.id}>
            <TD className="font-medium">{t.name}</TD>
            <TD className="font-mono text-xs text-zinc-700 dark:text-zinc-300">{t.prefix}…</TD>
            <TD>{formatDate(new Date(t.createdAt))}</TD>
            <TD>{t.lastUsedAt ? formatDate(new Date(t.lastUsedAt)) : 'Never'}</TD>
            <TD className="text-right">
              <ConfirmDialog
                trigger={
                  <Button variant="danger-ghost" size="sm">
                    Revoke<span className="sr-only"> {t.name}</span>
                  </Button>
                }
                title={`Revoke “${t.name}”?`}
                description="Anything using this token stops working at once. This cannot be undone; create a new token if needed."
                confirmLabel="Revoke token"
                onConfirm={async () => {
                  try {
                    const result = await revokeTokenAction(t.id);
                    return result.ok ? null : (result.formError ?? UNEXPECTED_MESSAGE);
                  } catch {
                    return UNEXPECTED_MESSAGE;
                  }
                }}
              />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
