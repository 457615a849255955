const ROLES = [
  { role: 'Owner', text: 'Manages members and settings, screens, and settles conflicts.' },
  { role: 'Reviewer', text: 'Screens records. Can settle conflicts when made an adjudicator.' },
  { role: 'Viewer', text: 'Reads the review and its reports; makes no decisions.' },
];

export function RoleGuide() {
  return (
    <div className="rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800">
      <h3 className="font-semibold">
        About roles
      </h3>
      <dl className="mt-2 flex flex-col gap-2">
        {ROLES.map((r) => (
          <div key={r.role}>
            <dt className="font-medium">{r.role}</dt>
            <dd className="text-zinc-600 dark:text-zinc-400">{r.text}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
