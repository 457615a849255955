import type { CriterionOption, Stage } from '../_lib/types';

/** The protocol's criteria for this stage, inclusion first, as the reviewer weighs each record. */
export function CriteriaList({ criteria, stage, reviewId }: { criteria: CriterionOption[]; stage: Stage; reviewId: string }) {
  const groups = [
    { title: 'Include if', items: criteria.filter((c) => c.kind === 'inclusion') },
    { title: 'Exclude if', items: criteria.filter((c) => c.kind === 'exclusion') },
  ].filter((g) => g.items.length > 0);
  return (
    <section aria-labelledby="criteria-heading" className="flex flex-col gap-3">
      <h3 id="criteria-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        Criteria at {stage === 'full_text' ? 'full text' : 'title/abstract'}
      </h3>
      {groups.length === 0 && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The protocol has no criteria for this stage yet. <a href={`/reviews/${reviewId}/protocol`} className="underline underline-offset-2">Open the protocol</a>.
        </p>
      )}
      {groups.map((g) => (
        <div key={g.title}>
          <h4 className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">{g.title}</h4>
          <ul className="mt-1.5 flex flex-col gap-2">
            {g.items.map((c) => (
              <li key={c.id} className="text-sm leading-snug">
                <span className="font-medium text-zinc-900 dark:text-zinc-100">{c.label}</span>
                {c.description && <span className="mt-0.5 block text-zinc-600 dark:text-zinc-400">{c.description}</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
