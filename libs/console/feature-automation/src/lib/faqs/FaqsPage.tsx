import { RECOMMENDED_FAQ_EXAMPLES, Role, type CannedAnswerView } from '@backtalk/contracts';
import { useTranslation } from '@backtalk/console/i18n';
import { useCannedAnswers, useDeleteCannedAnswer, useSignedInUser, useTeams } from '@backtalk/console/data-access';
import { DeleteDialog, QueryState } from '@backtalk/console/feature-admin';
import { LanguageBadges, previewLine } from '@backtalk/console/feature-inbox';
import { Badge, Button, EmptyState, PageHeader, RowActions, Table, TextField, type TableColumn } from '@backtalk/console/ui';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import '../automation.css';
import { defaultLanguageOf } from './faq-form';

/** How far along an FAQ's examples are: none (a plain canned answer), too few to match well, or enough. */
function ExamplesCell({ count }: { count: number }) {
  const { t } = useTranslation('automation');
  if (count === 0) return <span className="bt-muted">{t('faqs.notFaq')}</span>;
  const label = t('faqs.examples', { count });
  return count < RECOMMENDED_FAQ_EXAMPLES ? (
    <span title={t('faqs.fewExamples', { count })}>
      <Badge tone="warning">{label}</Badge>
    </span>
  ) : (
    <Badge tone="success">{label}</Badge>
  );
}

const matches = (answer: CannedAnswerView, needle: string) =>
  [answer.title, answer.shortcode, answer.body, ...answer.examples, ...answer.keywords].some((text) => text.toLocaleLowerCase().includes(needle));

/** Settings → FAQs & canned answers. */
export function FaqsPage() {
  const { t } = useTranslation('automation');
  const me = useSignedInUser();
  const answers = useCannedAnswers();
  const { data: teams } = useTeams();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [deleting, setDeleting] = useState<CannedAnswerView | null>(null);
  const remove = useDeleteCannedAnswer();
  const teamName = useMemo(() => new Map((teams ?? []).map((team) => [team.id, team.name])), [teams]);
  const all = answers.data ?? [];
  const needle = query.trim().toLocaleLowerCase();
  const shown = needle ? all.filter((answer) => matches(answer, needle)) : all;
  const faqCount = all.filter((answer) => answer.examples.length > 0).length;
  // Supervisors write their teams' answers; the global ones are the admins'.
  const canEdit = (answer: CannedAnswerView) => me.role === Role.Admin || answer.teamId !== null;

  const columns: TableColumn<CannedAnswerView>[] = [
    {
      id: 'answer',
      header: t('faqs.columnAnswer'),
      grow: true,
      cell: (answer) => (
        <div className="bt-answer-cell">
          <span className="bt-answer-cell__title" translate="no">
            {canEdit(answer) ? (
              <Link to={answer.id} className="bt-table__primary">
                {answer.title}
              </Link>
            ) : (
              <span translate="no" className="bt-table__primary">{answer.title}</span>
            )}
            <span className="bt-shortcode" translate="no">/{answer.shortcode}</span>
            <LanguageBadges languages={answer.languages ?? [defaultLanguageOf(answer)]} chosen={defaultLanguageOf(answer)} label={t('faqs.languages')} />
          </span>
          <span className="bt-answer-cell__body" translate="no">{previewLine(answer.body, 80)}</span>
        </div>
      ),
    },
    { id: 'examples', header: t('faqs.columnExamples'), cell: (answer) => <ExamplesCell count={answer.examples.length} /> },
    {
      id: 'auto',
      header: t('faqs.columnAutoReply'),
      cell: (answer) => (answer.autoReply ? <Badge tone="accent">{t('faqs.mayAutoReply')}</Badge> : <span className="bt-muted">{t('faqs.agentsOnly')}</span>),
    },
    {
      id: 'scope',
      header: t('faqs.columnScope'),
      secondary: true,
      cell: (answer) => {
        const team = answer.teamId ? teamName.get(answer.teamId) : undefined;
        return team !== undefined ? <span translate="no">{team}</span> : answer.teamId ? t('faqs.oneTeam') : t('faqs.everyTeam');
      },
    },
    {
      id: 'actions',
      header: <span className="bt-sr-only">{t('faqs.columnActions')}</span>,
      align: 'end',
      cell: (answer) =>
        canEdit(answer) ? (
          <RowActions>
            <Button size="sm" variant="ghost" aria-label={t('common.editItem', { name: answer.title })} onClick={() => navigate(answer.id)}>
              {t('common.edit')}
            </Button>
            <Button size="sm" variant="ghost" aria-label={t('common.deleteItem', { name: answer.title })} onClick={() => setDeleting(answer)}>
              {t('common.delete')}
            </Button>
          </RowActions>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('faqs.title')}
        description={t('faqs.description')}
        actions={
          <Button variant="primary" icon="plus" onClick={() => navigate('new')}>
            {t('faqs.newAnswer')}
          </Button>
        }
      />
      <QueryState loadingLabel={t('faqs.loading')} errorTitle={t('faqs.loadFailed')} isPending={answers.isPending} error={answers.error} onRetry={() => void answers.refetch()}>
        {all.length === 0 ? (
          <EmptyState compact icon="bolt" title={t('faqs.emptyTitle')}>
            {t('faqs.emptyBody')}
          </EmptyState>
        ) : (
          <div className="bt-stack">
            <div className="bt-toolbar">
              <TextField
                label={t('faqs.searchLabel')}
                hideLabel
                type="search"
                className="bt-toolbar__search"
                placeholder={t('faqs.searchPlaceholder')}
                value={query}
                onChange={(event) => setQuery(event.target.value)}
              />
              <span className="bt-toolbar__count">
                {needle ? t('faqs.shownOfAll', { shown: shown.length, total: all.length }) : t('faqs.counts', { answers: all.length, faqs: faqCount })}
              </span>
            </div>
            {shown.length > 0 ? (
              <Table narrow="stack" caption={t('faqs.tableCaption')} columns={columns} rows={shown} rowKey={(answer) => answer.id} />
            ) : (
              <EmptyState compact icon="search" title={t('faqs.noMatchTitle')}>
                {t('faqs.noMatchBody', { query: query.trim() })}
              </EmptyState>
            )}
          </div>
        )}
      </QueryState>
      <DeleteDialog
        item={deleting}
        title={t('faqs.deleteTitle', { title: deleting?.title ?? t('faqs.deleteFallback') })}
        confirmLabel={t('faqs.deleteConfirm')}
        mutation={remove}
        deletedMessage={(answer) => t('faqs.deleted', { title: answer.title })}
        onClose={() => setDeleting(null)}
      >
        {t('faqs.deleteBody')}
      </DeleteDialog>
    </>
  );
}
