import type { Stage } from '@/lib/domain/protocol/types';
import { buttonClasses } from '../../../../../_components/ui/button';
import { Table, TBody, TD, TH, THead, TR } from '../../../../../_components/ui/table';

interface Download {
  label: string;
  query: string;
  /** The stage whose outcomes the rows need the caller to see. */
  stage?: Stage;
}

const DOWNLOADS: Download[] = [
  { label: 'All records', query: '' },
  { label: 'Included at title/abstract (the reports sought)', query: 'stage=title_abstract&outcome=included', stage: 'title_abstract' },
  { label: 'Included after full text', query: 'stage=full_text&outcome=included', stage: 'full_text' },
  { label: 'Excluded at full text, with the reason that reports each', query: 'stage=full_text&outcome=excluded', stage: 'full_text' },
];

/** Record downloads (GET /records?format=csv|ris); rows needing a blinded stage's outcomes are left out. */
export function RecordsExport({ reviewId, visibleStages }: { reviewId: string; visibleStages: Stage[] }) {
  const offered = DOWNLOADS.filter((d) => !d.stage || visibleStages.includes(d.stage));
  const href = (d: Download, format: 'csv' | 'ris') => `/api/v1/reviews/${reviewId}/records?${d.query ? `${d.query}&` : ''}format=${format}`;
  return (
    <section aria-labelledby="records-export-title" className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <h3 id="records-export-title" className="text-base font-semibold">
        Records
      </h3>
      <p className="max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
        The records with their bibliographic fields and where each stands at every stage: RIS for a reference manager (EndNote, Zotero, Mendeley, Rayyan; the standing is in the notes), CSV for a spreadsheet or a script. Duplicates removed before screening are in “All records”, with the record they duplicate.
      </p>
      <Table label="Record downloads">
        <THead>
          <TR>
            <TH>Records</TH>
            <TH>Download</TH>
          </TR>
        </THead>
        <TBody>
          {offered.map((d) => (
            <TR key={d.label}>
              <TD>{d.label}</TD>
              <TD>
                <div className="flex flex-wrap gap-2">
                  {(['ris', 'csv'] as const).map((format) => (
                    <a key={format} href={href(d, format)} download className={buttonClasses('secondary', 'sm')}>
                      {format.toUpperCase()}
                      <span className="sr-only">: {d.label}</span>
                    </a>
                  ))}
                </div>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      {offered.length < DOWNLOADS.length && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Lists by screening outcome are open to adjudicators while a stage is blinded, and to everyone once the owner unblinds it.</p>
      )}
    </section>
  );
}
