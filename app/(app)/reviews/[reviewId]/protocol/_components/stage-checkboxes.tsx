'use client';
import { useId } from 'react';
import { STAGES, STAGE_LABEL, type Stage } from '@/lib/domain/protocol/types';

/** The stages a criterion applies to, as a fieldset of checkboxes (at least one, checked by the schema). */
export function StageCheckboxes({ value, onChange, error }: { value: readonly Stage[]; onChange: (stages: Stage[]) => void; error?: string }) {
  const errorId = useId();
  return (
    <fieldset aria-describedby={error ? errorId : undefined} className="flex flex-col gap-2">
      <legend className="text-sm font-medium text-zinc-900 dark:text-zinc-100">Applies at</legend>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        {STAGES.map((stage) => (
          <label key={stage} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-accent-600"
              checked={value.includes(stage)}
              aria-invalid={error ? true : undefined}
              onChange={(e) => onChange(e.target.checked ? STAGES.filter((s) => s === stage || value.includes(s)) : value.filter((s) => s !== stage))}
            />
            {STAGE_LABEL[stage]}
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}
