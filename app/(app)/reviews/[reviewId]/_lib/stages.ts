/** The review workflow, in order: the workspace navigation and the overview checklist. */
export interface Stage {
  /** URL segment under /reviews/[reviewId]; '' is the overview. */
  segment: string;
  label: string;
  /** One line for the overview checklist. */
  summary: string;
  /** A view rather than a step of the workflow: in the navigation, not in the overview checklist. */
  isView?: boolean;
}

export const STAGES: readonly Stage[] = [
  { segment: '', label: 'Overview', summary: 'Where the review stands.' },
  { segment: 'protocol', label: 'Protocol', summary: 'State the question, PICOS, eligibility criteria and exclusion reasons.' },
  { segment: 'import', label: 'Import', summary: 'Import the records your database searches found (RIS, MEDLINE, PubMed XML, CSV).' },
  { segment: 'duplicates', label: 'Duplicates', summary: 'Find records found by more than one search and keep one of each.' },
  { segment: 'records', label: 'Records', summary: 'Every record, searchable, with where it stands at each stage.', isView: true },
  { segment: 'screen', label: 'Screening', summary: 'Screen titles and abstracts, two reviewers each, blinded to each other.' },
  { segment: 'conflicts', label: 'Conflicts', summary: 'Settle the records on which reviewers disagreed.' },
  { segment: 'full-text', label: 'Full text', summary: 'Screen the full reports of the records that passed, with a reason for each exclusion.' },
  { segment: 'prisma', label: 'PRISMA', summary: 'The PRISMA 2020 flow diagram, counted from your decisions.' },
  { segment: 'export', label: 'Export', summary: 'Download included studies and the decision log.' },
  { segment: 'settings', label: 'Settings', summary: 'Members, roles and who may settle conflicts.' },
];
