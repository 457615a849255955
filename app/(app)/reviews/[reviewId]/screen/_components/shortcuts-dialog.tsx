'use client';
import { Button } from '../../../../../_components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogTitle } from '../../../../../_components/ui/dialog';
import type { Stage } from '../_lib/types';

const COMMON: Array<[string, string]> = [
  ['U', 'Undo your last decision and show that record again'],
  ['K or ←', 'Back to your previous decision in this session'],
  ['J or →', 'Forward (back to the queue after the last one)'],
  ['Esc', 'Return to the queue'],
  ['N', 'Write a note on this decision'],
  ['?', 'Show these shortcuts'],
];

const BY_STAGE: Record<Stage, Array<[string, string]>> = {
  title_abstract: [
    ['I', 'Include'],
    ['E', 'Exclude'],
    ['M', 'Maybe (treated as include; the full text decides)'],
  ],
  full_text: [
    ['I', 'Include'],
    ['1–9', 'Choose an exclusion reason'],
    ['E', 'Exclude with the chosen reason (without one, E opens the reason list)'],
    ['R', 'Full text not retrievable'],
  ],
};

export function ShortcutsDialog({ open, onOpenChange, stage }: { open: boolean; onOpenChange: (open: boolean) => void; stage: Stage }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <DialogTitle>Keyboard shortcuts</DialogTitle>
        <DialogDescription>They work whenever you are not typing in a field.</DialogDescription>
        <table className="mt-4 w-full text-left text-sm">
          <caption className="sr-only">Keys and what they do</caption>
          <thead>
            <tr className="border-b border-zinc-200 dark:border-zinc-800">
              <th scope="col" className="py-1.5 pr-4 font-medium text-zinc-700 dark:text-zinc-300">Key</th>
              <th scope="col" className="py-1.5 font-medium text-zinc-700 dark:text-zinc-300">Action</th>
            </tr>
          </thead>
          <tbody>
            {[...BY_STAGE[stage], ...COMMON].map(([key, action]) => (
              <tr key={key} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
                <td className="py-1.5 pr-4 font-mono whitespace-nowrap text-zinc-900 dark:text-zinc-100">{key}</td>
                <td className="py-1.5 text-zinc-700 dark:text-zinc-300">{action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
