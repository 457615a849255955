import type { Metadata } from 'next';
import { listReviewMembers } from '@/lib/services/reviews';
import { Alert } from '../../../../_components/ui/alert';
import { RoleBadge } from '../../../../_components/ui/badge';
import { Table, TBody, TD, TH, THead, TR } from '../../../../_components/ui/table';
import { StageHeader } from '../_components/stage-header';
import { requireReviewPage, type ReviewPageParams } from '../_lib/review-page';
import { InviteForm } from './_components/invite-form';
import { MemberActions } from './_components/member-actions';
import { RoleGuide } from './_components/role-guide';
import { Assignments, ScreeningStages } from './_components/screening-stages';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({ params }: ReviewPageParams) {
  const { user, review } = await requireReviewPage((await params).reviewId, 'settings');
  const members = await listReviewMembers(user.id, review.id);
  const isOwner = review.role === 'owner';

  return (
    <section aria-labelledby="stage-title" className="flex flex-col gap-6">
      <StageHeader title="Settings">Who works on this review, what each person may do, and how records are screened.</StageHeader>

      <div className="mt-2 flex flex-col gap-3">
        <h3 className="text-base font-semibold">Members</h3>
        {!isOwner && <Alert tone="info">Only owners manage members. Ask an owner if someone should be added, changed or removed.</Alert>}
        <Table label="Members">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Email</TH>
              <TH>Role</TH>
              <TH>Adjudicator</TH>
              {isOwner && (
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              )}
            </TR>
          </THead>
          <TBody>
            {members.map((m) => {
              const isYou = m.userId === user.id;
              const canAdjudicate = m.role === 'owner' || m.canAdjudicate;
              return (
                <TR key={m.userId}>
                  <TD className="font-medium whitespace-nowrap">
                    {m.name}
                    {isYou && <span className="ml-1 font-normal text-zinc-600 dark:text-zinc-400">(you)</span>}
                  </TD>
                  <TD className="text-zinc-700 dark:text-zinc-300">{m.email}</TD>
                  <TD>
                    <RoleBadge role={m.role} />
                  </TD>
                  <TD>{canAdjudicate ? 'Yes' : 'No'}</TD>
                  {isOwner && (
                    <TD className="text-right">
                      <MemberActions reviewId={review.id} member={{ userId: m.userId, name: m.name, role: m.role, canAdjudicate: m.canAdjudicate }} isYou={isYou} />
                    </TD>
                  )}
                </TR>
              );
            })}
          </TBody>
        </Table>
      </div>

      {isOwner && (
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
          <InviteForm reviewId={review.id} />
          <RoleGuide />
        </div>
      )}

      <div className="mt-4 border-t border-zinc-200 pt-6 dark:border-zinc-800">
        <ScreeningStages userId={user.id} reviewId={review.id} isOwner={isOwner} members={members} />
      </div>

      {isOwner && (
        <div className="mt-4 border-t border-zinc-200 pt-6 dark:border-zinc-800">
          <Assignments userId={user.id} reviewId={review.id} members={members} />
        </div>
      )}
    </section>
  );
}
