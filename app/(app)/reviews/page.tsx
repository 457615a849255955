import type { Metadata } from 'next';
import { requirePageUser } from '@/lib/auth/session';
import { listMyReviews } from '@/lib/services/reviews';
import { EmptyState } from '../../_components/ui/empty-state';
import { FocusFieldButton } from './_components/focus-field-button';
import { NewReviewForm } from './_components/new-review-form';
import { ReviewList } from './_components/review-list';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Reviews' };

const PAGE = { limit: 200, offset: 0 };

export default async function ReviewsPage() {
  const user = await requirePageUser('/reviews');
  const { items, total } = await listMyReviews(user.id, PAGE);

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Reviews</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            {total === 0 ? 'You are not a member of any review yet.' : `You are a member of ${total} ${total === 1 ? 'review' : 'reviews'}.`}
            {total > items.length && ` Showing the ${items.length} most recently updated.`}
          </p>
        </div>
        {total > 0 && <FocusFieldButton targetId="new-review-title">New review</FocusFieldButton>}
      </div>

      <div className="grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-labelledby="your-reviews">
          <h2 id="your-reviews" className="sr-only">
            Your reviews
          </h2>
          {items.length === 0 ? (
            <EmptyState
              title="No reviews yet"
              headingLevel={3}
              action={<FocusFieldButton targetId="new-review-title">New review</FocusFieldButton>}
            >
              Create a review to start: give it a title, then invite your co-reviewers from its Settings. If a colleague
              already started one, ask them to invite you with the email address you signed up with.
            </EmptyState>
          ) : (
            <ReviewList reviews={items} />
          )}
        </section>
        <NewReviewForm />
      </div>
    </div>
  );
}
