import type { ReactNode } from 'react';
import { useDocumentTitle } from './useDocumentTitle';
import './page.css';

export interface PageHeaderProps {
  /** Also becomes the browser tab title: "Users · Backtalk". */
  title: string;
  /** The title is a record's own name (an FAQ's title, a contact's name), which no translation should touch. */
  titleIsData?: boolean;
  description?: ReactNode;
  actions?: ReactNode;
}

export function PageHeader({ title, titleIsData = false, description, actions }: PageHeaderProps) {
  useDocumentTitle(title);
  return (
    <header className="bt-page-header">
      <div className="bt-page-header__text">
        <h1 className="bt-page-header__title" translate={titleIsData ? 'no' : undefined}>
          {title}
        </h1>
        {description ? <p className="bt-page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="bt-page-header__actions">{actions}</div> : null}
    </header>
  );
}

/** A titled, bordered block inside a page, e.g. "Change password". */
export function Panel({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section className="bt-panel" aria-label={title}>
      <header className="bt-panel__header">
        <h2 className="bt-panel__title">{title}</h2>
        {description ? <p className="bt-panel__description">{description}</p> : null}
      </header>
      <div className="bt-panel__body">{children}</div>
    </section>
  );
}

/** Label/value pairs, e.g. a profile summary. */
export function DetailList({ items }: { items: ReadonlyArray<{ label: string; value: ReactNode }> }) {
  return (
    <dl className="bt-details">
      {items.map((item) => (
        <div key={item.label} className="bt-details__row">
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
