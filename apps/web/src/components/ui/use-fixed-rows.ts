import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

export interface FixedRow {
  index: number;
  /** Offset from the top of the list, in px. */
  start: number;
  size: number;
}

/**
 * The rows of a list of fixed-height rows that are in view of `scrollRef`'s element, plus
 * `overscan` on each side. Every row is `rowHeight` tall, so which rows show is arithmetic on
 * `scrollTop`: nothing is measured, and this stays off the first screen's JavaScript budget where
 * a general virtualiser (variable sizes, horizontal, window scrolling) would not.
 */
export function useFixedRows({
  count,
  rowHeight,
  scrollRef,
  viewHeight,
  overscan = 10,
}: {
  count: number;
  rowHeight: number;
  scrollRef: RefObject<HTMLElement | null>;
  /** The scroll element's height, used until it has been laid out. */
  viewHeight: number;
  overscan?: number;
}): { rows: FixedRow[]; totalSize: number } {
  // Rows in view, `[top, bottom)`; state changes only when a row enters or leaves the view.
  const [view, setView] = useState({ top: 0, bottom: Math.ceil(viewHeight / rowHeight) });
  const read = useCallback(
    (sync: boolean) => {
      const el = scrollRef.current;
      if (!el) return;
      const top = Math.floor(el.scrollTop / rowHeight);
      const bottom = Math.ceil((el.scrollTop + (el.clientHeight || viewHeight)) / rowHeight);
      const update = () => setView((v) => (v.top === top && v.bottom === bottom ? v : { top, bottom }));
      // Scrolling renders before the browser paints, so rows never show blank.
      if (sync) flushSync(update);
      else update();
    },
    [scrollRef, rowHeight, viewHeight],
  );
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => read(true);
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => read(false));
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize?.disconnect();
    };
  }, [scrollRef, read]);
  // A list now shorter than the rows in view may have had `scrollTop` clamped before a scroll
  // event reaches us. Reading it forces a layout, so only then (the observer reads the first size).
  const pastEnd = view.bottom > count;
  useLayoutEffect(() => {
    if (pastEnd) read(false);
  }, [read, count, pastEnd]);

  const first = Math.max(0, view.top - overscan);
  const last = Math.min(count, view.bottom + overscan);
  const rows: FixedRow[] = [];
  for (let index = first; index < last; index++) rows.push({ index, start: index * rowHeight, size: rowHeight });
  return { rows, totalSize: count * rowHeight };
}
