import { useEffect, useState } from 'react';

/** How long typing must pause before a search goes to the server. */
const searchDebounceMs = 300;

/** `value` once it has stayed the same for `ms`: a server search per pause, not per keystroke. */
export function useDebouncedValue<T>(value: T, ms = searchDebounceMs): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
