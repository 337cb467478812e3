// Renders only the rows that fit: 10,000 items cost as much as `height` items per frame.
import { Box } from 'ink';
import type { ReactNode } from 'react';

/** The first visible index: the selection stays in view, centred once the list scrolls. */
export function windowStart(count: number, selected: number, height: number): number {
  if (count <= height) return 0;
  return Math.min(Math.max(0, selected - Math.floor(height / 2)), count - height);
}

export interface VirtualListProps<T> {
  items: readonly T[];
  selected: number;
  height: number;
  renderItem: (item: T, index: number, selected: boolean) => ReactNode;
}

export function VirtualList<T>({ items, selected, height, renderItem }: VirtualListProps<T>) {
  const start = windowStart(items.length, selected, height);
  const visible = items.slice(start, start + height);
  return <Box flexDirection="column">{visible.map((item, i) => renderItem(item, start + i, start + i === selected))}</Box>;
}
