import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { buttonClassName, type ButtonSize, type ButtonVariant } from './Button';
import { cx } from './cx';
import { Icon, type IconName } from './Icon';
import './menu.css';

export interface MenuAction {
  kind?: 'action';
  id: string;
  label: string;
  /** The label is a record's name (a person, a team, a label), not interface text: translators leave it as it is. */
  isData?: boolean;
  icon?: IconName;
  /** Shown at the end of the row in a quieter tone, e.g. a time or a shortcut. */
  hint?: string;
  checked?: boolean;
  disabled?: boolean;
  /** Shown before the label, e.g. a color swatch. */
  decoration?: ReactNode;
  onSelect: () => void;
}

export type MenuEntry = MenuAction | { kind: 'heading'; id: string; label: string; isData?: boolean } | { kind: 'separator'; id: string };

export interface MenuProps {
  /** The trigger's accessible name (and its text unless `children` is given). */
  label: string;
  children?: ReactNode;
  icon?: IconName;
  entries: readonly MenuEntry[];
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Which edge of the trigger the menu lines up with. */
  align?: 'start' | 'end';
  disabled?: boolean;
  /** A tooltip for an icon-only trigger. */
  title?: string;
  /**
   * `multiple`: entries with `checked` are checkboxes that each toggle on their own, and the menu stays open so that
   * several can be toggled in a row. Otherwise choosing an entry closes the menu.
   */
  selection?: 'single' | 'multiple';
}

const GAP = 4;

/**
 * The trigger of the last menu opened from a trigger on screen. A menu whose own trigger is hidden (on a phone the
 * conversation header's menus are opened from its "More actions" menu) opens where that one was, and gives focus back
 * to it when it closes, since focus cannot go back to a hidden button.
 */
let lastShownTrigger: HTMLElement | null = null;
const isShown = (element: HTMLElement | null): element is HTMLElement => !!element && element.isConnected && element.getClientRects().length > 0;

/**
 * A button that opens a list of actions, on the native popover: Esc and a click outside close it, and focus goes
 * back to the button. Arrow keys move between actions.
 */
export function Menu({ label, children, icon, entries, variant = 'secondary', size = 'md', align = 'start', disabled, title, selection = 'single' }: MenuProps) {
  const id = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const place = () => {
    const button = (isShown(trigger.current) ? trigger.current : lastShownTrigger)?.getBoundingClientRect();
    const panel = menu.current;
    if (!button || !panel) return;
    const width = panel.offsetWidth;
    const height = panel.offsetHeight;
    const left = align === 'end' ? button.right - width : button.left;
    const below = button.bottom + GAP;
    const top = below + height > window.innerHeight - 8 ? Math.max(8, button.top - GAP - height) : below;
    panel.style.left = `${Math.max(8, Math.min(left, window.innerWidth - width - 8))}px`;
    panel.style.top = `${top}px`;
  };

  const items = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role^="menuitem"]:not(:disabled)') ?? [])];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = items();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      all[(to + all.length) % all.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(all.length - 1);
  };

  return (
    <>
      <button
        ref={trigger}
        type="button"
        className={buttonClassName({ variant, size, className: cx('bt-menu__trigger', !children && icon && 'bt-menu__trigger--icon') })}
        popoverTarget={id}
        aria-haspopup="menu"
        aria-label={label}
        title={title}
        disabled={disabled}
      >
        {icon ? <Icon name={icon} size={size === 'sm' ? 14 : 16} /> : null}
        {children ?? (icon ? null : label)}
      </button>
      <div
        ref={menu}
        id={id}
        popover="auto"
        role="menu"
        aria-label={label}
        className="bt-menu"
        onKeyDown={onKeyDown}
        onToggle={(event) => {
          const shown = isShown(trigger.current);
          if (event.newState !== 'open') {
            if (!shown && document.activeElement === document.body && isShown(lastShownTrigger)) lastShownTrigger.focus();
            return;
          }
          if (shown) lastShownTrigger = trigger.current;
          place();
          items()[0]?.focus();
        }}
      >
        {entries.map((entry) => {
          if (entry.kind === 'separator') return <div key={entry.id} role="separator" className="bt-menu__separator" />;
          if (entry.kind === 'heading') {
            return (
              <div key={entry.id} className="bt-menu__heading" role="presentation" translate={entry.isData ? 'no' : undefined}>
                {entry.label}
              </div>
            );
          }
          return (
            <button
              key={entry.id}
              type="button"
              role={entry.checked === undefined ? 'menuitem' : selection === 'multiple' ? 'menuitemcheckbox' : 'menuitemradio'}
              aria-checked={entry.checked}
              className="bt-menu__item"
              disabled={entry.disabled}
              onClick={() => {
                if (selection !== 'multiple' || entry.checked === undefined) menu.current?.hidePopover();
                entry.onSelect();
              }}
            >
              <span className="bt-menu__icon">{entry.checked ? <Icon name="check" size={14} /> : entry.icon ? <Icon name={entry.icon} size={14} /> : null}</span>
              {entry.decoration}
              <span className="bt-menu__label" translate={entry.isData ? 'no' : undefined}>
                {entry.label}
              </span>
              {entry.hint ? <span className="bt-menu__hint">{entry.hint}</span> : null}
            </button>
          );
        })}
      </div>
    </>
  );
}
