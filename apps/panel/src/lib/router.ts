import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

/** Changes the page without a reload (the bot answers index.html for every panel path, too). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', () => {
  for (const listener of listeners) listener();
});

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const read = (): Location => ({ path: location.pathname, query: new URLSearchParams(location.search) });
  const [current, setCurrent] = useState(read);
  useEffect(() => {
    const update = (): void => setCurrent(read());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return current;
}

/** A plain click on a link changes the page in place; modified clicks open a tab as usual. */
export function followLink(event: MouseEvent, href: string): void {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  ) {
    return;
  }
  event.preventDefault();
  navigate(href);
}
