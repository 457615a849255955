import type { Metadata } from 'next';
import Link from 'next/link';
import { stagesWithOutcomesFor } from '@/lib/services/import';
import { getProtocol } from '@/lib/services/protocol';
import { Alert } from '../../../../_components/ui/alert';
import { buttonClasses } from '../../../../_components/ui/button';
import { StageHeader } from '../_components/stage-header';
import { requireReviewPage, type ReviewPageParams } from '../_lib/review-page';
import { AgreementPanel, loadAgreement } from '../conflicts/_components/agreement-panel';
import { STAGE_IDS } from '../conflicts/_lib/format';
import { RecordsExport } from './_components/records-export';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Export' };

export default async function ExportPage({ params }: ReviewPageParams) {
  const { user, review } = await requireReviewPage((await params).reviewId, 'export');
  const isOwner = review.role === 'owner';
  const [protocol, agreements, outcomeStages] = await Promise.all([
    getProtocol(user.id, review.id),
    Promise.all(STAGE_IDS.map((s) => loadAgreement(user.id, review.id, s))),
    stagesWithOutcomesFor(user.id, review.id),
  ]);
  const reasonLabels = new Map(protocol.exclusionReasons.map((r) => [r.id, r.label]));

  return (
    <section aria-labelledby="stage-title" className="flex flex-col gap-6">
      <StageHeader title="Export">Take the review elsewhere: its records with their screening outcomes (RIS, CSV), agreement between reviewers and the audit trail.</StageHeader>

      <RecordsExport reviewId={review.id} visibleStages={outcomeStages} />

      <section aria-labelledby="audit-title" className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <h3 id="audit-title" className="text-base font-semibold">
          Audit trail
        </h3>
        <p className="max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
          Every decision and change of decision, resolution, unblinding, criterion change, import and duplicate decision, with who made it, when, and what it was before and after. Events are only ever added, never edited.
        </p>
        {isOwner ? (
          <div className="flex flex-wrap gap-2">
            <Link href={`/reviews/${review.id}/export/audit`} className={buttonClasses('primary', 'sm')}>
              Browse the audit trail
            </Link>
            <a href={`/api/v1/reviews/${review.id}/audit?format=csv`} download className={buttonClasses('secondary', 'sm')}>
              Download CSV<span className="sr-only"> of the audit trail</span>
            </a>
          </div>
        ) : (
          <Alert>The audit trail is open to the review’s owners.</Alert>
        )}
      </section>

      {STAGE_IDS.map((stage, i) => (
        <div key={stage} className="border-t border-zinc-200 pt-6 dark:border-zinc-800">
          <AgreementPanel reviewId={review.id} stage={stage} result={agreements[i]} reasonLabels={reasonLabels} />
        </div>
      ))}

    </section>
  );
}
