import { useConversation } from '@backtalk/console/data-access';
import { usePhoneFormat } from '../phone';
import { contactLabel } from '../thread/message-display';
import { useBulkActions, useIsSelected } from './bulk.store';

/** A row's checkbox, beside (not inside) its link: shift-click selects the range from the last row clicked. */
export function BulkCheckbox({ id }: { id: string }) {
  const conversation = useConversation(id);
  const format = usePhoneFormat();
  const selected = useIsSelected(id);
  const { rowClicked } = useBulkActions();
  return (
    <input
      type="checkbox"
      className="bt-bulk-check"
      checked={selected}
      aria-label={`Select ${conversation ? contactLabel(conversation, format) : 'conversation'}`}
      // The click carries shiftKey; change would not. Space on a focused box clicks it too.
      onClick={(event) => rowClicked(id, event.shiftKey)}
      onChange={() => undefined}
    />
  );
}
