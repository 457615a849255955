/**
 * Protocol templates: editable starting points, never a published protocol's exact wording.
 *
 * "ketamine-neuroplasticity" is written for Sieve's motivating review, a systematic review of the
 * molecular and cellular neuroplasticity behind ketamine's rapid antidepressant effects across
 * cell-culture, animal and human studies, searched in PubMed only (registered in PROSPERO as
 * CRD42019123346). The registration ID is left empty on purpose: a review started from the
 * template is a new review with its own registration.
 */
import { EMPTY_FIELDS, type CriterionKind, type ProtocolFields, type Stage } from './types';
import { templateName, type ProtocolTemplateId } from './template-choices';

export interface TemplateCriterion {
  kind: CriterionKind;
  label: string;
  description: string;
  stages: Stage[];
}

export interface ProtocolTemplate {
  id: Exclude<ProtocolTemplateId, 'none'>;
  name: string;
  fields: ProtocolFields;
  highlightInclude: string[];
  highlightExclude: string[];
  /** Exclusion reasons are made from the exclusion criteria (reasonsFromCriteria). */
  criteria: TemplateCriterion[];
}

const BOTH: Stage[] = ['title_abstract', 'full_text'];
const FULL_TEXT: Stage[] = ['full_text'];

const ketamine: ProtocolTemplate = {
  id: 'ketamine-neuroplasticity',
  name: templateName('ketamine-neuroplasticity')!,
  fields: {
    ...EMPTY_FIELDS,
    question:
      'Which molecular and cellular markers of neuroplasticity change with ketamine, its enantiomers or its metabolites, and how do these changes relate to its rapid antidepressant effects in cell-culture, animal and human studies?',
    registry: 'PROSPERO',
    population:
      'Cell cultures (primary neurons, neuronal cell lines, organotypic slices); animal models of depression or depression-relevant behaviour (e.g. chronic stress, learned helplessness, forced swim or sucrose preference paradigms); humans with major depressive disorder (MDD) or bipolar depression.',
    intervention:
      'Ketamine (racemic), its enantiomers esketamine (S-ketamine) and arketamine (R-ketamine), or its metabolites such as (2R,6R)-hydroxynorketamine; any dose and route.',
    comparator: 'Vehicle or placebo, or untreated controls.',
    outcomes:
      'Molecular or cellular markers of neuroplasticity: BDNF levels or release, TrkB activation, mTOR signalling, synaptic proteins (e.g. PSD-95, GluA1, synapsin), dendritic spine density or synaptogenesis, and neurogenesis.',
    studyDesigns: 'In vitro studies, in vivo animal studies and clinical studies (randomised or not) reporting original data.',
    setting: 'Laboratory and clinical research settings; any country.',
    notes: [
      'Search: PubMed only.',
      'This template is an editable starting point written for Sieve. It is not the published protocol of the review that motivated it, and its wording is not that review’s: adapt every field to your own question.',
      'The motivating review was registered in PROSPERO as CRD42019123346. The registration ID above is left empty: enter your own review’s ID once it is registered.',
    ].join('\n'),
  },
  highlightInclude: ['ketamine', 'esketamine', 'arketamine', 'hydroxynorketamine', 'BDNF', 'TrkB', 'mTOR', 'synap*', 'spine*', 'neuroplast*', 'neurogen*', 'depress*'],
  highlightExclude: ['review', 'meta-analysis', 'editorial', 'comment*', 'letter', 'anesthe*', 'anaesthe*', 'analges*', 'pain'],
  criteria: [
    {
      kind: 'inclusion',
      label: 'Ketamine (or an enantiomer/metabolite) administered',
      description: 'Racemic ketamine, esketamine, arketamine or a ketamine metabolite (e.g. (2R,6R)-hydroxynorketamine) is given to cells, animals or patients.',
      stages: BOTH,
    },
    {
      kind: 'inclusion',
      label: 'Depression-relevant model or patients',
      description: 'Cell culture used to study antidepressant mechanisms, an animal model of depression or depression-relevant behaviour, or patients with MDD or bipolar depression.',
      stages: BOTH,
    },
    {
      kind: 'inclusion',
      label: 'Molecular/cellular neuroplasticity outcome',
      description: 'Reports at least one molecular or cellular neuroplasticity marker (BDNF, TrkB, mTOR signalling, synaptic proteins, spine density, neurogenesis).',
      stages: BOTH,
    },
    {
      kind: 'inclusion',
      label: 'Rapid (acute) timepoint (≤ 7 days after dosing)',
      description: 'At least one outcome is measured within 7 days of a ketamine dose. Abstracts rarely say when, so this is judged on the full text.',
      stages: FULL_TEXT,
    },
    {
      kind: 'exclusion',
      label: 'Review, commentary or editorial',
      description: 'Narrative or systematic reviews, meta-analyses, commentaries, editorials and letters without original data.',
      stages: BOTH,
    },
    {
      kind: 'exclusion',
      label: 'No original data',
      description: 'Protocols, hypotheses, conference reports without results, or re-analyses of already published data only.',
      stages: BOTH,
    },
    {
      kind: 'exclusion',
      label: 'No neuroplasticity outcome',
      description: 'Only behavioural, clinical or pharmacokinetic outcomes; no molecular or cellular neuroplasticity marker.',
      stages: BOTH,
    },
    {
      kind: 'exclusion',
      label: 'Not ketamine or its enantiomers/metabolites',
      description: 'Other NMDA-receptor antagonists or antidepressants, or ketamine only as an anaesthetic co-treatment not studied for its own effect.',
      stages: BOTH,
    },
    {
      kind: 'exclusion',
      label: 'Non-depression model without depression-relevant outcome',
      description: 'For example anaesthesia, pain, schizophrenia-like or neurotoxicity models that report no depression-relevant outcome.',
      stages: BOTH,
    },
    {
      kind: 'exclusion',
      label: 'No acute timepoint (all outcomes > 7 days after dosing)',
      description: 'The counterpart of the rapid-timepoint inclusion criterion, so a full-text exclusion on timing has its own reason.',
      stages: FULL_TEXT,
    },
  ],
};

const TEMPLATES: Record<ProtocolTemplate['id'], ProtocolTemplate> = { 'ketamine-neuroplasticity': ketamine };

/** The template's contents, or null for "none". */
export function getProtocolTemplate(id: ProtocolTemplateId): ProtocolTemplate | null {
  return id === 'none' ? null : TEMPLATES[id];
}
