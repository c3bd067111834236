import { useEffect } from 'react';

export const PRODUCT_NAME = 'Backtalk';

// One title for the whole tab: the page sets its name, the inbox sets a count of what waits for the user.
let pageTitle = '';
let badge = 0;

function render(): void {
  const page = pageTitle ? `${pageTitle} · ${PRODUCT_NAME}` : PRODUCT_NAME;
  document.title = badge > 0 ? `(${badge}) ${page}` : page;
}

/** "Users · Backtalk": the page first, so tabs stay tellable apart when they are narrow. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    pageTitle = title;
    render();
  }, [title]);
}

/** "(3) Inbox · Backtalk": a count in front of whatever page is open, so a background tab shows there is news. */
export function useTitleBadge(count: number): void {
  useEffect(() => {
    badge = count;
    render();
    return () => {
      badge = 0;
      render();
    };
  }, [count]);
}
