import { useEffect } from 'react';

export const PRODUCT_NAME = 'Backtalk';

/** "Users · Backtalk": the page first, so tabs stay tellable apart when they are narrow. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${PRODUCT_NAME}`;
  }, [title]);
}
