import { FIELD_LABEL, type ProtocolTextField } from '@/lib/domain/protocol/types';
import type { ProtocolView } from '@/lib/services/protocol';
import { Badge } from '../../../../../_components/ui/badge';
import { cx } from '../../../../../_components/ui/cx';
import { KindBadge, stagesText } from './kind-badge';

/** Field values as a definition list; empty fields say so. */
export function FieldList({ protocol, fields }: { protocol: ProtocolView; fields: ProtocolTextField[] }) {
  return (
    <dl className="grid gap-x-6 gap-y-4 md:grid-cols-2">
      {fields.map((f) => (
        <div key={f} className={cx(['question', 'notes'].includes(f) && 'md:col-span-2')}>
          <dt className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{FIELD_LABEL[f]}</dt>
          <dd className="mt-1 text-sm whitespace-pre-line text-zinc-700 dark:text-zinc-300">
            {f === 'registrationUrl' && protocol[f] ? (
              <a href={protocol[f]} className="text-accent-700 underline dark:text-accent-300" rel="noreferrer noopener" target="_blank">
                {protocol[f]}
              </a>
            ) : (
              protocol[f] || <span className="text-zinc-600 italic dark:text-zinc-400">Not stated</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function CriteriaList({ protocol }: { protocol: ProtocolView }) {
  if (protocol.criteria.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No criteria yet.</p>;
  return (
    <ol className="flex flex-col gap-3">
      {protocol.criteria.map((c, i) => (
        <li key={c.id} className={cx(c.isRetired && 'opacity-70')}>
          <p className="font-medium [&>*+*]:ml-1.5 [&>.inline-flex]:align-middle">
            <span className="text-zinc-600 tabular-nums dark:text-zinc-400">{i + 1}.</span>
            <span className={cx(c.isRetired && 'line-through')}>{c.label}</span> <KindBadge kind={c.kind} />
            {c.isRetired && <Badge>Retired</Badge>}
          </p>
          {c.description && <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{c.description}</p>}
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Applies at {stagesText(c.stages).toLowerCase()}</p>
        </li>
      ))}
    </ol>
  );
}

export function ReasonsList({ protocol }: { protocol: ProtocolView }) {
  const standard = protocol.exclusionReasons.filter((r) => r.kind === 'standard');
  const system = protocol.exclusionReasons.find((r) => r.kind === 'not_retrieved');
  return (
    <div className="flex flex-col gap-3">
      {standard.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">No exclusion reasons yet.</p>}
      <ol className="flex flex-col gap-2">
        {standard.map((r, i) => (
          <li key={r.id} className={cx('text-sm', r.isRetired && 'opacity-70')}>
            <span className="text-zinc-600 tabular-nums dark:text-zinc-400">{i + 1}.</span> <span className={cx('font-medium', r.isRetired && 'line-through')}>{r.label}</span>{' '}
            <Badge tone="accent">Priority {r.priority}</Badge> {r.isRetired && <Badge>Retired</Badge>}
            {r.description && <span className="block text-zinc-700 dark:text-zinc-300">{r.description}</span>}
          </li>
        ))}
      </ol>
      {system && (
        <p className="text-sm">
          <span className="font-medium">{system.label}</span> <Badge>Built in</Badge>
          <span className="block text-zinc-700 dark:text-zinc-300">{system.description}</span>
        </p>
      )}
    </div>
  );
}

export function TermLists({ protocol }: { protocol: ProtocolView }) {
  const lists = [
    { title: 'Inclusion terms (green)', terms: protocol.highlightInclude, tone: 'success' as const },
    { title: 'Exclusion terms (red)', terms: protocol.highlightExclude, tone: 'neutral' as const },
  ];
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {lists.map((l) => (
        <div key={l.title}>
          <h4 className="text-sm font-medium">{l.title}</h4>
          {l.terms.length === 0 ? (
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">None</p>
          ) : (
            <ul className="mt-2 flex flex-wrap gap-1.5">
              {l.terms.map((t) => (
                <li key={t}>
                  <Badge tone={l.tone}>{t}</Badge>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
