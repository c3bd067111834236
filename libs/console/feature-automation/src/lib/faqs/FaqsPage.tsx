import { RECOMMENDED_FAQ_EXAMPLES, Role, type CannedAnswerView, type RoutingLanguage } from '@backtalk/contracts';
import { useCannedAnswers, useDeleteCannedAnswer, useSignedInUser, useTeams } from '@backtalk/console/data-access';
import { DeleteDialog, QueryState } from '@backtalk/console/feature-admin';
import { previewLine } from '@backtalk/console/feature-inbox';
import { Badge, Button, EmptyState, LANGUAGE_LABELS, PageHeader, RowActions, Table, TextField, type TableColumn } from '@backtalk/console/ui';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import '../automation.css';

/** How far along an FAQ's examples are: none (a plain canned answer), too few to match well, or enough. */
function ExamplesCell({ count }: { count: number }) {
  if (count === 0) return <span className="bt-muted">Not an FAQ</span>;
  const label = `${count} ${count === 1 ? 'example' : 'examples'}`;
  return count < RECOMMENDED_FAQ_EXAMPLES ? (
    <span title={`Ten varied examples work far better than three; this one has ${count}.`}>
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
      header: 'Answer',
      grow: true,
      cell: (answer) => (
        <div className="bt-answer-cell">
          <span className="bt-answer-cell__title">
            {canEdit(answer) ? (
              <Link to={answer.id} className="bt-table__primary">
                {answer.title}
              </Link>
            ) : (
              <span className="bt-table__primary">{answer.title}</span>
            )}
            <span className="bt-shortcode">/{answer.shortcode}</span>
            {answer.language ? <span className="bt-answer-cell__language">{LANGUAGE_LABELS[answer.language as RoutingLanguage] ?? answer.language}</span> : null}
          </span>
          <span className="bt-answer-cell__body">{previewLine(answer.body, 80)}</span>
        </div>
      ),
    },
    { id: 'examples', header: 'Examples', cell: (answer) => <ExamplesCell count={answer.examples.length} /> },
    {
      id: 'auto',
      header: 'Auto-reply',
      cell: (answer) => (answer.autoReply ? <Badge tone="accent">May auto-reply</Badge> : <span className="bt-muted">Agents only</span>),
    },
    {
      id: 'scope',
      header: 'Available to',
      secondary: true,
      cell: (answer) => (answer.teamId ? (teamName.get(answer.teamId) ?? 'One team') : 'Every team'),
    },
    {
      id: 'actions',
      header: <span className="bt-sr-only">Actions</span>,
      align: 'end',
      cell: (answer) =>
        canEdit(answer) ? (
          <RowActions>
            <Button size="sm" variant="ghost" aria-label={`Edit ${answer.title}`} onClick={() => navigate(answer.id)}>
              Edit
            </Button>
            <Button size="sm" variant="ghost" aria-label={`Delete ${answer.title}`} onClick={() => setDeleting(answer)}>
              Delete
            </Button>
          </RowActions>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="FAQs & canned answers"
        description="Answers agents insert with /shortcode. With example questions, rules can send them on their own."
        actions={
          <Button variant="primary" icon="plus" onClick={() => navigate('new')}>
            New answer
          </Button>
        }
      />
      <QueryState what="canned answers" isPending={answers.isPending} error={answers.error} onRetry={() => void answers.refetch()}>
        {all.length === 0 ? (
          <EmptyState compact icon="bolt" title="No canned answers yet">
            Write the answers your team gives every day once; agents insert them with / and rules can send the FAQs among them.
          </EmptyState>
        ) : (
          <div className="bt-stack">
            <div className="bt-toolbar">
              <TextField
                label="Search answers"
                hideLabel
                type="search"
                className="bt-toolbar__search"
                placeholder="Search titles, text and examples"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
              />
              <span className="bt-toolbar__count">
                {needle ? `${shown.length} of ${all.length}` : `${all.length} ${all.length === 1 ? 'answer' : 'answers'} · ${faqCount} ${faqCount === 1 ? 'FAQ' : 'FAQs'}`}
              </span>
            </div>
            {shown.length > 0 ? (
              <Table caption="Canned answers" columns={columns} rows={shown} rowKey={(answer) => answer.id} />
            ) : (
              <EmptyState compact icon="search" title="Nothing matches">
                No answer has “{query.trim()}” in its title, text or examples.
              </EmptyState>
            )}
          </div>
        )}
      </QueryState>
      <DeleteDialog
        item={deleting}
        title={`Delete “${deleting?.title ?? 'answer'}”?`}
        confirmLabel="Delete answer"
        mutation={remove}
        deletedMessage={(answer) => `“${answer.title}” deleted.`}
        onClose={() => setDeleting(null)}
      >
        Agents can no longer insert it, and rules that reply with it stop sending anything. Its examples go with it.
      </DeleteDialog>
    </>
  );
}
