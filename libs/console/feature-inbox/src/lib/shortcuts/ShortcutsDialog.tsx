import { Dialog, Kbd } from '@backtalk/console/ui';
import { SHORTCUTS } from './shortcuts';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" description="Single keys work whenever you're not typing in a field." size="sm">
      <dl className="bt-shortcuts">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.action} className="bt-shortcuts__row">
            <dt>
              {shortcut.keys.map((key) => (
                <Kbd key={key}>{key}</Kbd>
              ))}
            </dt>
            <dd>{shortcut.description}</dd>
          </div>
        ))}
        <div className="bt-shortcuts__row">
          <dt>
            <Kbd>Ctrl</Kbd>
            <Kbd>Enter</Kbd>
          </dt>
          <dd>Send the reply or note (⌘ Enter on a Mac)</dd>
        </div>
        <div className="bt-shortcuts__row">
          <dt>
            <Kbd>Esc</Kbd>
          </dt>
          <dd>Leave the reply box or close a dialog</dd>
        </div>
      </dl>
    </Dialog>
  );
}
