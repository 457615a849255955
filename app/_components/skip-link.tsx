/** The first focusable element of every page: jumps past the chrome to <main id="content">. */
export function SkipLink() {
  return (
    <a
      href="#content"
      className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-accent-700 focus:shadow-lg dark:focus:bg-zinc-900 dark:focus:text-accent-300"
    >
      Skip to content
    </a>
  );
}
