import { buttonClassName, EmptyState, useDocumentTitle } from '@backtalk/console/ui';
import { Link } from 'react-router-dom';

/** Also shown for pages the user's role may not see, so their existence is not confirmed. */
export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <EmptyState
      icon="alert"
      headingLevel={1}
      title="Page not found"
      action={
        <Link to="/inbox" className={buttonClassName({ variant: 'primary' })}>
          Back to inbox
        </Link>
      }
    >
      <p>This page doesn't exist, or it isn't available to your account.</p>
    </EmptyState>
  );
}
