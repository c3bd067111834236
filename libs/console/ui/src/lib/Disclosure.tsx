import type { ReactNode } from 'react';
import { Icon } from './Icon';
import './disclosure.css';

export interface DisclosureProps {
  summary: string;
  /** A few words on what is inside, shown next to the summary while closed. */
  description?: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
}

/** Settings most people never need, folded away: a native <details>, so Enter and Space toggle it. */
export function Disclosure({ summary, description, open, onOpenChange, children }: DisclosureProps) {
  return (
    <details className="bt-disclosure" open={open} onToggle={(event) => onOpenChange(event.currentTarget.open)}>
      <summary className="bt-disclosure__summary">
        <Icon name="chevron" size={14} className="bt-disclosure__icon" />
        <span className="bt-disclosure__title">{summary}</span>
        {description ? <span className="bt-disclosure__description">{description}</span> : null}
      </summary>
      <div className="bt-disclosure__body">{children}</div>
    </details>
  );
}
