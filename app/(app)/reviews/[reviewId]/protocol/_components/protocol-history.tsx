import type { ProtocolVersionSummary } from '@/lib/services/protocol';
import { Table, TBody, TD, TH, THead, TR } from '../../../../../_components/ui/table';

const WHEN = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const SHOWN = 3;

/** Every saved version: who, when (UTC), and what changed since the one before. */
export function ProtocolHistory({ versions, total }: { versions: ProtocolVersionSummary[]; total: number }) {
  if (versions.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No versions saved yet.</p>;
  return (
    <div className="flex flex-col gap-2">
      <Table label="Protocol versions">
        <THead>
          <TR>
            <TH>Version</TH>
            <TH>Saved (UTC)</TH>
            <TH>By</TH>
            <TH>What changed</TH>
          </TR>
        </THead>
        <TBody>
          {versions.map((v) => (
            <TR key={v.version}>
              <TD className="font-medium tabular-nums">{v.version}</TD>
              <TD className="whitespace-nowrap">
                <time dateTime={v.createdAt.toISOString()}>{WHEN.format(v.createdAt)}</time>
              </TD>
              <TD className="whitespace-nowrap">{v.createdBy.name}</TD>
              <TD>
                <Changes lines={v.changes} />
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      {total > versions.length && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Showing the latest {versions.length} of {total} versions; the API lists them all (GET /api/v1/reviews/…/protocol/versions).
        </p>
      )}
    </div>
  );
}

function Changes({ lines }: { lines: string[] }) {
  if (lines.length === 0) return <span className="text-zinc-600 dark:text-zinc-400">No visible changes</span>;
  const list = (items: string[]) => (
    <ul className="list-disc space-y-0.5 pl-4">
      {items.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
  if (lines.length <= SHOWN + 1) return list(lines);
  return (
    <div>
      {list(lines.slice(0, SHOWN))}
      <details className="mt-1">
        <summary className="cursor-pointer text-sm text-accent-700 dark:text-accent-300">{lines.length - SHOWN} more changes</summary>
        {list(lines.slice(SHOWN))}
      </details>
    </div>
  );
}
