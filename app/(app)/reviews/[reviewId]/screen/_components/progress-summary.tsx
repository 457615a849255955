import type { ProgressView } from '../_lib/types';

/** Screened by you / still needed from you / total, and how the stage is run. */
export function ProgressSummary({ progress, label = 'Your progress' }: { progress: ProgressView; label?: string }) {
  const { screenedByMe, neededFromMe, total, requiredDecisions, isBlinded } = progress;
  const done = screenedByMe + neededFromMe;
  const percent = done === 0 ? 100 : Math.round((screenedByMe / done) * 100);
  return (
    <section aria-label={label} className="flex flex-col gap-2">
      <dl className="grid grid-cols-3 gap-2 text-center">
        <Count term="Screened by you" value={screenedByMe} />
        <Count term="Still needed from you" value={neededFromMe} />
        <Count term="Total at this stage" value={total} />
      </dl>
      <div aria-hidden="true" className="h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
        <div className="h-full rounded-full bg-accent-600 transition-[width] dark:bg-accent-400" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {requiredDecisions === 1 ? 'One decision per record' : `${requiredDecisions} independent decisions per record`}
        {' · '}
        {isBlinded ? 'Blinded: you see only your own decisions' : 'Not blinded'}
      </p>
    </section>
  );
}

function Count({ term, value }: { term: string; value: number }) {
  return (
    <div className="flex flex-col-reverse rounded-md bg-zinc-100 px-2 py-2 dark:bg-zinc-800/60">
      <dt className="text-xs leading-tight text-zinc-600 dark:text-zinc-400">{term}</dt>
      <dd className="text-lg font-semibold text-zinc-900 tabular-nums dark:text-zinc-50">{value.toLocaleString('en')}</dd>
    </div>
  );
}
