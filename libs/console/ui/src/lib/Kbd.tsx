import './menu.css';

/** A key as printed on the keyboard, for shortcut hints. */
export function Kbd({ children }: { children: string }) {
  return <kbd className="bt-kbd">{children}</kbd>;
}
