'use client';
import { Button } from '../../../../../_components/ui/button';

/** "Move up" / "Move down" for one row of an ordered list: real buttons, no drag needed. */
export function MoveButtons({
  idPrefix,
  label,
  index,
  count,
  disabled,
  onMove,
  words = ['Move up', 'Move down'],
}: {
  idPrefix: string;
  label: string;
  /** 0-based index of the row. */
  index: number;
  count: number;
  disabled: boolean;
  /** Receives the new 1-based position. */
  onMove: (position: number) => void;
  words?: [string, string];
}) {
  return (
    <>
      <Button id={`${idPrefix}-up`} variant="ghost" size="sm" disabled={disabled || index === 0} onClick={() => onMove(index)}>
        <span aria-hidden="true">↑</span> {words[0]}
        <span className="sr-only"> “{label}”</span>
      </Button>
      <Button id={`${idPrefix}-down`} variant="ghost" size="sm" disabled={disabled || index === count - 1} onClick={() => onMove(index + 2)}>
        <span aria-hidden="true">↓</span> {words[1]}
        <span className="sr-only"> “{label}”</span>
      </Button>
    </>
  );
}

export const focusAfterMove = (idPrefix: string, movedUp: boolean) => (movedUp ? [`${idPrefix}-up`, `${idPrefix}-down`] : [`${idPrefix}-down`, `${idPrefix}-up`]);
