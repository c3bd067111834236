import { useTranslation } from '@backtalk/console/i18n';
import { Icon } from '@backtalk/console/ui';
import { useId, useState } from 'react';

/**
 * The definition of a metric behind an info button: shown on hover and keyboard focus, and toggled by a tap on a
 * phone. Screen readers hear it as the button's description.
 */
export function InfoTip({ label, text }: { label: string; text: string | undefined }) {
  const { t } = useTranslation('reports');
  const id = useId();
  const [open, setOpen] = useState(false);
  if (!text) return null;
  return (
    <span className="bt-infotip" data-open={open || undefined}>
      <button
        type="button"
        className="bt-infotip__button"
        aria-label={t('kpi.whatMeans', { label })}
        aria-describedby={id}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
        }}
      >
        <Icon name="info" size={13} />
      </button>
      <span role="tooltip" id={id} className="bt-infotip__bubble">
        {text}
      </span>
    </span>
  );
}
