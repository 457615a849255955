import { assignmentCounts, getStageSettings } from '@/lib/services/dual-screening';
import { Badge } from '../../../../../_components/ui/badge';
import { Card, CardBody, CardHeader } from '../../../../../_components/ui/card';
import { Table, TBody, TD, TH, THead, TR } from '../../../../../_components/ui/table';
import { formatDateTime, STAGE_IDS, STAGE_LABEL } from '../../conflicts/_lib/format';
import { AssignForm } from './assign-form';
import { BlindingControl } from './blinding-control';
import { StageSettingsForm } from './stage-settings-form';

interface Member {
  userId: string;
  name: string;
  role: string;
}

const DEFAULTS = { requiredDecisions: 2, isBlinded: true, hasChecklist: false, unblindedAt: null as Date | null, unblindedById: null as string | null };

/** Settings > Screening stages: decisions per record, blinding and checklist per stage; owners edit, others read. */
export async function ScreeningStages({ userId, reviewId, isOwner, members }: { userId: string; reviewId: string; isOwner: boolean; members: Member[] }) {
  const settings = await getStageSettings(userId, reviewId);
  const nameOf = new Map(members.map((m) => [m.userId, m.name]));
  return (
    <div className="flex flex-col gap-3">
      <div>
        <h3 id="stages-title" className="text-base font-semibold">
          Screening stages
        </h3>
        <p className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
          How many reviewers decide each record on their own, and whether they see each other’s decisions. {isOwner ? '' : 'Only owners change these.'}
        </p>
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        {STAGE_IDS.map((stage) => {
          const s = { ...DEFAULTS, ...settings.find((x) => x.stage === stage) };
          const label = STAGE_LABEL[stage];
          const headingId = `stage-${stage}-title`;
          return (
            <section key={stage} aria-labelledby={headingId}>
              <Card className="h-full">
                <CardHeader>
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <h4 id={headingId} className="text-sm font-semibold">
                      {label}
                    </h4>
                    {s.isBlinded ? <Badge tone="accent">Blinded</Badge> : <Badge>Not blinded</Badge>}
                  </div>
                </CardHeader>
                <CardBody className="flex flex-col gap-5">
                  {isOwner ? (
                    <StageSettingsForm reviewId={reviewId} stage={stage} stageLabel={label} defaults={{ requiredDecisions: s.requiredDecisions, hasChecklist: s.hasChecklist }} />
                  ) : (
                    <dl className="grid gap-3 text-sm sm:grid-cols-2">
                      <div>
                        <dt className="text-zinc-600 dark:text-zinc-400">Independent decisions per record</dt>
                        <dd className="mt-0.5 font-medium">{s.requiredDecisions}</dd>
                      </div>
                      <div>
                        <dt className="text-zinc-600 dark:text-zinc-400">Criteria checklist</dt>
                        <dd className="mt-0.5 font-medium">{s.hasChecklist ? 'On' : 'Off'}</dd>
                      </div>
                    </dl>
                  )}
                  <div className="flex flex-col items-start gap-3 border-t border-zinc-200 pt-4 text-sm dark:border-zinc-800">
                    <p className="font-medium">Blinding</p>
                    <p className="text-zinc-700 dark:text-zinc-300">
                      {s.isBlinded
                        ? 'On: each reviewer sees only their own decisions at this stage, and the pages and API reveal nothing of how others voted. Adjudicators see a record’s decisions once they are all in and disagree.'
                        : `Off: reviewers can see each other’s decisions at this stage.${s.unblindedAt ? ` Unblinded by ${nameOf.get(s.unblindedById ?? '') ?? 'a former member'}, ${formatDateTime(s.unblindedAt)}.` : ''}`}
                    </p>
                    {isOwner && <BlindingControl reviewId={reviewId} stage={stage} stageLabel={label} isBlinded={s.isBlinded} />}
                  </div>
                </CardBody>
              </Card>
            </section>
          );
        })}
      </div>
    </div>
  );
}

/** Settings > Assign records (owners): reserve batches for named reviewers, and what each holds. */
export async function Assignments({ userId, reviewId, members }: { userId: string; reviewId: string; members: Member[] }) {
  const reviewers = members.filter((m) => m.role === 'reviewer' || m.role === 'owner').map((m) => ({ userId: m.userId, name: m.name }));
  const counts = await Promise.all(STAGE_IDS.map((stage) => assignmentCounts(userId, reviewId, stage)));
  const countFor = (stageIndex: number, reviewerId: string) => counts[stageIndex].find((c) => c.reviewerId === reviewerId)?.records ?? 0;
  const nameOf = new Map(members.map((m) => [m.userId, m.name]));
  // Former members keep their reserved rows until they are reassigned; show them too.
  const ids = [...new Set([...reviewers.map((r) => r.userId), ...counts.flat().map((c) => c.reviewerId)])];
  return (
    <div className="flex flex-col gap-3">
      <div>
        <h3 id="assign-title" className="text-base font-semibold">
          Assign records
        </h3>
        <p className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
          Optional. Reserve the next records that still need decisions for a named reviewer; by default every reviewer simply takes the next record from a shared queue, pairs first.
        </p>
      </div>
      <Card>
        <CardBody>
          <AssignForm reviewId={reviewId} reviewers={reviewers} />
        </CardBody>
      </Card>
      <Table label="Records reserved per reviewer">
        <THead>
          <TR>
            <TH>Reviewer</TH>
            {STAGE_IDS.map((s) => (
              <TH key={s} className="text-right">
                {STAGE_LABEL[s]}
              </TH>
            ))}
          </TR>
        </THead>
        <TBody>
          {ids.map((id) => (
            <TR key={id}>
              <TD className="font-medium">{nameOf.get(id) ?? 'Former member'}</TD>
              {STAGE_IDS.map((s, i) => (
                <TD key={s} className="text-right tabular-nums">
                  {countFor(i, id).toLocaleString('en-GB')}
                </TD>
              ))}
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
