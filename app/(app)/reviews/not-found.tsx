import Link from 'next/link';
import { buttonClasses } from '../../_components/ui/button';

/** Shown for a bad review id and for reviews the user is not a member of: existence is not revealed. */
export default function ReviewNotFound() {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-start gap-4 py-12">
      <p className="text-sm font-medium text-zinc-600 dark:text-zinc-400">Error 404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Review not found</h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        This review does not exist, or you are not a member of it. If a colleague runs it, ask them to invite you from the
        review’s Settings, using the email address of your account.
      </p>
      <Link href="/reviews" className={buttonClasses('secondary')}>
        Back to your reviews
      </Link>
    </div>
  );
}
