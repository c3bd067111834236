import { useTranslation } from '@backtalk/console/i18n';
import { buttonClassName, EmptyState, useDocumentTitle } from '@backtalk/console/ui';
import { Link } from 'react-router-dom';

/** Also shown for pages the user's role may not see, so their existence is not confirmed. */
export function NotFoundPage() {
  const { t } = useTranslation('shell');
  useDocumentTitle(t('notFound.title'));
  return (
    <EmptyState
      icon="alert"
      headingLevel={1}
      title={t('notFound.title')}
      action={
        <Link to="/inbox" className={buttonClassName({ variant: 'primary' })}>
          {t('notFound.back')}
        </Link>
      }
    >
      <p>{t('notFound.body')}</p>
    </EmptyState>
  );
}
