import type { ReactNode } from 'react';
import { EmptyState } from '../../../../_components/ui/empty-state';
import { StageHeader } from './stage-header';

/** A stage whose tools are not built yet: says what will happen here, shows no made-up data. */
export function ComingStage({ title, intro, emptyTitle, children }: { title: string; intro: string; emptyTitle: string; children: ReactNode }) {
  return (
    <section aria-labelledby="stage-title" className="flex flex-col gap-6">
      <StageHeader title={title}>{intro}</StageHeader>
      <EmptyState title={emptyTitle}>{children}</EmptyState>
    </section>
  );
}
