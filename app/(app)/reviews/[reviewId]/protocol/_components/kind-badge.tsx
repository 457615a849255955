import { STAGE_LABEL, type CriterionKind, type Stage } from '@/lib/domain/protocol/types';
import { Badge } from '../../../../../_components/ui/badge';

export function KindBadge({ kind }: { kind: CriterionKind }) {
  return <Badge tone={kind === 'inclusion' ? 'success' : 'neutral'}>{kind === 'inclusion' ? 'Include if' : 'Exclude if'}</Badge>;
}

export function stagesText(stages: readonly Stage[]): string {
  return stages.map((s) => STAGE_LABEL[s]).join(' and ');
}
