import { useMyTeams } from '@backtalk/console/data-access';
import { buttonClassName, EmptyState, PageHeader, useDocumentTitle } from '@backtalk/console/ui';
import { Link } from 'react-router-dom';

// Inbox, Contacts and Reports get their real features later; until then they say so plainly.

function YourTeams() {
  const { data: teams } = useMyTeams();
  if (!teams) return null;
  if (teams.length === 0) {
    return <p>You're not in a team yet, so no conversations will reach you. Ask an admin to add you to one.</p>;
  }
  return (
    <p>
      Your teams: <strong>{teams.map((team) => team.name).join(', ')}</strong>
    </p>
  );
}

export function InboxPage() {
  return (
    <>
      <PageHeader title="Inbox" />
      <EmptyState icon="inbox" title="No conversations yet">
        <p>Conversations appear here when customers text one of your team's numbers.</p>
        <YourTeams />
      </EmptyState>
    </>
  );
}

export function ContactsPage() {
  return (
    <>
      <PageHeader title="Contacts" />
      <EmptyState icon="contacts" title="No customers yet">
        <p>A contact is added the first time a customer texts one of your team's numbers.</p>
      </EmptyState>
    </>
  );
}

export function ReportsPage() {
  return (
    <>
      <PageHeader title="Reports" />
      <EmptyState icon="reports" title="Nothing to report yet">
        <p>Conversation volume and response times will show here once your teams start handling conversations.</p>
      </EmptyState>
    </>
  );
}

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
