import './i18n';
import './styles/tokens.css';
import './styles/base.css';

export { Avatar } from './lib/Avatar';
export { Badge, ROLE_LABELS, RoleBadge, type BadgeTone } from './lib/Badge';
export { Banner, type BannerProps, type BannerTone } from './lib/Banner';
export { Button, buttonClassName, type ButtonProps, type ButtonSize, type ButtonVariant } from './lib/Button';
export { Chip, type ChipProps } from './lib/Chip';
export { copyText } from './lib/copy';
export { CopyField, type CopyFieldProps } from './lib/CopyField';
export { ContactAttributeFields, type ContactAttributeFieldsProps } from './lib/ContactAttributeFields';
export { cx } from './lib/cx';
export { ConfirmDialog, Dialog, DialogFooter, type ConfirmDialogProps, type DialogProps } from './lib/Dialog';
export { DateRangeDialog, dayRangeProblems, localToday, type DateRangeDialogProps, type DayRangeValue } from './lib/DateRangeDialog';
export { Disclosure, type DisclosureProps } from './lib/Disclosure';
export { EmptyState, type EmptyStateProps } from './lib/EmptyState';
export {
  Checkbox,
  CheckboxGroup,
  FieldShell,
  SelectField,
  TextAreaField,
  TextField,
  type CheckboxGroupProps,
  type CheckboxOption,
  type ControlAttributes,
  type SelectOption,
  type TextFieldProps,
} from './lib/fields';
export { formatConfidence, formatDateTime, formatDayLabel, formatDuration, formatShortAgo, formatTime, formatUpcoming, initialsOf, isSameDay, summarizeList } from './lib/format';
export { Icon, type IconName } from './lib/Icon';
export { Kbd } from './lib/Kbd';
export { Menu, type MenuAction, type MenuEntry, type MenuProps } from './lib/Menu';
export { DetailList, PageHeader, Panel, type PageHeaderProps } from './lib/PageHeader';
export { LoadingState, Spinner } from './lib/Spinner';
export { Switch, type SwitchProps } from './lib/Switch';
export { LANGUAGE_CODES, LANGUAGE_LABELS, POLICY_LABELS, PRESENCE_LABELS, PRIORITIES_BY_URGENCY, PRIORITY_LABELS } from './lib/routing-labels';
export { RowActions, Table, type TableColumn, type TableProps } from './lib/Table';
export { Toasts, type ToastItem } from './lib/Toasts';
export { PRODUCT_NAME, useDocumentTitle, useTitleBadge } from './lib/useDocumentTitle';
export { useNow } from './lib/useNow';
