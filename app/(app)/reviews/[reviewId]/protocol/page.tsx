import type { Metadata } from 'next';
import { criteriaWithoutReason } from '@/lib/domain/protocol/reasons-from-criteria';
import { termsToText } from '@/lib/domain/protocol/highlight-terms';
import type { ProtocolTextField } from '@/lib/domain/protocol/types';
import { getProtocol, listProtocolHistory, type ProtocolView } from '@/lib/services/protocol';
import { Alert } from '../../../../_components/ui/alert';
import { Badge } from '../../../../_components/ui/badge';
import { StageHeader } from '../_components/stage-header';
import { requireReviewPage, type ReviewPageParams } from '../_lib/review-page';
import { CriteriaEditor } from './_components/criteria-editor';
import { HighlightForm } from './_components/highlight-form';
import { PicosForm } from './_components/picos-form';
import { PriorityList } from './_components/priority-list';
import { ProtocolHistory } from './_components/protocol-history';
import { CriteriaList, FieldList, ReasonsList, TermLists } from './_components/protocol-read-only';
import { ProtocolSection } from './_components/protocol-section';
import { QuestionForm } from './_components/question-form';
import { ReasonsEditor } from './_components/reasons-editor';
import { ScreeningGuard } from './_components/screening-guard';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Protocol' };

const QUESTION_FIELDS: ProtocolTextField[] = ['question', 'registry', 'registrationId', 'registrationUrl', 'notes'];
const PICOS_FIELDS: ProtocolTextField[] = ['population', 'intervention', 'comparator', 'outcomes', 'studyDesigns', 'setting', 'languages', 'dateLimits'];

const pick = (p: ProtocolView, fields: ProtocolTextField[]) => Object.fromEntries(fields.map((f) => [f, p[f]]));

export default async function ProtocolPage({ params }: ReviewPageParams) {
  const { user, review } = await requireReviewPage((await params).reviewId, 'protocol');
  const [protocol, history] = await Promise.all([getProtocol(user.id, review.id), listProtocolHistory(user.id, review.id, { limit: 50 })]);
  const isOwner = review.role === 'owner';
  const exclusionCriteria = protocol.criteria.filter((c) => c.kind === 'exclusion' && !c.isRetired).map((c) => ({ id: c.id, label: c.label }));
  const missingReasons = criteriaWithoutReason(protocol.criteria, protocol.exclusionReasons).length;

  return (
    <section aria-labelledby="stage-title" className="flex flex-col gap-6">
      <StageHeader title="Protocol" actions={<Badge tone="accent">Version {protocol.version}</Badge>}>
        The plan the team screens against. Every saved change becomes a new version, and each decision records the version it was made under.
      </StageHeader>
      {!isOwner && <Alert tone="info">Only owners edit the protocol. Ask an owner if something should change.</Alert>}
      {isOwner && protocol.screeningWarning && <Alert tone="warning" title="Screening has started">{protocol.screeningWarning}</Alert>}

      <ScreeningGuard warning={isOwner ? protocol.screeningWarning : null}>
        <ProtocolSection id="question" title="Question and registration" intro="What the review asks, and where its protocol is registered.">
          {isOwner ? <QuestionForm reviewId={review.id} defaults={pick(protocol, QUESTION_FIELDS)} version={protocol.version} /> : <FieldList protocol={protocol} fields={QUESTION_FIELDS} />}
        </ProtocolSection>

        <ProtocolSection id="picos" title="PICOS" intro="Population, intervention or exposure, comparator, outcomes and study designs, with setting, languages and dates.">
          {isOwner ? <PicosForm reviewId={review.id} defaults={pick(protocol, PICOS_FIELDS)} version={protocol.version} /> : <FieldList protocol={protocol} fields={PICOS_FIELDS} />}
        </ProtocolSection>

        <ProtocolSection id="criteria" title="Eligibility criteria" intro="Shown beside each record, for the stages they apply to. Once screening starts, criteria are retired rather than deleted.">
          {isOwner ? <CriteriaEditor reviewId={review.id} criteria={protocol.criteria} canDelete={protocol.decisionsCount === 0} /> : <CriteriaList protocol={protocol} />}
        </ProtocolSection>

        <ProtocolSection id="reasons" title="Exclusion reasons" intro="The reasons reviewers choose from when they exclude a full text, in the order the form shows them.">
          {isOwner ? (
            <div className="flex flex-col gap-6">
              <ReasonsEditor reviewId={review.id} reasons={protocol.exclusionReasons} criteria={exclusionCriteria} missingCount={missingReasons} warning={protocol.screeningWarning} />
              <PriorityList reviewId={review.id} reasons={protocol.exclusionReasons} />
            </div>
          ) : (
            <ReasonsList protocol={protocol} />
          )}
        </ProtocolSection>

        <ProtocolSection id="highlights" title="Highlight terms" intro="Coloured in titles and abstracts on the screening screen: a cue for the reader, never a decision.">
          {isOwner ? (
            <HighlightForm
              reviewId={review.id}
              defaults={{ highlightInclude: termsToText(protocol.highlightInclude), highlightExclude: termsToText(protocol.highlightExclude) }}
              version={protocol.version}
            />
          ) : (
            <TermLists protocol={protocol} />
          )}
        </ProtocolSection>
      </ScreeningGuard>

      <ProtocolSection id="history" title="History" intro="Who saved each version, when, and what changed.">
        <ProtocolHistory versions={history.items} total={history.total} />
      </ProtocolSection>
    </section>
  );
}
