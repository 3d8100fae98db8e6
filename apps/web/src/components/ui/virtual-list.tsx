import { useEffect, useRef, type ReactNode } from 'react';
import { useFixedRows } from './use-fixed-rows';

/**
 * Renders only the visible rows of a long list (10 000 rows stay smooth); `onNearEnd` asks for
 * the next server page when the user scrolls close to what is loaded.
 */
export function VirtualList<T>({
  label,
  items,
  total,
  rowHeight = 36,
  height = 420,
  getKey,
  renderRow,
  onNearEnd,
  footer,
}: {
  label: string;
  items: readonly T[];
  total: number;
  rowHeight?: number;
  height?: number;
  getKey: (item: T) => string;
  renderRow: (item: T) => ReactNode;
  onNearEnd?: () => void;
  footer?: ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows, totalSize } = useFixedRows({ count: items.length, rowHeight, scrollRef, viewHeight: height });
  const lastIndex = rows[rows.length - 1]?.index ?? -1;
  useEffect(() => {
    if (onNearEnd && items.length < total && lastIndex >= items.length - 20) onNearEnd();
  }, [lastIndex, items.length, total, onNearEnd]);

  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={label}
      style={{ height }}
      className="overflow-auto rounded border border-slate-200 dark:border-slate-700"
    >
      <ul className="relative w-full" style={{ height: totalSize }}>
        {rows.map((row) => {
          const item = items[row.index];
          if (item === undefined) return null;
          return (
            <li
              key={getKey(item)}
              aria-setsize={total}
              aria-posinset={row.index + 1}
              className="absolute left-0 flex w-full items-center border-b border-slate-100 px-2 dark:border-slate-800"
              style={{ height: row.size, transform: `translateY(${row.start}px)` }}
            >
              {renderRow(item)}
            </li>
          );
        })}
      </ul>
      {footer}
    </div>
  );
}
