import type { ReactNode } from 'react';
import { cx } from './cx';
import { Icon, type IconName } from './Icon';
import './banner.css';

export type BannerTone = 'info' | 'warning' | 'danger' | 'success';

const ICONS: Record<BannerTone, IconName> = { info: 'info', warning: 'alert', danger: 'alert', success: 'check' };

export interface BannerProps {
  tone?: BannerTone;
  title?: string;
  children: ReactNode;
  action?: ReactNode;
  className?: string;
}

/** Errors are announced as soon as they appear; other tones wait politely. */
export function Banner({ tone = 'info', title, children, action, className }: BannerProps) {
  return (
    <div className={cx('bt-banner', `bt-banner--${tone}`, className)} role={tone === 'danger' ? 'alert' : 'status'}>
      <Icon name={ICONS[tone]} className="bt-banner__icon" />
      <div className="bt-banner__content">
        {title ? <p className="bt-banner__title">{title}</p> : null}
        <div>{children}</div>
      </div>
      {action ? <div className="bt-banner__action">{action}</div> : null}
    </div>
  );
}
