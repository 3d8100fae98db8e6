import type { ComponentProps } from 'react';

type Named = { 'aria-label': string } | { 'aria-labelledby': string };

/**
 * A list that scrolls within a bounded height (set it in `className`): focusable so that
 * keyboard users can scroll it, and named so that they hear what it is.
 */
export function ScrollList({ className, ...props }: Omit<ComponentProps<'ul'>, 'tabIndex'> & Named) {
  return <ul tabIndex={0} className={`overflow-auto ${className ?? ''}`} {...props} />;
}
