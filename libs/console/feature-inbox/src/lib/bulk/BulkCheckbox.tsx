import { useConversation } from '@backtalk/console/data-access';
import { useTranslation } from '@backtalk/console/i18n';
import { usePhoneFormat } from '../phone';
import { contactLabel } from '../thread/message-display';
import { useBulkActions, useIsSelected } from './bulk.store';

/** A row's checkbox, beside (not inside) its link: shift-click selects the range from the last row clicked. */
export function BulkCheckbox({ id }: { id: string }) {
  const conversation = useConversation(id);
  const format = usePhoneFormat();
  const selected = useIsSelected(id);
  const { rowClicked } = useBulkActions();
  const { t } = useTranslation('inbox');
  return (
    <input
      type="checkbox"
      className="bt-bulk-check"
      checked={selected}
      aria-label={t('list.bulk.select', { name: conversation ? contactLabel(conversation, format) : t('list.bulk.conversation') })}
      // The click carries shiftKey; change would not. Space on a focused box clicks it too.
      onClick={(event) => rowClicked(id, event.shiftKey)}
      onChange={() => undefined}
    />
  );
}
