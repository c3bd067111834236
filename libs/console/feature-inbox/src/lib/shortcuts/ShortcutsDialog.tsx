import { useTranslation } from '@backtalk/console/i18n';
import { Dialog, Kbd } from '@backtalk/console/ui';
import { SHORTCUTS } from './shortcuts';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('inbox');
  return (
    <Dialog open={open} onClose={onClose} title={t('list.shortcuts.title')} description={t('list.shortcuts.description')} size="sm">
      <dl className="bt-shortcuts">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.action} className="bt-shortcuts__row">
            <dt>
              {shortcut.keys.map((key) => (
                <Kbd key={key}>{key}</Kbd>
              ))}
            </dt>
            <dd>{t(shortcut.description)}</dd>
          </div>
        ))}
        <div className="bt-shortcuts__row">
          <dt>
            <Kbd>Ctrl</Kbd>
            <Kbd>Enter</Kbd>
          </dt>
          <dd>{t('list.shortcuts.send')}</dd>
        </div>
        <div className="bt-shortcuts__row">
          <dt>
            <Kbd>Esc</Kbd>
          </dt>
          <dd>{t('list.shortcuts.leave')}</dd>
        </div>
      </dl>
    </Dialog>
  );
}
