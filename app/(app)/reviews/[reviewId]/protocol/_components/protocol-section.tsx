import type { ReactNode } from 'react';
import { Card, CardBody, CardHeader } from '../../../../../_components/ui/card';

/** One part of the protocol page: a card with an h3 (the review is h1, "Protocol" h2). */
export function ProtocolSection({ id, title, intro, actions, children }: { id: string; title: string; intro?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} id={id} className="scroll-mt-6">
      <Card>
        <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
          <div className="max-w-prose">
            <h3 id={`${id}-title`} className="text-base font-semibold">
              {title}
            </h3>
            {intro && <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{intro}</p>}
          </div>
          {actions}
        </CardHeader>
        <CardBody>{children}</CardBody>
      </Card>
    </section>
  );
}
