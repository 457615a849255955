/**
 * Where each step of a review stands, for the Overview checklist: from counts the caller may see.
 * Pure, so the wording and the states are tested without a database. A stage's progress is the
 * caller's own (what blinded reviewers may know); open conflicts are given to adjudicators only.
 */
export type StepState = 'done' | 'in_progress' | 'to_do' | 'coming' | 'open';

export interface StepStatus {
  state: StepState;
  /** One line: what is there, or what to do next. */
  detail: string;
}

export interface StageProgressFacts {
  /** Records at this stage (title/abstract: not removed; full text: passed title/abstract). */
  total: number;
  screenedByMe: number;
  neededFromMe: number;
}

export interface ReviewFacts {
  members: number;
  protocol: { hasQuestion: boolean; criteria: number };
  searches: number;
  /** Records left to screen after duplicates were removed. */
  records: number;
  duplicatesRemoved: number;
  duplicatePairsPending: number;
  /** The caller's progress per stage; absent for viewers, who do not screen. */
  progress?: { title_abstract: StageProgressFacts; full_text: StageProgressFacts };
  /** Open conflicts per stage; absent for members who do not adjudicate. */
  openConflicts?: { title_abstract: number; full_text: number };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function stageStatus(p: StageProgressFacts | undefined, stage: 'title_abstract' | 'full_text'): StepStatus {
  if (!p) return { state: 'open', detail: 'Reviewers screen here; as a viewer you follow along.' };
  if (p.total === 0) {
    return { state: 'to_do', detail: stage === 'title_abstract' ? 'Import records to start screening.' : 'Records that pass title/abstract screening come here.' };
  }
  const what = stage === 'title_abstract' ? 'record' : 'report';
  if (p.neededFromMe === 0) return { state: 'done', detail: `Nothing left for you: you decided ${plural(p.screenedByMe, what)} of ${plural(p.total, what)}.` };
  return { state: 'in_progress', detail: `${plural(p.neededFromMe, what)} need your decision; you decided ${p.screenedByMe.toLocaleString('en')} of ${p.total.toLocaleString('en')}.` };
}

/** The status of each step, by the URL segment of its page. */
export function workflowStatus(f: ReviewFacts): Record<string, StepStatus> {
  const criteria = plural(f.protocol.criteria, 'eligibility criterion', 'eligibility criteria');
  const conflicts = f.openConflicts;
  const openCount = conflicts ? conflicts.title_abstract + conflicts.full_text : 0;
  return {
    settings: f.members > 1 ? { state: 'done', detail: `${plural(f.members, 'member')}.` } : { state: 'to_do', detail: 'Invite the reviewers who will screen with you.' },
    protocol:
      f.protocol.hasQuestion && f.protocol.criteria > 0
        ? { state: 'done', detail: `Question and ${criteria}.` }
        : f.protocol.hasQuestion || f.protocol.criteria > 0
          ? { state: 'in_progress', detail: f.protocol.hasQuestion ? 'Question written; add the eligibility criteria.' : `${criteria}; write the review question.` }
          : { state: 'to_do', detail: 'Write the question and the eligibility criteria, or start from a template.' },
    import:
      f.searches > 0
        ? { state: 'done', detail: `${plural(f.records + f.duplicatesRemoved, 'record')} from ${plural(f.searches, 'search', 'searches')}; add another search any time.` }
        : { state: 'to_do', detail: 'Import the export file of each database search.' },
    duplicates:
      f.searches === 0
        ? { state: 'to_do', detail: 'Duplicates are looked for at each import.' }
        : f.duplicatePairsPending > 0
          ? { state: 'in_progress', detail: `${plural(f.duplicatePairsPending, 'likely pair')} to check; ${plural(f.duplicatesRemoved, 'duplicate')} removed so far.` }
          : { state: 'done', detail: `No pair left to check; ${plural(f.duplicatesRemoved, 'duplicate')} removed.` },
    screen: stageStatus(f.progress?.title_abstract, 'title_abstract'),
    conflicts: !conflicts
      ? { state: 'open', detail: 'Owners and adjudicators settle disagreements here.' }
      : openCount > 0
        ? { state: 'in_progress', detail: `${plural(openCount, 'open conflict')} (title/abstract ${conflicts.title_abstract}, full text ${conflicts.full_text}).` }
        : { state: f.records > 0 ? 'done' : 'to_do', detail: 'No open conflicts.' },
    'full-text': stageStatus(f.progress?.full_text, 'full_text'),
    prisma: { state: 'coming', detail: 'The flow diagram arrives in a coming release; its counts are already recorded.' },
    export: { state: 'open', detail: 'Records with their outcomes (RIS, CSV), agreement and the audit trail.' },
  };
}
