/**
 * The protocol templates a new review can start from: ids and names only, small enough for the
 * new-review form's bundle. The contents live in templates.ts.
 */

export const PROTOCOL_TEMPLATE_IDS = ['none', 'ketamine-neuroplasticity'] as const;
export type ProtocolTemplateId = (typeof PROTOCOL_TEMPLATE_IDS)[number];

export const TEMPLATE_CHOICES: ReadonlyArray<{ id: ProtocolTemplateId; name: string; hint: string }> = [
  { id: 'none', name: 'None (empty protocol)', hint: 'Write the protocol from scratch.' },
  {
    id: 'ketamine-neuroplasticity',
    name: 'Ketamine: rapid antidepressant effects and molecular neuroplasticity',
    hint: 'PubMed only; cell-culture, animal and human (MDD or bipolar depression) studies. A starting point with candidate criteria and highlight terms, all editable.',
  },
];

export function templateName(id: string | undefined): string | undefined {
  return id && id !== 'none' ? TEMPLATE_CHOICES.find((t) => t.id === id)?.name : undefined;
}
